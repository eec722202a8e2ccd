import type {StopTest} from './events.js';
import {QemuLoop} from './qemu-loop.js';
import {type Algorithm, bytesPerMs, liveBytesPerMs, PAGE_HEADER_BYTES, type PrecopyPolicy, type Scenario, TARGET_PAGE_BYTES} from './scenario.js';
import type {RoundRecord, RunPolicy} from './types.js';

/** What the pre-copy loop knows when a live round ends. */
export interface RoundEnd {
	round: RoundRecord;
	/** Pages dirtied since the round began: the next round's send set. */
	dirtyPages: number;
	totalPagesSent: number;
	pages: number;
	nowMs: number;
}

export interface StopDecision {
	stop: boolean;
	reason: string;
	/** When it stops: the test that fired, with the numbers it compared (events.ts). */
	test: StopTest | null;
	/** Rate for the next live round, bytes/ms. */
	nextRate: number;
	/** vCPU throttle from now on, 0..0.99. */
	throttle: number;
	expectedDowntimeMs: number;
}

export interface StopPolicy {
	readonly name: string;
	firstRate(): number;
	decide(end: RoundEnd): StopDecision;
}

const XEN_MIN_PAGES = 50; // sent + skipped below this: stop (xc_domain_save.c)
const XEN_MAX_FACTOR = 3; // stop once 3x memory has been sent
const MBIT = 1e6 / 8 / 1000; // bytes/ms in one Mbit/s
const XEN_START_MBIT = 100;
const XEN_STEP_MBIT = 50;
const XEN_MAX_MBIT = 500;

/** Clark et al. 2005 and Xen's classic save loop, with optional dynamic rate limiting. */
export function xenPolicy(s: Scenario, fullRate: number): StopPolicy {
	const limit = s.precopy.rateLimit;
	let rate = limit ? Math.min(fullRate, XEN_START_MBIT * MBIT) : fullRate;
	let lastSent = Infinity;
	return {
		name: 'xen',
		firstRate: () => rate,
		decide(end) {
			const r = end.round;
			const expectedDowntimeMs = (end.dirtyPages * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES)) / fullRate;
			let reason = '';
			let test: StopTest | null = null;
			const cap = Math.min(fullRate, XEN_MAX_MBIT * MBIT);
			if (r.pagesSent + r.pagesSkipped < XEN_MIN_PAGES) {
				reason = `round sent and skipped fewer than ${XEN_MIN_PAGES} pages`;
				test = {rule: 'xen-min-pages', pagesLeft: r.pagesSent + r.pagesSkipped, threshold: XEN_MIN_PAGES};
			} else if (r.index + 1 >= s.precopy.maxRounds) {
				reason = `reached ${s.precopy.maxRounds} rounds`;
				test = {rule: 'max-rounds', rounds: r.index + 1, limit: s.precopy.maxRounds};
			} else if (end.totalPagesSent > XEN_MAX_FACTOR * end.pages) {
				reason = `sent more than ${XEN_MAX_FACTOR}x memory`;
				test = {rule: 'memory-factor', pagesSent: end.totalPagesSent, memoryPages: end.pages, factor: XEN_MAX_FACTOR};
			} else if (limit && rate >= cap && r.pagesSent > lastSent) {
				reason = 'at the rate cap and sending more each round';
				test = {rule: 'rate-cap', rateBitsPerSec: rate * 8000, capBitsPerSec: cap * 8000, pagesSent: r.pagesSent, previousPagesSent: lastSent};
			}
			lastSent = r.pagesSent;
			// ADAPTIVE_SAVE (tools/libxc/xc_linux_save.c, commit e5901452e9): only when the
			// round's dirty rate is above the current rate does the rate move, to the dirty rate
			// + 50 Mbit/s, at most 500; it is never lowered.
			if (limit && r.durationMs > 0) {
				const dirtyRate = ((r.pagesDirtied * TARGET_PAGE_BYTES) / r.durationMs / MBIT) * MBIT;
				if (dirtyRate > rate) rate = Math.min(fullRate, XEN_MAX_MBIT * MBIT, dirtyRate + XEN_STEP_MBIT * MBIT);
			}
			return {stop: reason !== '', reason, test, nextRate: rate, throttle: 0, expectedDowntimeMs};
		},
	};
}

// Today's Xen: simple_precopy_policy in tools/libs/guest/xg_sr_save.c.
const SPP_TARGET_DIRTY_COUNT = 50;
const SPP_MAX_ITERATIONS = 5;

/** The numbers each loop stops at, for words that explain them (report/phase-words.ts). */
export const stopLimits = {
	xen: {minPages: XEN_MIN_PAGES, memoryFactor: XEN_MAX_FACTOR},
	xenToday: {dirtyPages: SPP_TARGET_DIRTY_COUNT, iterations: SPP_MAX_ITERATIONS},
} as const;

/**
 * Today's Xen (tools/libs/guest/xg_sr_save.c, send_memory_live + simple_precopy_policy):
 * iteration 0 sends every page; each later one fetches and clears the dirty log and asks
 * the policy, which says stop-and-copy at fewer than 50 dirty pages or at iteration 5. The
 * pages of that last iteration are still sent live before the domain is suspended, so there
 * are at most 6 live rounds. No skip of re-dirtied pages, no 3x rule, no rate limit.
 */
