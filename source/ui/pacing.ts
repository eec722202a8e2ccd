// Pacing: a time warp that gives every phase of a migration its own share of wall time.
// A fixed speed shows the default race's round 1 for twenty seconds and its last dozen
// rounds in half a second; here each phase (a live round, the stop-and-copy, post-copy's
// switch-over, a link outage, the post-copy push) is played at its own speed, so that it
// lasts at least MIN_PHASE_WALL_MS and a long one is compressed (wall time grows with the
// square root of its simulated length, up to MAX_PHASE_WALL_MS).
//
// The speed is a pure function of the snapshots: each phase's length is estimated from what
// it was started with (its pages to send and rate, the scenario's outage), never from how
// far it has got, so seeking to a time shows the same speed as playing to it.
import {PAGE_HEADER_BYTES, type Scenario, type Snapshot, TARGET_PAGE_BYTES} from '../core/index.js';

/** Every phase gets at least this much wall time (the "about a second"). */
export const MIN_PHASE_WALL_MS = 1000;
/** A pause (stop-and-copy, switch-over) a little more: it is what the audience came to see. */
export const PAUSE_WALL_MS = 1500;
/** The longest phase is compressed to this. */
export const MAX_PHASE_WALL_MS = 6000;
/** Wall ms per sqrt(simulated ms): a 31 s round 1 plays in about 5 s, a 4 s round in about 2 s. */
const WALL_PER_SQRT_MS = 30;

export type PhaseKind = 'round' | 'stop-and-copy' | 'switch-over' | 'link down' | 'post-copy';

export interface PacedPhase {
	kind: PhaseKind;
	/** Estimated simulated length of the whole phase, ms. */
	simMs: number;
	/** The speed (simulated ms per wall ms) that plays it in its wall time. */
	speed: number;
}

/** Wall ms a phase of `simMs` simulated ms gets. */
export function phaseWallMs(simMs: number, kind: PhaseKind): number {
	const floor = kind === 'stop-and-copy' || kind === 'switch-over' ? PAUSE_WALL_MS : MIN_PHASE_WALL_MS;
	return Math.min(MAX_PHASE_WALL_MS, Math.max(floor, WALL_PER_SQRT_MS * Math.sqrt(Math.max(0, simMs))));
}

const pageBytes = TARGET_PAGE_BYTES + PAGE_HEADER_BYTES;

/** The phase a snapshot is in and its estimated length; null when finished or between phases. */
export function phaseOf(s: Scenario, snap: Snapshot): PacedPhase | null {
	if (snap.finished) return null;
	const bytesPerMs = s.bandwidthBitsPerSec / 8 / 1000;
	let kind: PhaseKind;
	let simMs: number;
	if (snap.linkDown) {
		// The outage as the scenario has it (link.ts); one that never ends plays a few seconds.
		kind = 'link down';
		simMs = s.linkFailure?.forMs ?? 5000;
	} else if (snap.vmPaused) {
		// Stop-and-copy: its queued pages (fixed when it began), the CPU state, a round trip
		// and the fixed switch cost (phases.ts, beginSwitchover). Post-copy's switch: the
		// non-pageable memory and unballooned free memory (Hines's pseudo-paging) instead.
		const r = snap.round;
		const switching = snap.algorithm !== 'precopy' && r?.kind !== 'stop-and-copy';
		const nonPageable = Math.ceil(s.nonPageableBytes / TARGET_PAGE_BYTES) + (s.nonPageableBytes > 0 && !s.postcopy.balloon ? Math.round(s.freeFraction * snap.pages) : 0);
		const pages = r?.kind === 'stop-and-copy' ? r.pagesToSend : switching ? nonPageable : 0;
		kind = switching ? 'switch-over' : 'stop-and-copy';
		simMs = (pages * pageBytes + s.cpuStateBytes) / bytesPerMs + s.rttMs + s.switchoverCostMs;
	} else if (snap.round && snap.round.rateBitsPerSec > 0) {
		// A round's pages at its rate (rounds.ts): Xen may skip some, so it can end sooner.
		const r = snap.round;
		kind = r.kind === 'push' ? 'post-copy' : 'round';
		simMs = (r.pagesToSend * pageBytes) / (r.rateBitsPerSec / 8 / 1000);
	} else return null;
	simMs = Math.max(1e-3, simMs);
	return {kind, simMs, speed: simMs / phaseWallMs(simMs, kind)};
}

export interface Pace {
	/** Simulated ms per wall ms, before the user's +/- scale. */
	speed: number;
	/** The phase that sets the pace (the slowest of the runs); null: none running. */
	kind: PhaseKind | null;
}

/**
 * The race's pace: the slowest of its runs' phases, so that no run's phase passes unseen.
 * `fallback` when no run is in a phase (all finished, or between two).
 */
export function paceOf(s: Scenario, snaps: readonly Snapshot[], fallback: number): Pace {
	let best: PacedPhase | null = null;
	for (const snap of snaps) {
		const p = phaseOf(s, snap);
		if (p && (!best || p.speed < best.speed)) best = p;
	}
	return best ? {speed: best.speed, kind: best.kind} : {speed: fallback, kind: null};
}
