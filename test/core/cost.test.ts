import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {costBound, createMigration} from '../../source/core/index.js';
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