export function xenTodayPolicy(s: Scenario, fullRate: number): StopPolicy {
	let last = '';
	// The policy's test is made one round before the stop (that iteration's pages still go live).
	let lastTest: StopTest | null = null;
	return {
		name: 'xen-today',
		firstRate: () => fullRate,
		decide(end) {
			const expectedDowntimeMs = (end.dirtyPages * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES)) / fullRate;
			if (last) return {stop: true, reason: last, test: lastTest, nextRate: fullRate, throttle: 0, expectedDowntimeMs};
			const iteration = end.round.index + 1;
			const dirty = end.dirtyPages < SPP_TARGET_DIRTY_COUNT;
			const reason = dirty ? `fewer than ${SPP_TARGET_DIRTY_COUNT} pages dirty` : iteration >= SPP_MAX_ITERATIONS ? `reached ${SPP_MAX_ITERATIONS} iterations` : '';
			const test: StopTest | null = !reason
				? null
				: dirty
					? {rule: 'xen-today-dirty', dirtyPages: end.dirtyPages, threshold: SPP_TARGET_DIRTY_COUNT}
					: {rule: 'xen-today-iterations', iterations: iteration, limit: SPP_MAX_ITERATIONS};
			// No dirty page: nothing to send live, suspend at once (send_dirty_pages is skipped).
			if (reason && end.dirtyPages === 0) return {stop: true, reason, test, nextRate: fullRate, throttle: 0, expectedDowntimeMs};
			last = reason;
			lastTest = test;
			return {stop: false, reason: '', test: null, nextRate: fullRate, throttle: 0, expectedDowntimeMs};
		},
	};
}

/** Live rounds today's Xen makes at most: iteration 0 and iterations 1 to 5. */
export const XEN_TODAY_LIVE_ROUNDS = SPP_MAX_ITERATIONS + 1;

/**
 * The slowest a live round sends (bytes/ms): Xen's rate limiting never goes below the
 * dirty rate plus one step, so at least one step; otherwise the full rate.
 */
export function slowestLiveRate(s: Scenario, fullRate: number): number {
	return s.precopy.policy === 'xen' && s.precopy.rateLimit ? Math.min(fullRate, XEN_STEP_MBIT * MBIT) : fullRate;
}

/** Xen stops once this many times memory has been sent (cost bounds use it). */
export const XEN_MEMORY_FACTOR = XEN_MAX_FACTOR;

/** Hybrid: a fixed number of pre-copy rounds, then post-copy. */
export function fixedRoundsPolicy(s: Scenario, fullRate: number): StopPolicy {
	return {
		name: s.precopy.policy,
		firstRate: () => fullRate,
		decide(end) {
			const expectedDowntimeMs = 0;
			const stop = end.round.index + 1 >= s.hybrid.precopyRounds;
			const test: StopTest | null = stop ? {rule: 'hybrid-rounds', rounds: end.round.index + 1, limit: s.hybrid.precopyRounds} : null;
			return {stop, reason: stop ? `${s.hybrid.precopyRounds} pre-copy round(s) done` : '', test, nextRate: fullRate, throttle: 0, expectedDowntimeMs};
		},
	};
}

/** The round's dirty rate in pages per second. */
export function dirtyRateOf(r: RoundRecord): number {
	return r.durationMs > 0 ? (r.pagesDirtied / r.durationMs) * 1000 : 0;
}

/**
 * How a migration decides when pre-copy ends. A per-round rule (`policy`: Xen's loops,
 * hybrid's fixed rounds) speaks when a live round ends; QEMU's loop (`qemu`, qemu-loop.ts)
 * is not a per-round rule but iterates on its own clock. Post-copy has neither. Each holds
 * its own state (Xen's rate, QEMU's windows), so every engine builds its own.
 */
export interface StopRule {
	policy: StopPolicy | null;
	qemu: QemuLoop | null;
	/** Live rounds skip pages dirtied again within the round (Xen's legacy loop; they go next round). */
	skipsRedirtied: boolean;
}

/** Pre-copy's rule by the scenario's loop; live rounds send at `live` (the link, or the stream's cap). */
const precopyRules: Record<PrecopyPolicy, (s: Scenario, live: number) => Omit<StopRule, 'skipsRedirtied'>> = {
	xen: (s, live) => ({policy: xenPolicy(s, live), qemu: null}),
	'xen-today': (s, live) => ({policy: xenTodayPolicy(s, live), qemu: null}),
	// A cap below the link binds QEMU's rate limit, which sets how often its thread iterates.
	qemu: (s, live) => ({policy: null, qemu: new QemuLoop(s, live < bytesPerMs(s))}),
};

/**
 * The stop rule of `algorithm` in `s`: pre-copy follows the scenario's loop, hybrid its
 * fixed rounds (whatever the loop, so its first round is pre-copy's: see canForkHybrid),
 * post-copy none.
 */
export function stopRuleFor(s: Scenario, algorithm: Algorithm): StopRule {
	const live = liveBytesPerMs(s);
	// Hybrid's rounds are Xen's when the scenario's loop is, skips included.
	const skipsRedirtied = s.precopy.policy === 'xen';
	if (algorithm === 'postcopy') return {policy: null, qemu: null, skipsRedirtied: false};
	if (algorithm === 'hybrid') return {policy: fixedRoundsPolicy(s, live), qemu: null, skipsRedirtied};
	return {...precopyRules[s.precopy.policy](s, live), skipsRedirtied};
}

/** The policy a run reports: the scenario's pre-copy loop, or 'postcopy'. */
export function runPolicyOf(s: Scenario, algorithm: Algorithm): RunPolicy {
	return algorithm === 'postcopy' ? 'postcopy' : s.precopy.policy;
}

/**
 * Hybrid's first round is pre-copy's, unless Xen's rate limiting slows pre-copy's, or
 * QEMU's loop may sync the dirty log before pre-copy's first pass ends: only then can a
 * race fork hybrid off pre-copy at the end of round 0.
 */
export function canForkHybrid(s: Scenario): boolean {
	return s.precopy.policy !== 'qemu' && !(s.precopy.policy === 'xen' && s.precopy.rateLimit);
}
