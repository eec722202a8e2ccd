import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {buildLayout, createMigration, type MigrationResult, type Scenario} from '../../source/core/index.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

const runs = Number(process.env.LIVEMIG_PROPERTY_RUNS ?? 100);

function run(s: Scenario, algorithm: Parameters<typeof createMigration>[1], options = {}): MigrationResult {
	return createMigration(s, algorithm, options).run();
}

describe('invariants over random scenarios', () => {
	it('every completed migration leaves every page at the target at its latest version', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				if (r.outcome === 'completed') expect(r.verified, `${a}: ${r.reason}`).toBe(true);
				else expect(r.verified).toBe(false);
			}),
			{numRuns: runs},
		);
	});

	it('bytes and pages add up over rounds, faults and the CPU state', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				const roundBytes = r.rounds.reduce((n, x) => n + x.bytesSent, 0);
				const roundPages = r.rounds.reduce((n, x) => n + x.pagesSent, 0);
				expect(roundBytes + r.faultBytes + r.cpuStateBytes).toBe(r.bytesTransferred);
				expect(roundPages + r.networkFaults).toBe(r.pagesTransferred);
				expect(r.zeroPages + r.normalPages).toBe(r.pagesTransferred);
				for (const x of r.rounds) expect(x.pagesSent + x.pagesSkipped).toBeLessThanOrEqual(x.pagesToSend);
				if (r.outcome === 'completed') expect(r.cpuStateBytes).toBe(s.cpuStateBytes);
			}),
			{numRuns: runs},
		);
	});

	it('post-copy moves each page exactly once, and ballooned pages never', () => {
		fc.assert(
			fc.property(scenarioArb, (s) => {
				const m = createMigration(s, 'postcopy', {audit: true});
				const r = m.run();
				if (r.outcome !== 'completed') return;
				const layout = buildLayout(s);
				const counts = m.sendCounts!;
				for (let p = 0; p < counts.length; p++) {
					const expected = s.postcopy.balloon && layout.free.get(p) ? 0 : 1;
					if (counts[p] !== expected) expect.fail(`page ${p} sent ${counts[p]} times, expected ${expected}`);
				}
				expect(r.pagesTransferred).toBe(layout.pages - r.pagesBallooned);
			}),
			{numRuns: Math.ceil(runs / 2)},
		);
	});

	it('the same scenario and seed give the same report, byte for byte', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				expect(JSON.stringify(run(s, a))).toBe(JSON.stringify(run(structuredClone(s), a)));
			}),
			{numRuns: Math.ceil(runs / 3)},
		);
	});

	it('bringing the link up to date only when an access needs it changes nothing', () => {
		// The engine skips pumping the link for accesses that commute with it; this compares
		// against pumping before every access.
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				expect(JSON.stringify(run(s, a))).toBe(JSON.stringify(run(s, a, {eager: true})));
			}),
			{numRuns: runs},
		);
	});

	it('stepping in small slices gives the same result as one run', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, fc.integer({min: 1, max: 500}), (s, a, slice) => {
				const m = createMigration(s, a);
				let guard = 0;
				while (!m.finished && guard++ < 1e6) {
					m.step(slice);
					m.snapshot(64);
				}
				expect(JSON.stringify(m.result())).toBe(JSON.stringify(run(s, a)));
			}),
			{numRuns: Math.ceil(runs / 3)},
		);
	});
});

describe('workload streams', () => {
	it('stay inside memory, off free pages, and in time order', async () => {
		const {createStreams} = await import('../../source/core/index.js');
		fc.assert(
			fc.property(scenarioArb, (s) => {
				const layout = buildLayout(s);
				const streams = createStreams(s, layout);
				for (const stream of [streams.writes, streams.reads]) {
					let last = 0;
					for (let n = 0; n < 2000; n++) {
						const t = stream.timeOf(n);
						if (t === Infinity) break;
						expect(t).toBeGreaterThanOrEqual(last);
						last = t;
						const p = stream.pageOf(n);
						expect(p).toBeGreaterThanOrEqual(0);
						expect(p).toBeLessThan(layout.pages);
						expect(layout.free.get(p)).toBe(false);
						expect(stream.indexAt(t)).toBeLessThanOrEqual(n);
					}
				}
			}),
			{numRuns: runs},
		);
	});
});

describe('hybrid forked off pre-copy', () => {
	it('gives the same result as a hybrid run of its own, and leaves pre-copy unchanged', async () => {
		const {canForkHybrid} = await import('../../source/core/index.js');
		fc.assert(
			fc.property(scenarioArb, (s) => {
				if (!canForkHybrid(s)) return;
				let forked: ReturnType<typeof createMigration> | null = null;
				const pre = createMigration(s, 'precopy', {onHybridFork: (h) => (forked = h)}).run();
				expect(JSON.stringify(pre)).toBe(JSON.stringify(run(s, 'precopy')));
				const alone = run(s, 'hybrid');
				if (!forked) {
					// No fork: pre-copy never finished a round (the link failed first, or it was cancelled), and neither did hybrid.
					expect(pre.rounds.filter((r) => r.kind === 'live' && r.durationMs >= 0).length === 0 || pre.outcome === 'aborted' || pre.outcome === 'cancelled').toBe(true);
					return;
				}
				expect(JSON.stringify((forked as ReturnType<typeof createMigration>).run())).toBe(JSON.stringify(alone));
			}),
			{numRuns: runs},
		);
	});
});
