// Which events seek and step land on (`[`, `]`, `.`), and how long a run is for `<` / `>`
// and the timeline. Pure functions over the engines' event lists (core/events.ts).
import type {MigrationEvent, Scenario} from '../core/index.js';

/**
 * Events worth stopping at. Left out: a round's start (at its predecessor's end), the
 * verification (at the end), and the fault windows and their pre-paging: a window's event
 * carries its end as `t` but is written when the next fault comes, later than that.
 */
export function isLandmark(ev: MigrationEvent): boolean {
	return ev.type !== 'round-start' && ev.type !== 'verified' && ev.type !== 'fault-burst' && ev.type !== 'prepaging';
}

/** How far past an event's time a seek lands, ms: the event has happened, nothing later has. */
export const LAND_MS = 1e-4;

/** The latest landmark strictly before `nowMs` (one just landed on does not count), or null. */
export function previousLandmark(events: ReadonlyArray<readonly MigrationEvent[]>, nowMs: number): number | null {
	let best: number | null = null;
	for (const list of events)
		for (let i = list.length - 1; i >= 0; i--) {
			const ev = list[i];
			if (!isLandmark(ev) || ev.t >= nowMs - 2 * LAND_MS) continue;
			if (best === null || ev.t > best) best = ev.t;
			break;
		}
	return best;
}

/** The earliest landmark after `afterMs`, or null. */
export function firstLandmarkAfter(events: ReadonlyArray<readonly MigrationEvent[]>, afterMs: number): number | null {
	let best: number | null = null;
	for (const list of events)
		for (let i = list.length - 1; i >= 0 && list[i].t > afterMs; i--) {
			const ev = list[i];
			if (isLandmark(ev) && (best === null || ev.t < best)) best = ev.t;
		}
	return best;
}

/**
 * A first guess at the run's length before it ends: one full copy of memory over the link
 * and a tenth more (pre-copy's later rounds; post-copy's faults about the same), past an
 * outage. The driver keeps the longest it has seen, so after one play it is the real end.
 */
export function spanGuessMs(s: Scenario): number {
	const copyMs = ((s.memoryBytes * 8) / s.bandwidthBitsPerSec) * 1000 * 1.1;
	const f = s.linkFailure;
	return f && f.atMs < copyMs ? copyMs + (f.forMs ?? 0) : copyMs;
}
