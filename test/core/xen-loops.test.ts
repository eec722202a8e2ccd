// Xen's two pre-copy loops (issue 10): the legacy one (xc_domain_save.c) and today's
// (xg_sr_save.c, simple_precopy_policy).
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, resolveWorkload, type Scenario, XEN_MAX_ITERS} from '../../source/core/index.js';

function xen(change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 128 * MiB;
	change(s);
	return s;
}

const live = (r: ReturnType<ReturnType<typeof createMigration>['run']>) => r.rounds.filter((x) => x.kind === 'live');

describe('Xen\'s legacy loop', () => {
	it('makes 29 live rounds and then the last (DEF_MAX_ITERS 29)', () => {
		expect(XEN_MAX_ITERS).toBe(29);
		expect(defaultScenario().precopy.maxRounds).toBe(29);
		// A hot set written faster than a round can outrun, and never 3x memory: the cap ends it.
		const s = xen((x) => (x.workload = resolveWorkload('mmuncher', x, {wssBytes: 4 * MiB})));
		const r = createMigration(s, 'precopy').run();
		expect(r.reason).toBe('reached 29 rounds');
		expect(live(r)).toHaveLength(29);
		expect(r.rounds.at(-1)!.kind).toBe('stop-and-copy');
	});

	it('with rate limiting the rate only ever rises: to the dirty rate + 50 Mbit/s when that is above it', () => {
		for (const kind of ['game', 'web', 'hotspot', 'kernel-compile'] as const) {
			const s = xen((x) => {
				x.precopy.rateLimit = true;
				x.workload = resolveWorkload(kind, x);
			});
			const rounds = live(createMigration(s, 'precopy').run());
			expect(rounds[0].rateBitsPerSec, kind).toBe(100e6);
			for (let i = 1; i < rounds.length; i++) {
				const prev = rounds[i - 1];
				expect(rounds[i].rateBitsPerSec, `${kind} round ${i}`).toBeGreaterThanOrEqual(prev.rateBitsPerSec);
				const dirtyBits = ((prev.pagesDirtied * s.pageSizeBytes * 8) / prev.durationMs) * 1000;
				const expected = dirtyBits > prev.rateBitsPerSec ? Math.min(500e6, dirtyBits + 50e6) : prev.rateBitsPerSec;
				expect(rounds[i].rateBitsPerSec / expected, `${kind} round ${i}`).toBeCloseTo(1, 9);
			}
		}
	});
});

describe('today\'s Xen (xen-today: simple_precopy_policy)', () => {
	it('stops after iteration 5: six live rounds at most, no page skipped, no 3x rule', () => {
		const s = xen((x) => {
			x.precopy.policy = 'xen-today';
			x.workload = resolveWorkload('mmuncher', x);
		});
		const r = createMigration(s, 'precopy').run();
		expect(r.outcome).toBe('completed');
		expect(r.verified).toBe(true);
		expect(r.reason).toBe('reached 5 iterations');
		expect(live(r)).toHaveLength(6);
		for (const x of r.rounds) expect(x.pagesSkipped).toBe(0);
	});

	it('stops once fewer than 50 pages are dirty, after sending those live', () => {
		const s = xen((x) => {
			x.precopy.policy = 'xen-today';
			x.workload = resolveWorkload('idle', x);
		});
		const r = createMigration(s, 'precopy').run();
		expect(r.reason).toBe('fewer than 50 pages dirty');
		const rounds = live(r);
		expect(rounds.length).toBeLessThan(6);
		expect(rounds.at(-1)!.pagesToSend).toBeLessThan(50);
	});

	it('the legacy loop on the same guest skips re-dirtied pages and runs longer', () => {
		const today = createMigration(xen((x) => ((x.precopy.policy = 'xen-today'), (x.workload = resolveWorkload('mmuncher', x)))), 'precopy').run();
		const legacy = createMigration(xen((x) => (x.workload = resolveWorkload('mmuncher', x))), 'precopy').run();
		expect(legacy.rounds.some((x) => x.pagesSkipped > 0)).toBe(true);
		expect(live(legacy).length).toBeGreaterThan(live(today).length);
	});
});
