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

// QEMU's defaults (migration/options.c) and auto-converge rule (migration/ram.c).
const THROTTLE_THRESHOLD = 0.5;
const THROTTLE_INITIAL = 0.2;
const THROTTLE_INCREMENT = 0.1;
const THROTTLE_MAX = 0.99;
const THROTTLE_PERIOD_MS = 1000;

/** QEMU: stop when the dirty rest fits the downtime limit at the measured bandwidth. */
export function qemuPolicy(s: Scenario, fullRate: number): StopPolicy {
	let throttle = 0;
	let highCount = 0;
	let periodStart = 0;
	let periodDirtyBytes = 0;
	let periodSentBytes = 0;
	return {
		name: 'qemu',
		firstRate: () => fullRate,
		decide(end) {
			const r = end.round;
			const bandwidth = r.durationMs > 0 && r.bytesSent > 0 ? r.bytesSent / r.durationMs : fullRate;
			const pendingBytes = end.dirtyPages * (s.pageSizeBytes + PAGE_HEADER_BYTES);
			const threshold = bandwidth * s.precopy.downtimeLimitMs;
			const expectedDowntimeMs = pendingBytes / bandwidth;
			periodDirtyBytes += r.pagesDirtied * s.pageSizeBytes;
			periodSentBytes += r.bytesSent;
			if (s.precopy.autoConverge && end.nowMs >= periodStart + THROTTLE_PERIOD_MS) {
				if (periodDirtyBytes > periodSentBytes * THROTTLE_THRESHOLD && ++highCount >= 2) {
					throttle = throttle === 0 ? THROTTLE_INITIAL : Math.min(THROTTLE_MAX, throttle + THROTTLE_INCREMENT);
					highCount = 0;
				}
				periodStart = end.nowMs;
				periodDirtyBytes = 0;
				periodSentBytes = 0;
			}
			let reason = '';
			if (pendingBytes <= threshold) reason = `the dirty rest fits the ${s.precopy.downtimeLimitMs} ms downtime limit`;
			else if (r.index + 1 >= s.precopy.maxRounds) reason = `reached ${s.precopy.maxRounds} rounds`;
			return {stop: reason !== '', reason, nextRate: fullRate, throttle, expectedDowntimeMs};
		},
	};
}

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
