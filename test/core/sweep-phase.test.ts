// A sequential sweep is migrated mid-loop: where it stands when the migration starts comes
// from the seed (core/workloads/access-stream.ts, SWEEP_PHASE_STREAM). Before, every sweep
// began at its region's first page with the migration, so post-copy's push, which starts
// there too, ran alongside it.
import {describe, expect, it} from 'vitest';
import {buildLayout, defaultScenario, MiB, resolveWorkload} from '../../source/core/index.js';
import {createVcpuStreams} from '../../source/core/workloads/access-stream.js';

function sweep(seed: number) {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.seed = seed;
	s.workload = resolveWorkload('sequential', s, {wssBytes: 64 * MiB});
	const layout = buildLayout(s);
	return {s, layout, region: layout.hot[0]};
}

describe('a sequential sweep at the migration\'s start', () => {
	it('stands anywhere in its region, the same for the same seed', () => {
		const starts = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
			const {s, layout, region} = sweep(seed);
			const first = createVcpuStreams(s, layout, 1).writes[0].pageOf(0);
			expect(first).toBeGreaterThanOrEqual(region.start);
			expect(first).toBeLessThan(region.start + region.length);
			expect(createVcpuStreams(s, layout, 1).writes[0].pageOf(0)).toBe(first);
			return (first - region.start) / region.length;
		});
		// Eight seeds, eight places, spread over the region (not all at its start).
		expect(new Set(starts).size).toBe(8);
		expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(0.3);
	});

	it('keeps the reader half a region behind the writer, and every vCPU at the same share of its slice', () => {
		const {s, layout, region} = sweep(3);
		const one = createVcpuStreams(s, layout, 1);
		const w = one.writes[0].pageOf(0) - region.start;
		const r = one.reads[0].pageOf(0) - region.start;
		expect((r - w + region.length) % region.length).toBe(Math.floor(region.length / 2));
		const two = createVcpuStreams(s, layout, 2);
		const half = region.length / 2;
		const at0 = (two.writes[0].pageOf(0) - region.start) / half;
		const at1 = (two.writes[1].pageOf(0) - region.start - half) / half;
		expect(Math.abs(at0 - at1)).toBeLessThan(1e-3);
	});
});
