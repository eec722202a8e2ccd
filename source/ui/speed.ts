// How fast simulated time runs against wall time: the default, the +/- ladder, and the slow
// motion that makes a stop-and-copy of a few milliseconds last long enough to be seen.
import {PAGE_HEADER_BYTES, type Scenario, type Snapshot, TARGET_PAGE_BYTES} from '../core/index.js';

/** Wall seconds the default race should take, before slow motion adds its few seconds. */
export const TARGET_WALL_MS = 27_000;

/** Wall time a stop-and-copy is stretched to, so the audience sees the VM paused. */
export const SLOW_MOTION_WALL_MS = 2_500;

export const MIN_SPEED = 0.0001;
export const MAX_SPEED = 1000;

/**
 * A speed (simulated ms per wall ms) that makes a race last about TARGET_WALL_MS. Memory
 * over bandwidth is the time one full copy takes; pre-copy adds its later rounds (~10% on
 * the default scenario), post-copy about the same in faults. Cheap: no trial run.
 */
export function defaultSpeed(s: Scenario): number {
	const copyMs = ((s.memoryBytes * 8) / s.bandwidthBitsPerSec) * 1000;
	return clampSpeed((copyMs * 1.1) / TARGET_WALL_MS);
}

export function clampSpeed(v: number): number {
	return Math.min(MAX_SPEED, Math.max(MIN_SPEED, v));
}

const ladder: number[] = [];
for (let e = -4; e <= 3; e++) for (const m of [1, 2, 5]) ladder.push(m * 10 ** e);

/** The next speed on the 1-2-5 ladder above (+) or below (-) the current one. */
export function nextSpeed(current: number, direction: 1 | -1): number {
	const eps = current * 1e-9;
	if (direction > 0) return clampSpeed(ladder.find((v) => v > current + eps) ?? MAX_SPEED);
	for (let i = ladder.length - 1; i >= 0; i--) if (ladder[i] < current - eps) return clampSpeed(ladder[i]);
	return MIN_SPEED;
}

/**
 * Estimated simulated length of the stop-and-copy a paused snapshot is in: the pages queued
 * for it (at post-copy's switch, the non-pageable memory: at most, since hybrid's pre-copy
 * round has sent most of it), the CPU state, and one round trip for the resume handshake.
 */
export function stopAndCopyEstimateMs(s: Scenario, snap: Snapshot): number {
	const bytesPerMs = s.bandwidthBitsPerSec / 8 / 1000;
	const switching = snap.algorithm !== 'precopy' && snap.vmHost === 'source' && s.nonPageableBytes > 0;
	const nonPageable = Math.ceil(s.nonPageableBytes / TARGET_PAGE_BYTES) + (s.postcopy.balloon ? 0 : Math.round(s.freeFraction * snap.pages));
	const pages = snap.round?.kind === 'stop-and-copy' ? Math.max(0, snap.round.pagesToSend - snap.round.pagesSent) : switching ? nonPageable : 0;
	return (pages * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES) + s.cpuStateBytes) / bytesPerMs + s.rttMs + s.switchoverCostMs;
}

/**
 * The simulated time a live round still needs at most: its queued pages at its rate. Xen
 * may skip some, so the round can end sooner; callers step a fraction of this.
 */
export function roundRemainingMs(s: Scenario, snap: Snapshot): number {
	const r = snap.round;
	if (!r || r.kind !== 'live') return Infinity;
	const left = Math.max(0, r.pagesToSend - r.pagesSent - r.pagesSkipped);
	const bytesPerMs = r.rateBitsPerSec / 8 / 1000;
	return (left * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES)) / bytesPerMs;
}

/** The shortest stop-and-copy the scenario allows (no pages, CPU state only). */
export function shortestPauseMs(s: Scenario): number {
	return (s.cpuStateBytes * 8) / s.bandwidthBitsPerSec * 1000 + s.rttMs + s.switchoverCostMs;
}
