import {describe, expect, it} from 'vitest';
import {
	createMigration,
	defaultScenario,
	GiB,
	MiB,
	type MigrationResult,
	resolveWorkload,
	type Scenario,
	type Algorithm,
	PAGE_HEADER_BYTES,
} from '../../source/core/index.js';

function scenario(change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 1 * GiB;
	change(s);
	return s;
}

function withWorkload(s: Scenario, kind: Parameters<typeof resolveWorkload>[0], o: Parameters<typeof resolveWorkload>[2] = {}): void {
	s.workload = resolveWorkload(kind, s, o);
}

const run = (s: Scenario, a: Algorithm): MigrationResult => createMigration(s, a).run();

describe('the analytic pre-copy model', () => {
	it('pages dirtied in a round of length T match N(1 - exp(-D*T/N)) for uniform writes', () => {
		const s = scenario((x) => withWorkload(x, 'uniform', {writeRate: 15000}));
		const r = run(s, 'precopy');
		const N = s.memoryBytes / s.pageSizeBytes;
		const D = s.workload.writeRate / 1000; // per ms
		const live = r.rounds.filter((x) => x.kind === 'live' && x.durationMs * D > 200);
		expect(live.length).toBeGreaterThanOrEqual(3);
		for (const round of live) {
			const expected = N * (1 - Math.exp((-D * round.durationMs) / N));
			// Binomial noise is ~sqrt(expected); allow 4 sigma plus 1%.
			expect(Math.abs(round.pagesDirtied - expected)).toBeLessThan(4 * Math.sqrt(expected) + 0.01 * expected);
		}
	});

	it('each round lasts its bytes over the bandwidth', () => {
		const s = scenario((x) => withWorkload(x, 'hotspot'));
		const r = run(s, 'precopy');
		const rate = s.bandwidthBitsPerSec / 8 / 1000;
		const pageTime = (s.pageSizeBytes + PAGE_HEADER_BYTES) / rate;
		// The first round also fills the channel's buffer: its last page is written that much
		// before it is through. From then on the buffer stays full and a round's bytes leave at the link's rate.
		for (const round of r.rounds.filter((x) => x.kind === 'live')) {
			const filling = round.index === 0 ? s.channelBufferBytes : 0;
			expect(Math.abs(round.durationMs - (round.bytesSent - filling) / rate)).toBeLessThanOrEqual(pageTime);
		}
	});

	it('round volumes follow the geometric model V_i = M * lambda^i while few pages are dirtied twice', () => {
		const s = scenario((x) => {
			withWorkload(x, 'uniform', {writeRate: 1500});
			x.precopy.policy = 'qemu';
			x.precopy.downtimeLimitMs = 1;
		});
		const r = run(s, 'precopy');
		const pagesPerSec = s.bandwidthBitsPerSec / 8 / (s.pageSizeBytes + PAGE_HEADER_BYTES);
		const lambda = s.workload.writeRate / pagesPerSec;
		const M = s.memoryBytes / s.pageSizeBytes;
		const live = r.rounds.filter((x) => x.kind === 'live');
		for (const round of live.slice(0, 3)) {
			const model = M * lambda ** round.index;
			expect(round.pagesToSend / model).toBeGreaterThan(0.9);
			expect(round.pagesToSend / model).toBeLessThan(1.1);
		}
	});
});

