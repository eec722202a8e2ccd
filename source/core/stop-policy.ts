import {PAGE_HEADER_BYTES, type Scenario} from './scenario.js';
import type {RoundRecord} from './types.js';

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
			const expectedDowntimeMs = (end.dirtyPages * (s.pageSizeBytes + PAGE_HEADER_BYTES)) / fullRate;
			let reason = '';
			if (r.pagesSent + r.pagesSkipped < XEN_MIN_PAGES) reason = `round sent and skipped fewer than ${XEN_MIN_PAGES} pages`;
			else if (r.index + 1 >= s.precopy.maxRounds) reason = `reached ${s.precopy.maxRounds} rounds`;
			else if (end.totalPagesSent > XEN_MAX_FACTOR * end.pages) reason = `sent more than ${XEN_MAX_FACTOR}x memory`;
			else if (limit && rate >= Math.min(fullRate, XEN_MAX_MBIT * MBIT) && r.pagesSent > lastSent)
				reason = 'at the rate cap and sending more each round';
			lastSent = r.pagesSent;
			if (limit && r.durationMs > 0) {
				const dirtyMbit = (r.pagesDirtied * s.pageSizeBytes) / r.durationMs / MBIT;
				rate = Math.min(fullRate, XEN_MAX_MBIT * MBIT, (dirtyMbit + XEN_STEP_MBIT) * MBIT);
			}
			return {stop: reason !== '', reason, nextRate: rate, throttle: 0, expectedDowntimeMs};
		},
	};
}

/**
 * The slowest a live round sends (bytes/ms): Xen's rate limiting never goes below the
 * dirty rate plus one step, so at least one step; otherwise the full rate.
 */
export function slowestLiveRate(s: Scenario, fullRate: number): number {
	return s.precopy.policy === 'xen' && s.precopy.rateLimit ? Math.min(fullRate, XEN_STEP_MBIT * MBIT) : fullRate;
}

/** Xen stops once this many times memory has been sent (cost bounds use it). */
export const XEN_MEMORY_FACTOR = XEN_MAX_FACTOR;

// QEMU's pre-copy loop is not a per-round rule: see qemu-loop.ts.

/** Hybrid: a fixed number of pre-copy rounds, then post-copy. */
export function fixedRoundsPolicy(s: Scenario, fullRate: number): StopPolicy {
	return {
		name: s.precopy.policy,
		firstRate: () => fullRate,
		decide(end) {
			const expectedDowntimeMs = 0;
			const stop = end.round.index + 1 >= s.hybrid.precopyRounds;
			return {stop, reason: stop ? `${s.hybrid.precopyRounds} pre-copy round(s) done` : '', nextRate: fullRate, throttle: 0, expectedDowntimeMs};
		},
	};
}

/** The round's dirty rate in pages per second. */
export function dirtyRateOf(r: RoundRecord): number {
	return r.durationMs > 0 ? (r.pagesDirtied / r.durationMs) * 1000 : 0;
}
