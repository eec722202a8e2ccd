// The engine's events (core/events.ts): each rule emits where it decides, with the numbers it
// compared, and the events agree with the result they come with.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	type Algorithm,
	createMigration,
	defaultScenario,
	GiB,
	MAX_LOGGED_ROUNDS,
	MiB,
	type MigrationEvent,
	type MigrationResult,
	type PrecopyPolicy,
	resolveWorkload,
	type Scenario,
	SWITCHOVER_COST_MS,
} from '../../source/core/index.js';
import {emit, newEventLog, noteFault} from '../../source/core/events.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

function scenario(change: (s: Scenario) => void = () => {}, policy: PrecopyPolicy = 'xen'): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.precopy.policy = policy;
	s.switchoverCostMs = SWITCHOVER_COST_MS[policy];
	change(s);
	return s;
}

const run = (s: Scenario, a: Algorithm): MigrationResult => createMigration(s, a).run();
type Of<T extends MigrationEvent['type']> = Extract<MigrationEvent, {type: T}>;
const all = <T extends MigrationEvent['type']>(r: MigrationResult, type: T): Array<Of<T>> => r.events.filter((e): e is Of<T> => e.type === type);
const one = <T extends MigrationEvent['type']>(r: MigrationResult, type: T): Of<T> => {
	const found = all(r, type);
	expect(found, `one ${type} event`).toHaveLength(1);
	return found[0];
};
const live = (r: MigrationResult) => r.rounds.filter((x) => x.kind === 'live');

describe('stop events carry the numbers their rule compared', () => {
	it('xen: the last live round sent and skipped fewer than 50 pages', () => {
		const r = run(scenario(), 'precopy');
		const stop = one(r, 'stop');
		const last = live(r).at(-1)!;
		expect(stop).toMatchObject({rule: 'xen-min-pages', round: last.index, pagesLeft: last.pagesSent + last.pagesSkipped, threshold: 50});
		if (stop.rule === 'xen-min-pages') expect(stop.pagesLeft).toBeLessThan(stop.threshold);
		expect(r.reason).toMatch(/fewer than 50 pages/);
	});

	it('xen: --max-rounds live rounds', () => {
		const s = scenario((x) => {
			x.workload = resolveWorkload('uniform', x, {writeRate: 20000});
			x.precopy.maxRounds = 4;
		});
		const r = run(s, 'precopy');
		expect(one(r, 'stop')).toMatchObject({rule: 'max-rounds', rounds: 4, limit: 4, round: 3});
		expect(live(r)).toHaveLength(4);
	});

	it('xen: more than 3x memory sent, the pages counted as the rule counts them', () => {
		const s = scenario((x) => {
			x.workload = resolveWorkload('uniform', x, {writeRate: 60000});
			x.precopy.maxRounds = 1000;
		});
		const r = run(s, 'precopy');
		const stop = one(r, 'stop');
		expect(stop.rule).toBe('memory-factor');
		if (stop.rule !== 'memory-factor') return;
		const sentLive = live(r).reduce((n, x) => n + x.pagesSent, 0);
		expect(stop).toMatchObject({pagesSent: sentLive, memoryPages: s.memoryBytes / s.pageSizeBytes, factor: 3});
		expect(stop.pagesSent).toBeGreaterThan(3 * stop.memoryPages);
	});

	it('xen with rate limiting: at the 500 Mbit/s cap and sending more than the round before', () => {
		const s = scenario((x) => {
			x.memoryBytes = 64 * MiB;
			x.precopy.rateLimit = true;
			x.workload = resolveWorkload('uniform', x, {writeRate: 60000});
		});
		const r = run(s, 'precopy');
		const stop = one(r, 'stop');
		expect(stop.rule).toBe('rate-cap');
		if (stop.rule !== 'rate-cap') return;
		const rounds = live(r);
		expect(stop).toMatchObject({rateBitsPerSec: 500e6, capBitsPerSec: 500e6, pagesSent: rounds.at(-1)!.pagesSent, previousPagesSent: rounds.at(-2)!.pagesSent});
		expect(stop.pagesSent).toBeGreaterThan(stop.previousPagesSent);
		expect(r.reason).toMatch(/rate cap/);
	});

	it('xen-today: fewer than 50 pages dirty, or iteration 5', () => {
		const quiet = run(scenario((x) => (x.workload = resolveWorkload('idle', x)), 'xen-today'), 'precopy');
		const q = one(quiet, 'stop');
		expect(q.rule).toBe('xen-today-dirty');
		if (q.rule === 'xen-today-dirty') expect(q.dirtyPages).toBeLessThan(q.threshold);
		const busy = run(scenario((x) => (x.workload = resolveWorkload('uniform', x, {writeRate: 20000})), 'xen-today'), 'precopy');
		expect(one(busy, 'stop')).toMatchObject({rule: 'xen-today-iterations', iterations: 5, limit: 5});
		expect(live(busy)).toHaveLength(6);
	});

	it('qemu: the rest fits the downtime limit at the measured bandwidth', () => {
		const s = scenario(() => {}, 'qemu');
		const r = run(s, 'precopy');
		const stop = one(r, 'stop');
		expect(stop.rule).toBe('qemu-fits');
		if (stop.rule !== 'qemu-fits') return;
		expect(stop.restBytes).toBeLessThan(stop.thresholdBytes);
		expect(stop.thresholdBytes).toBeCloseTo(stop.bandwidthBytesPerMs * 300, 6);
		expect(stop).toMatchObject({downtimeLimitMs: 300, hybrid: false, round: r.rounds.filter((x) => x.kind === 'live').at(-1)!.index});
		expect(r.reason).toMatch(/300 ms downtime limit/);
	});

	it('hybrid: its pre-copy rounds; under QEMU, completing as pre-copy when the rest fits', () => {
		const xen = run(scenario(), 'hybrid');
		expect(one(xen, 'stop')).toMatchObject({rule: 'hybrid-rounds', rounds: 1, limit: 1});
		expect(one(xen, 'switchover').next).toBe('postcopy');
		const quiet = scenario((x) => (x.workload = resolveWorkload('idle', x)), 'qemu');
		const q = run(quiet, 'hybrid');
		const stop = one(q, 'stop');
		expect(stop).toMatchObject({rule: 'qemu-fits', hybrid: true});
		expect(q.reason).toMatch(/completes as pre-copy/);
		expect(one(q, 'switchover').next).toBe('done');
	});
});