describe('the papers\' qualitative findings', () => {
	it('pre-copy downtime grows with the dirty rate when rounds are capped; post-copy\'s does not', () => {
		const rates = [4000, 12000, 24000];
		const pre: number[] = [];
		const post: number[] = [];
		for (const writeRate of rates) {
			const s = scenario((x) => {
				withWorkload(x, 'uniform', {writeRate});
				x.precopy.maxRounds = 5;
			});
			pre.push(run(s, 'precopy').downtimeMs);
			post.push(run(s, 'postcopy').downtimeMs);
		}
		expect(pre[1]).toBeGreaterThan(pre[0] * 1.5);
		expect(pre[2]).toBeGreaterThan(pre[1] * 1.5);
		expect(Math.max(...post) - Math.min(...post)).toBeLessThan(0.001);
		expect(post[0]).toBeLessThan(pre[0]);
	});

	it('mmuncher: pre-copy ends by its round or volume limit; post-copy finishes sooner with fewer pages', () => {
		const s = scenario((x) => withWorkload(x, 'mmuncher'));
		const pre = run(s, 'precopy');
		const post = run(s, 'postcopy');
		expect(pre.reason).toMatch(/rounds|3x memory/);
		expect(post.outcome).toBe('completed');
		expect(post.totalTimeMs).toBeLessThan(pre.totalTimeMs);
		expect(post.pagesTransferred).toBeLessThan(pre.pagesTransferred);
		// The pages in the pause: both pay the same fixed switch-over cost on top.
		expect(pre.downtimeMs - s.switchoverCostMs).toBeGreaterThan(100 * (post.downtimeMs - s.switchoverCostMs));
	});

	it('pre-paging cuts network faults on a workload with locality', () => {
		for (const kind of ['sequential', 'kernel-compile'] as const) {
			const on = run(scenario((x) => withWorkload(x, kind)), 'postcopy');
			const off = run(
				scenario((x) => {
					withWorkload(x, kind);
					x.postcopy.pushOrder = 'linear';
				}),
				'postcopy',
			);
			expect(on.networkFaults, kind).toBeLessThan(off.networkFaults * 0.7);
		}
	});

	it('auto-converge makes a non-converging VM converge', () => {
		const base = (x: Scenario) => {
			withWorkload(x, 'mmuncher');
			x.precopy.policy = 'qemu';
			x.precopy.cancelAfterMs = 120_000;
		};
		const without = run(scenario(base), 'precopy');
		const withAc = run(
			scenario((x) => {
				base(x);
				x.precopy.autoConverge = true;
			}),
			'precopy',
		);
		// QEMU has no round cap: without the throttle the migration never ends (cancelled).
		expect(without.outcome).toBe('cancelled');
		expect(withAc.outcome).toBe('completed');
		expect(withAc.reason).toMatch(/downtime limit/);
		expect(withAc.maxThrottlePercent).toBeGreaterThanOrEqual(20);
		expect(withAc.throttledMs).toBeGreaterThan(0);
		// The rest fit 300 ms at the measured bandwidth; the fixed switch-over cost comes on top.
		expect(withAc.downtimeMs).toBeLessThan(300 + defaultScenario().switchoverCostMs + 50);
	});

	it('ballooning skips free pages', () => {
		const plain = run(scenario((x) => (x.freeFraction = 0.4)), 'postcopy');
		const balloon = run(
			scenario((x) => {
				x.freeFraction = 0.4;
				x.postcopy.balloon = true;
			}),
			'postcopy',
		);
		expect(balloon.pagesBallooned).toBeGreaterThan(0);
		expect(balloon.pagesTransferred).toBe(plain.pagesTransferred - balloon.pagesBallooned);
		expect(balloon.totalTimeMs).toBeLessThan(plain.totalTimeMs);
		expect(balloon.verified).toBe(true);
	});

	it('zero pages travel as a header and are counted apart', () => {
		const r = run(scenario((x) => (x.zeroFraction = 0.25)), 'precopy');
		expect(r.zeroPages).toBeGreaterThan(0.2 * (GiB / 4096));
		expect(r.verified).toBe(true);
	});
});

describe('link failure', () => {
	const failing = (atMs: number, forMs: number | null, recovery = true) =>
		scenario((x) => {
			x.memoryBytes = 256 * MiB;
			x.linkFailure = {atMs, forMs};
			x.postcopy.recovery = recovery;
		});

	it('aborts pre-copy safely: the VM keeps running at the source', () => {
		const r = run(failing(1000, 2000), 'precopy');
		expect(r.outcome).toBe('aborted');
		expect(r.reason).toMatch(/source/);
		expect(r.downtimeMs).toBe(0);
		expect(r.totalTimeMs).toBe(1000);
	});

	it('pauses post-copy and recovers when the link comes back (QEMU)', () => {
		const r = run(failing(1000, 2000), 'postcopy');
		const clean = run(scenario((x) => (x.memoryBytes = 256 * MiB)), 'postcopy');
		expect(r.outcome).toBe('completed');
		expect(r.verified).toBe(true);
		expect(r.postcopyPausedMs).toBeGreaterThan(0);
		expect(r.postcopyPausedMs).toBeLessThanOrEqual(2000);
		expect(r.totalTimeMs).toBeGreaterThan(clean.totalTimeMs + 1500);
	});

	it('loses the VM without recovery, or when the link never returns', () => {
		// Hybrid switches to post-copy after its first round: fail just after that.
		const clean = run(scenario((x) => (x.memoryBytes = 256 * MiB)), 'hybrid');
		// ...and its switch-over pause (the state and the fixed --switchover-cost).
		const afterSwitch = Math.ceil(clean.rounds[0].durationMs + clean.downtimeMs) + 20;
		for (const r of [run(failing(1000, 2000, false), 'postcopy'), run(failing(afterSwitch, null), 'hybrid')]) {
			expect(r.outcome).toBe('vm-lost');
			expect(r.verified).toBe(false);
			expect(r.split).not.toBeNull();
			expect(r.split!.pagesAtTarget).toBeGreaterThan(0);
			expect(r.split!.pagesOnlyAtSource).toBeGreaterThan(0);
		}
	});
});
