// What one engine run can cost at most, known before it runs. The engine's work grows with
// the VM's accesses (every write, and every read at the target, is an event), so a bound on
// accesses bounds the time a run takes; inputs that would pass it are refused up front.
// Each figure is an upper bound that follows how the engine proceeds (see the steps).

import {bytesPerMs, hostPagePages, liveBytesPerMs, PAGE_HEADER_BYTES, pageCount, placeMsOf, postcopyBytesPerMs, type Algorithm, type Scenario, SIM_TIME_LIMIT_MS, TARGET_PAGE_BYTES} from './scenario.js';
import {slowestLiveRate, XEN_MEMORY_FACTOR, XEN_TODAY_LIVE_ROUNDS} from './stop-policy.js';

/** Accesses one engine may simulate: at ~70-100 ns each, about ten seconds of one core. */
export const MAX_ACCESSES = 1e8;

/** Accesses of one kind the VM makes in v ms of its own time: min(cap, base + perMs * v). */
export interface AccessCount {
	perMs: number;
	base: number;
	cap: number;
}

export interface CostBound {
	/** Simulated ms the run may last (at most the engine's limit). */
	simMs: number;
	writes: number;
	reads: number;
}

const count = (a: AccessCount, vmMs: number): number => Math.min(a.cap, a.base + (a.perMs > 0 ? a.perMs * vmMs : 0));

/** The workload's accesses: generated ones by rate; a trace by its length (per pass, if it loops). */
export function accessCounts(s: Scenario): {writes: AccessCount; reads: AccessCount} {
	const t = s.trace;
	if (s.workload.pattern === 'trace') {
		const of = (n: number): AccessCount =>
			t?.loop && t.durationMs > 0 ? {perMs: n / t.durationMs, base: n, cap: Infinity} : {perMs: 0, base: n, cap: n};
		return {writes: of(t?.writeTimes.length ?? 0), reads: of(t?.readTimes.length ?? 0)};
	}
	const rate = (perSec: number): AccessCount => ({perMs: s.workload.pattern === 'idle' ? 0 : perSec / 1000, base: 0, cap: Infinity});
	return {writes: rate(s.workload.writeRate), reads: rate(s.workload.readRate)};
}

/** Simulated ms one pass over all memory takes at `rate` bytes/ms. */
export function passMs(s: Scenario, rate: number): number {
	return (pageCount(s) * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES)) / rate;
}