describe('the other events', () => {
	it('rounds: one start and one end per round, the end with the round record', () => {
		const r = run(scenario(), 'precopy');
		const ends = all(r, 'round-end');
		expect(all(r, 'round-start')).toHaveLength(r.rounds.length);
		expect(ends.map((e) => e.round)).toEqual(r.rounds.map((x) => x.index));
		for (const [i, e] of ends.entries()) {
			const x = r.rounds[i];
			expect(e).toEqual({type: 'round-end', t: x.startMs + x.durationMs, round: x.index, kind: x.kind, durationMs: x.durationMs, pagesToSend: x.pagesToSend, pagesSent: x.pagesSent, pagesSkipped: x.pagesSkipped, pagesDirtied: x.pagesDirtied, bytesSent: x.bytesSent, cutOff: false});
		}
	});

	it('auto-converge: every throttle step, ending at the result\'s throttle, each past its trigger', () => {
		const s = scenario((x) => {
			x.workload = resolveWorkload('mmuncher', x);
			x.precopy.autoConverge = true;
		}, 'qemu');
		const r = run(s, 'precopy');
		const steps = all(r, 'throttle');
		expect(steps.length).toBeGreaterThan(0);
		expect(steps.at(-1)!.toPercent).toBe(r.maxThrottlePercent);
		expect(steps[0].fromPercent).toBe(0);
		for (const st of steps) expect(st.dirtiedBytes).toBeGreaterThan(st.share * st.sentBytes);
		for (let i = 1; i < steps.length; i++) expect(steps[i].fromPercent).toBe(steps[i - 1].toPercent);
	});

	it('the switch-over: how long the VM was paused and what crossed', () => {
		const pre = run(scenario(), 'precopy');
		const sw = one(pre, 'switchover');
		const stopRound = pre.rounds.find((x) => x.kind === 'stop-and-copy')!;
		expect(sw.durationMs).toBeCloseTo(pre.downtimeMs, 9);
		expect(sw).toMatchObject({pages: stopRound.pagesSent, bytes: stopRound.bytesSent + pre.cpuStateBytes, cpuStateBytes: pre.cpuStateBytes, next: 'done'});
		expect(one(pre, 'vm-paused').t).toBeCloseTo(sw.t - sw.durationMs, 9);
		const post = run(scenario(), 'postcopy');
		expect(one(post, 'switchover')).toMatchObject({nonPageablePages: post.pagesNonPageable, pages: post.pagesNonPageable, next: 'postcopy'});
	});

	it('a cancel: the dirty rate against the send rate', () => {
		const s = scenario((x) => {
			x.workload = resolveWorkload('uniform', x, {writeRate: 100_000});
			x.precopy.cancelAfterMs = 2000;
		}, 'qemu');
		const r = run(s, 'precopy');
		const c = one(r, 'not-converging');
		expect(c).toMatchObject({t: 2000, cancelAfterMs: 2000});
		expect(c.dirtyPagesPerSec).toBeGreaterThan(c.sendPagesPerSec);
		expect(r.reason).toContain(`${Math.round(c.dirtyPagesPerSec)} pages/s`);
		expect(one(r, 'end')).toMatchObject({outcome: 'cancelled', cause: 'cancelled'});
	});

	it('the link: down before the switch aborts; in post-copy it pauses and resumes, or the VM is lost', () => {
		const early = run(scenario((x) => (x.linkFailure = {atMs: 500, forMs: 1000})), 'precopy');
		expect(one(early, 'link-down')).toEqual({type: 'link-down', t: 500, upAt: 1500, during: 'precopy'});
		expect(one(early, 'end')).toMatchObject({outcome: 'aborted', cause: 'link-down', t: 500});
		const late = run(scenario((x) => (x.linkFailure = {atMs: 1000, forMs: 700})), 'postcopy');
		expect(one(late, 'link-down').during).toBe('postcopy');
		expect(one(late, 'link-up')).toEqual({type: 'link-up', t: 1700, downForMs: 700});
		expect(one(late, 'postcopy-paused').t).toBe(1000);
		expect(one(late, 'postcopy-resumed')).toEqual({type: 'postcopy-resumed', t: 1700, pausedMs: 700});
		const lost = run(scenario((x) => (x.linkFailure = {atMs: 1000, forMs: null})), 'postcopy');
		expect(one(lost, 'end')).toMatchObject({outcome: 'vm-lost', cause: 'link-never-returned'});
		const noRecovery = run(scenario((x) => {
			x.linkFailure = {atMs: 1000, forMs: 500};
			x.postcopy.recovery = false;
		}), 'postcopy');
		expect(one(noRecovery, 'end')).toMatchObject({outcome: 'vm-lost', cause: 'no-recovery'});
	});

	it('faults: the first, then bursts that add up to the result, each wait split into its parts', () => {
		const s = defaultScenario();
		s.workload = resolveWorkload('hpc', s, {writeRate: 60000, readRate: 60000, wssBytes: 2 * GiB});
		const r = run(s, 'postcopy');
		expect(r.networkFaults).toBeGreaterThan(3000);
		const first = one(r, 'first-fault');
		const bursts = all(r, 'fault-burst');
		// Aggregated: tens of events for thousands of faults.
		expect(bursts.length).toBeLessThan(60);
		expect(bursts.reduce((n, b) => n + b.faults, 0)).toBe(r.networkFaults);
		expect(first.t).toBe(bursts[0].fromMs);
		expect(first.waitMs).toBeCloseTo(first.rttMs + first.transferMs + first.queueMs + first.linkDownMs, 9);
		expect(first.rttMs).toBe(s.rttMs);
		for (const b of bursts) {
			expect(b.fromMs).toBeLessThanOrEqual(b.toMs);
			expect(b.toMs).toBeLessThanOrEqual(b.t);
			expect(b.waitMs).toBeCloseTo(b.rttMs + b.transferMs + b.queueMs + b.linkDownMs, 6);
			expect(b.rttMs).toBeCloseTo(b.faults * s.rttMs, 6);
			expect(b.maxWaitMs * b.faults).toBeGreaterThanOrEqual(b.waitMs - 1e-6);
		}
		// The stall is the faults' waits (one vCPU, no in-flight waits counted apart).
		const waited = bursts.reduce((n, b) => n + b.waitMs, 0);
		expect(waited).toBeLessThanOrEqual(r.stallMs + 1e-6);
		expect(all(r, 'prepaging').reduce((n, p) => n + p.pages, 0)).toBe(r.pagesPrepaged);
	});

	it('a fault while the link is down counts the outage in its wait', () => {
		const s = scenario((x) => (x.linkFailure = {atMs: 1000, forMs: 700}));
		const r = run(s, 'postcopy');
		const down = all(r, 'fault-burst').filter((b) => b.linkDownMs > 0);
		expect(down.length).toBeGreaterThan(0);
		expect(down[0].linkDownMs).toBeLessThanOrEqual(700 * down[0].faults);
	});

	it('the end, then the verification', () => {
		const r = run(scenario(), 'postcopy');
		const tail = r.events.slice(-2);
		expect(tail[0]).toMatchObject({type: 'end', outcome: 'completed', t: r.totalTimeMs, downtimeMs: r.downtimeMs, stallMs: r.stallMs});
		expect(tail[1]).toEqual({type: 'verified', t: r.totalTimeMs, ok: true});
	});

	it('stays bounded: rounds past the logged limit are counted, not listed', () => {
		const log = newEventLog();
		for (let round = 0; round < MAX_LOGGED_ROUNDS + 100; round++) {
			emit(log, {type: 'round-start', t: round, round, kind: 'live', pagesToSend: 10, rateBitsPerSec: 1e9});
			emit(log, {type: 'round-end', t: round + 0.5, round, kind: 'live', durationMs: 0.5, pagesToSend: 10, pagesSent: 10, pagesSkipped: 0, pagesDirtied: 10, bytesSent: 41040, cutOff: false});
		}
		emit(log, {type: 'vm-paused', t: 1e6});
		expect(log.events).toHaveLength(2 * MAX_LOGGED_ROUNDS + 1);
		expect(log.roundsUnlogged).toBe(100);
	});

	it('a fault window closes at its end, before any later event, so the list stays in time order', () => {
		const log = newEventLog();
		noteFault(log, 100, 7, 101.5, 0.03, 1, 0, 0);
		noteFault(log, 600, 8, 601.2, 0.03, 1, 0, 5);
		emit(log, {type: 'link-down', t: 1500, upAt: null, during: 'postcopy'});
		expect(log.events.map((e) => [e.type, e.t])).toEqual([
			['first-fault', 100],
			['fault-burst', 1100],
			['prepaging', 1100],
			['link-down', 1500],
		]);
		expect(log.events[1]).toMatchObject({fromMs: 100, toMs: 600, faults: 2, maxWaitMs: 1.5, rttMs: 2});
		const burst = log.events[1] as Extract<MigrationEvent, {type: 'fault-burst'}>;
		expect(burst.waitMs).toBeCloseTo(2.7, 9);
		expect(burst.queueMs).toBeCloseTo(2.7 - 2 - 0.06, 9);
		expect(log.events[2]).toMatchObject({pages: 5});
	});
});

