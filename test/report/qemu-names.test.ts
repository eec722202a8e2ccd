import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, type Scenario} from '../../source/core/index.js';
import {qemuView} from '../../source/report/report.js';
import {qemuEntries} from '../../source/ui/qemu-live.js';

/** A QEMU name of the `i` view ("ram.normal") looked up in the report's qemu object. */
function inReport(view: ReturnType<typeof qemuView>, name: string): unknown {
	return name.startsWith('ram.') ? view.ram[name.slice(4) as keyof typeof view.ram] : view[name as keyof typeof view];
}

describe('QEMU names', () => {
	for (const algorithm of ['precopy', 'postcopy'] as const)
		it(`give the same figures live at the end as in the report (${algorithm})`, () => {
			const s: Scenario = {...defaultScenario(), memoryBytes: 64 * MiB};
			const m = createMigration(s, algorithm);
			const result = m.run();
			const live = qemuEntries(m.snapshot(), s);
			m.dispose();
			const report = qemuView(result, s);
			expect(live.length).toBeGreaterThan(10);
			for (const [name, value] of live) {
				// The live view shows ram.mbps to one decimal, the report to three.
				if (name === 'ram.mbps') expect(value).toBeCloseTo(report.ram.mbps, 1);
				// Not the mapping's: a snapshot's rate is its last round's (pre-copy's stop-and-copy: 0),
				// a result's its last live round's (core/views.ts).
				else if (name === 'ram.dirty-pages-rate') continue;
				else expect(value, name).toBe(inReport(report, name));
			}
		});
});
