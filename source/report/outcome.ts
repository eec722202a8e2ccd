// A finished run's outcome in one line, what happened and why ("stopped after 19 rounds:
// 48 pages left < 50"), and what it means (its tone): a run that completed with a 17 s pause
// is no success to tick green. Read from the run's events only, so the console (which has
// them as they come) and the summary (from the result) say the same.
import type {Algorithm, MigrationEvent} from '../core/index.js';
import {formatTime} from '../basics/units.js';
import {megabytesPerSec, shortCount, stopTestWords, type Tone} from './event-words.js';

export interface Outcome {
	/** The sentence: what happened and why. */
	line: string;
	/** For a narrow place: what happened, without the why. */
	short: string;
	tone: Exclude<Tone, 'info'>;
}

/**
 * A pause past QEMU's default downtime-limit (300 ms) is felt by the guest's clients; one of
 * a second or more (TCP retransmits, lost heartbeats) is a failure of live migration even
 * though the memory arrived. A second of post-copy stall is felt too (its "downtime").
 */
const FELT_PAUSE_MS = 300;
const FAILED_PAUSE_MS = 1000;
const FELT_STALL_MS = 1000;

type Of<T extends MigrationEvent['type']> = Extract<MigrationEvent, {type: T}>;
function last<T extends MigrationEvent['type']>(events: readonly MigrationEvent[], type: T): Of<T> | null {
	for (let i = events.length - 1; i >= 0; i--) if (events[i].type === type) return events[i] as Of<T>;
	return null;
}

/** The outcome of a run whose events end with its `end` event (null while it runs). */
export function outcomeOf(events: readonly MigrationEvent[], algorithm: Algorithm, pageSizeBytes: number): Outcome | null {
	const end = last(events, 'end');
	if (!end) return null;
	const at = formatTime(end.t);
	const down = last(events, 'link-down');
	switch (end.cause) {
		case 'link-down':
			return {line: `link down at ${formatTime(down ? down.t : end.t)}: aborted, VM stays on source`, short: 'aborted: VM stays on source', tone: 'bad'};
		case 'no-recovery':
		case 'link-never-returned': {
			const why = end.cause === 'no-recovery' ? 'no recovery' : 'never back';
			return {line: `link down at ${formatTime(down ? down.t : end.t)}, ${why}: VM LOST, memory split`, short: 'VM LOST: memory split', tone: 'bad'};
		}
		case 'cancelled': {
			const c = last(events, 'not-converging');
			const rates = c ? `dirtied ${megabytesPerSec(c.dirtyPagesPerSec * pageSizeBytes)} ${c.dirtyPagesPerSec >= c.sendPagesPerSec ? '>' : '<'} sent ${megabytesPerSec(c.sendPagesPerSec * pageSizeBytes)}` : '';
			const head = c && c.dirtyPagesPerSec >= c.sendPagesPerSec ? 'not converging' : 'not converged';
			return {line: `${head}${rates ? `: ${rates}` : ''}, cancelled at ${at}`, short: 'cancelled: VM stays on source', tone: 'bad'};
		}
		case 'time-limit':
			return {line: `gave up after ${at} of simulated time`, short: 'gave up', tone: 'bad'};
		case 'completed':
			return completed(events, end, algorithm);
	}
}

function completed(events: readonly MigrationEvent[], end: Of<'end'>, algorithm: Algorithm): Outcome {
	const verified = last(events, 'verified');
	const short = `done in ${formatTime(end.t)}`;
	if (verified && !verified.ok) return {line: `${short} but NOT VERIFIED: pages stale at the target`, short: 'done, NOT VERIFIED', tone: 'bad'};
	const stop = last(events, 'stop');
	const faults = events.reduce((n, e) => n + (e.type === 'fault-burst' ? e.faults : 0), 0);
	const stall = faults > 0 ? `${shortCount(faults)} faults stalled it ${formatTime(end.stallMs)}` : '';
	let line: string;
	if (stop && stop.rule === 'hybrid-rounds') line = `post-copy after ${stop.rounds === 1 ? '1 round' : `${stop.rounds} rounds`}${stall ? `: ${stall}` : ''}`;
	else if (stop && stop.rule === 'qemu-fits' && stop.hybrid) line = `completed as pre-copy: ${stopTestWords(stop)}`;
	else if (stop) line = `stopped after ${stop.round + 1 === 1 ? '1 round' : `${stop.round + 1} rounds`}: ${stop.rule === 'xen-min-pages' ? `${stop.pagesLeft} pages < ${stop.threshold}` : stopTestWords(stop)}`;
	else line = `${short}${stall ? `: ${stall}` : ''}`;
	if (end.downtimeMs >= FELT_PAUSE_MS && algorithm === 'precopy') line += `, paused ${formatTime(end.downtimeMs)}`;
	const tone = end.downtimeMs >= FAILED_PAUSE_MS ? 'bad' : end.downtimeMs >= FELT_PAUSE_MS || end.stallMs >= FELT_STALL_MS ? 'warn' : 'good';
	const cost = end.downtimeMs >= FELT_PAUSE_MS ? `, paused ${formatTime(end.downtimeMs)}` : end.stallMs >= FELT_STALL_MS ? `, stalled ${formatTime(end.stallMs)}` : '';
	return {line, short: short + cost, tone};
}
