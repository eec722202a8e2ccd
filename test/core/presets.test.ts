// The presets that claim a paper's figure reproduce it in the paper's setting (Xen's loop).
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, presets, resolveWorkload, SWITCHOVER_COST_MS} from '../../source/core/index.js';

describe('presets in the setting of the figure they imitate', () => {
	for (const kind of ['game', 'web'] as const) {
		it(`${kind}: downtime within 10% of Clark's ${presets[kind].paper!.downtimeMs} ms`, () => {
			const paper = presets[kind].paper!;
			const s = defaultScenario();
			s.memoryBytes = paper.memoryBytes;
			s.bandwidthBitsPerSec = paper.bandwidthBitsPerSec;
			s.precopy.rateLimit = paper.rateLimit;
			s.switchoverCostMs = SWITCHOVER_COST_MS.xen;
			s.workload = resolveWorkload(kind, s);
			const r = createMigration(s, 'precopy').run();
			expect(r.outcome).toBe('completed');
			expect(Math.abs(r.downtimeMs - paper.downtimeMs)).toBeLessThan(0.1 * paper.downtimeMs);
			// Most of the pause is what the mechanism says: the fixed cost, plus the final pages.
			const last = r.rounds.at(-1)!;
			expect(r.downtimeMs).toBeCloseTo(s.switchoverCostMs + s.rttMs + ((last.bytesSent + s.cpuStateBytes) * 8) / s.bandwidthBitsPerSec * 1000, 6);
		});
	}
});