/** The most a run of `algorithm` on `s` can last and access. */
export function costBound(s: Scenario, algorithm: Algorithm, counts = accessCounts(s)): CostBound {
	const full = bytesPerMs(s);
	const pageCost = TARGET_PAGE_BYTES + PAGE_HEADER_BYTES;
	const cap = (ms: number) => Math.min(ms, SIM_TIME_LIMIT_MS);

	// Live rounds: the first sends at most all memory; each later one at most the pages
	// written during the one before (the dirty log is reset at each round's start), and
	// never more than all memory. Xen also stops once 3x memory is sent (plus the round
	// that crossed it). The VM pauses for stop-and-copy: no accesses there.
	let liveMs = 0;
	const precopyRounds = s.precopy.policy === 'xen-today' ? XEN_TODAY_LIVE_ROUNDS : s.precopy.maxRounds;
	const rounds = algorithm === 'precopy' ? precopyRounds : algorithm === 'hybrid' ? s.hybrid.precopyRounds : 0;
	if (rounds > 0) {
		// Live rounds send at most at the stream's cap (QEMU's max-bandwidth).
		const rate = algorithm === 'precopy' ? slowestLiveRate(s, liveBytesPerMs(s)) : liveBytesPerMs(s);
		const pass = passMs(s, rate);
		const xenCap = algorithm === 'precopy' && s.precopy.policy === 'xen' ? (XEN_MEMORY_FACTOR + 1) * pass : Infinity;
		let round = pass;
		for (let k = 0; k < rounds && round > 0 && liveMs < Math.min(xenCap, SIM_TIME_LIMIT_MS); k++) {
			liveMs += round;
			round = Math.min(pass, (count(counts.writes, round) * pageCost) / rate);
		}
		liveMs = Math.min(liveMs, xenCap);
	}
	// QEMU's loop has no round cap: it runs until the rest fits, or until --cancel-after (or
	// the engine's week). A bound that holds whatever the guest does is that whole span.
	if (algorithm === 'precopy' && s.precopy.policy === 'qemu') liveMs = SIM_TIME_LIMIT_MS;
	if (algorithm !== 'postcopy' && s.precopy.cancelAfterMs !== null) liveMs = Math.min(liveMs, s.precopy.cancelAfterMs);
	// The switch sends the CPU state, and for pre-copy the last dirty pages too.
	// A live round ends when its last page is written, with up to the channel's buffer still to
	// drain: the pause waits for that once.
	const drainMs = algorithm === 'postcopy' ? 0 : s.channelBufferBytes / full;
	const switchMs = (algorithm === 'precopy' ? passMs(s, full) : 0) + drainMs + s.cpuStateBytes / full + s.rttMs + s.switchoverCostMs;
	// Post-copy's push sends each page once (a fault takes the page's place in it); an
	// outage it recovers from adds its length. The VM runs at the target meanwhile. The
	// non-pageable pages that cross in the pause instead (--non-pageable) go at the link's
	// full rate, never slower than the push would send them: the pass covers them too.
	const outage = s.linkFailure?.forMs ?? 0;
	// Each pushed page takes its bytes' time or, if longer, the destination's placing time
	// (--postcopy-place-rate: one placement per host page, rounded up to a whole byte).
	const placePerPage = placeMsOf(s) / hostPagePages(s);
	const pushRate = postcopyBytesPerMs(s);
	const pushMs = algorithm === 'precopy' ? 0 : pageCount(s) * Math.max((TARGET_PAGE_BYTES + PAGE_HEADER_BYTES) / pushRate, placePerPage + 1 / pushRate) + s.rttMs + outage;
	const live = cap(liveMs);
	const push = cap(pushMs);
	return {
		simMs: cap(liveMs + switchMs + pushMs),
		writes: count(counts.writes, live) + (push > 0 ? count(counts.writes, push) : 0),
		reads: push > 0 ? count(counts.reads, push) : 0,
	};
}

/** The costliest of `algorithms` on `s`: its accesses and simulated span. */
export function worstCost(s: Scenario, algorithms: readonly Algorithm[]): {accesses: number; algorithm: Algorithm; simMs: number} {
	let worst = {accesses: -1, algorithm: algorithms[0], simMs: 0};
	for (const a of algorithms) {
		const c = costBound(s, a);
		if (c.writes + c.reads > worst.accesses) worst = {accesses: c.writes + c.reads, algorithm: a, simMs: c.simMs};
	}
	return worst;
}

/**
 * A looping trace replays its accesses once per pass, so its rate is accesses / pass
 * length: the shortest pass (ms) that keeps every run within MAX_ACCESSES, or null when
 * even a pass as long as the engine's limit does not (the trace is too long to loop).
 */
export function shortestLoopMs(s: Scenario, algorithms: readonly Algorithm[]): number | null {
	const t = s.trace;
	if (!t) return null;
	const fits = (ms: number) => worstCost({...s, trace: {...t, durationMs: ms}}, algorithms).accesses <= MAX_ACCESSES;
	if (!fits(SIM_TIME_LIMIT_MS)) return null;
	// Geometric bisection: lengths span from nanoseconds to days.
	let bad = Math.max(t.durationMs, 1e-9);
	let good = SIM_TIME_LIMIT_MS;
	while (good / bad > 1.001) {
		const mid = Math.sqrt(bad * good);
		if (fits(mid)) good = mid;
		else bad = mid;
	}
	return good;
}
