// The presets that claim a paper's figure reproduce it in the paper's setting (Xen's loop).
import {describe, expect, it} from 'vitest';
import {paperScenario} from './paper-setting.js';
import {createMigration, presets} from '../../source/core/index.js';

describe('presets in the setting of the figure they imitate', () => {
	for (const kind of ['game', 'web'] as const) {
		it(`${kind}: downtime within 10% of Clark's ${presets[kind].paper!.downtimeMs} ms`, () => {
			const paper = presets[kind].paper!;
			const s = paperScenario(kind);
			const r = createMigration(s, 'precopy').run();
			expect(r.outcome).toBe('completed');
			expect(Math.abs(r.downtimeMs - paper.downtimeMs)).toBeLessThan(0.1 * paper.downtimeMs);
			// Most of the pause is what the mechanism says: the fixed cost, plus the final pages.
			const last = r.rounds.at(-1)!;
			expect(r.downtimeMs).toBeCloseTo(s.switchoverCostMs + s.rttMs + ((last.bytesSent + s.cpuStateBytes) * 8) / s.bandwidthBitsPerSec * 1000, 6);
		});
	}
});