describe('event properties', () => {
	const runs = Number(process.env.LIVEMIG_PROPERTY_RUNS ?? 40);
	it('same seed, same events, however time is sliced; read incrementally they are the result\'s; in time order', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, fc.integer({min: 1, max: 700}), (s, a, slice) => {
				const whole = run(s, a);
				const m = createMigration(structuredClone(s), a);
				const seen: MigrationEvent[] = [];
				let guard = 0;
				while (!m.finished && guard++ < 1e6) {
					m.step(slice);
					seen.push(...m.eventsSince(seen.length));
				}
				const result = m.result();
				seen.push(...m.eventsSince(seen.length));
				expect(JSON.stringify(result.events)).toBe(JSON.stringify(whole.events));
				expect(JSON.stringify(seen)).toBe(JSON.stringify(whole.events));
				for (let i = 1; i < seen.length; i++) expect(seen[i].t).toBeGreaterThanOrEqual(seen[i - 1].t);
				expect(seen.filter((e) => e.type === 'end')).toHaveLength(1);
				const faults = seen.reduce((n, e) => n + (e.type === 'fault-burst' ? e.faults : 0), 0);
				expect(faults).toBe(whole.networkFaults);
				const stops = seen.filter((e) => e.type === 'stop');
				expect(stops.length).toBeLessThanOrEqual(1);
				if (whole.outcome === 'completed' && a === 'precopy') expect(stops).toHaveLength(1);
			}),
			{numRuns: runs},
		);
	});
});
