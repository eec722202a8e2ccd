import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {costBound, createMigration, type Scenario} from '../../source/core/index.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

// The CLI refuses scenarios on the strength of these bounds, so they must hold for every
// run: if one is too low, a scenario that fits could still run for ever.
describe('costBound', () => {
	it('bounds what a run lasts and the pages its live rounds see dirtied', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, algorithm) => {
				const bound = costBound(s, algorithm);
				const r = createMigration(s, algorithm).run();
				expect(r.totalTimeMs).toBeLessThanOrEqual(bound.simMs * (1 + 1e-9) + 1e-9);
				// Each page dirtied in a live round took at least one write.
				const dirtied = r.rounds.filter((x) => x.kind === 'live').reduce((n, x) => n + x.pagesDirtied, 0);
				expect(dirtied).toBeLessThanOrEqual(bound.writes + 1);
			}),
			{numRuns: 60},
		);
	});

	it('is tight where the engine has no choice: post-copy sends every page once', () => {
		fc.assert(
			fc.property(scenarioArb, (arb) => {
				const s = {...arb, freeFraction: 0, zeroFraction: 0, linkFailure: null};
				const r = createMigration(s, 'postcopy').run();
				expect(r.outcome).toBe('completed');
				// The link carries all memory and the CPU state, so the run lasts at least the
				// bound less its allowance for round trips (the switch's and a last fault's).
				const bound = costBound(s, 'postcopy').simMs;
				// Non-pageable pages cross in the pause at the link's full rate, not the push's
				// (perhaps capped) one, and without the placing time (--postcopy-place-rate), which
				// the bound charges every page rounded up to a byte: there it only holds from above.
				if ((s.nonPageableBytes === 0 || s.postcopy.maxBandwidthBitsPerSec === null) && s.postcopy.placeRate === undefined)
					expect(r.totalTimeMs).toBeGreaterThanOrEqual((bound - 2 * s.rttMs) * (1 - 1e-9));
				expect(r.totalTimeMs).toBeLessThanOrEqual(bound * (1 + 1e-9));
			}),
			{numRuns: 100},
		);
	});

});

describe('costBound, a case property runs found', () => {
	it('counts the channel buffer still draining when the pause begins (xen-today cut by --cancel-after, 4 MiB buffer)', () => {
		const s: Scenario = JSON.parse(
			'{"memoryBytes":8388608,"pageSizeBytes":4096,"cpuStateBytes":110000,"switchoverCostMs":60,"nonPageableBytes":0,"freeFraction":0,"zeroFraction":0,"bandwidthBitsPerSec":949000000,"rttMs":0,"channelBufferBytes":4194304,"linkFailure":null,"workload":{"kind":"idle","pattern":"hotspot","writeRate":40484,"readRate":50,"wssBytes":8388608,"hotShare":1,"burstPages":1,"hotExtents":1},"seed":28,"precopy":{"policy":"xen-today","maxRounds":1,"downtimeLimitMs":1,"autoConverge":false,"rateLimit":false,"maxBandwidthBitsPerSec":null,"cancelAfterMs":213},"postcopy":{"pushOrder":"qemu","preempt":false,"balloon":false,"recovery":false,"maxBandwidthBitsPerSec":null},"hybrid":{"precopyRounds":1}}',
		);
		const r = createMigration(s, 'precopy').run();
		expect(r.totalTimeMs).toBeLessThanOrEqual(costBound(s, 'precopy').simMs);
	});
});
