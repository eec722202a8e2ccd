// What happened in a migration, as data: each rule of the model that decides something
// (a round ends, a stop rule fires, the link fails, a fault stalls the VM) records one event
// here with the numbers it decided on. No words: the console and the summary word them
// (ui/event-words.ts). Events are appended in time order, each with its simulated time `t`
// in ms; a run's list belongs to its engine (a report lists it under its result).
//
// Cost follows the work: one event per decision, never one per page. Faults are many
// (14k in a busy post-copy), so after the first one they are summed into bursts over
// windows that widen as post-copy goes on (at most ~10 per 10 s, ~30 per decade of time
// beyond), and pre-paging is summed over the same windows.

/** The stop test that ended pre-copy's live rounds, with the numbers it compared. */
export type StopTest =
	/** Xen's legacy loop (xc_domain_save.c): a round sent and skipped fewer than `threshold` pages. */
	| {rule: 'xen-min-pages'; pagesLeft: number; threshold: number}
	/** Xen: --max-rounds live rounds done (DEF_MAX_ITERS). */
	| {rule: 'max-rounds'; rounds: number; limit: number}
	/** Xen: more than `factor` x memory sent, in pages. */
	| {rule: 'memory-factor'; pagesSent: number; memoryPages: number; factor: number}
	/** Xen's rate limiting: at the cap and sending more each round. */
	| {rule: 'rate-cap'; rateBitsPerSec: number; capBitsPerSec: number; pagesSent: number; previousPagesSent: number}
	/** Today's Xen (simple_precopy_policy): fewer than `threshold` pages dirty. */
	| {rule: 'xen-today-dirty'; dirtyPages: number; threshold: number}
	/** Today's Xen: iteration `limit` reached. */
	| {rule: 'xen-today-iterations'; iterations: number; limit: number}
	/**
	 * QEMU (migration_iteration_run): the rest fits the downtime limit at the measured
	 * bandwidth, `restBytes < thresholdBytes = bandwidth x downtimeLimitMs` (or nothing is left).
	 * `hybrid`: QEMU's hybrid completing as pre-copy at the switch.
	 */
	| {rule: 'qemu-fits'; restBytes: number; thresholdBytes: number; bandwidthBytesPerMs: number; downtimeLimitMs: number; hybrid: boolean}
	/** Hybrid: its --precopy-rounds are done; post-copy follows. */
	| {rule: 'hybrid-rounds'; rounds: number; limit: number};

export type StopRuleName = StopTest['rule'];

export const stopRuleNames = ['xen-min-pages', 'max-rounds', 'memory-factor', 'rate-cap', 'xen-today-dirty', 'xen-today-iterations', 'qemu-fits', 'hybrid-rounds'] as const;

/** Where a fault's wait went: both half round trips, the page on the wire, the bytes ahead of it, the link's outage. */
export interface FaultCost {
	rttMs: number;
	transferMs: number;
	queueMs: number;
	linkDownMs: number;
}

/** An intersection written out as one object type (so the report's schema can be held to it exactly). */
type Flat<T> = {[K in keyof T]: T[K]};
/** Each stop test as its event. */
type StopEvent = StopTest extends infer S ? (S extends StopTest ? Flat<{type: 'stop'; t: number; round: number} & S> : never) : never;

export type MigrationEvent =
	| {type: 'round-start'; t: number; round: number; kind: 'live' | 'stop-and-copy' | 'push'; pagesToSend: number; rateBitsPerSec: number}
	| {
			type: 'round-end';
			t: number;
			round: number;
			kind: 'live' | 'stop-and-copy' | 'push';
			durationMs: number;
			pagesToSend: number;
			pagesSent: number;
			pagesSkipped: number;
			/** Distinct pages dirtied during the round: the next live round starts from these. */
			pagesDirtied: number;
			bytesSent: number;
			/** The run ended during the round (a link failure, a cancel): no next round. */
			cutOff: boolean;
	  }
	| StopEvent
	/** QEMU's auto-converge stepped the vCPU throttle: dirtied bytes in the period > `share` x bytes sent. */
	| {type: 'throttle'; t: number; fromPercent: number; toPercent: number; dirtiedBytes: number; sentBytes: number; share: number}
	/** The VM stops at the source (stop-and-copy, or post-copy's switch). */
	| {type: 'vm-paused'; t: number}
	/** The VM runs again, at the target: what crossed while it was paused, and for how long. */
	| {type: 'switchover'; t: number; durationMs: number; pages: number; bytes: number; cpuStateBytes: number; nonPageablePages: number; next: 'done' | 'postcopy'}
	| {type: 'link-down'; t: number; upAt: number | null; during: 'precopy' | 'stop-and-copy' | 'postcopy'}
	| {type: 'link-up'; t: number; downForMs: number}
	/** Post-copy waits for the link (QEMU's postcopy-paused); it ends with the link-up. */
	| {type: 'postcopy-paused'; t: number}
	| {type: 'postcopy-resumed'; t: number; pausedMs: number}
	/** --cancel-after ran out at the source: how fast the guest dirtied against how fast the stream sent. */
	| {type: 'not-converging'; t: number; dirtyPagesPerSec: number; sendPagesPerSec: number; cancelAfterMs: number}
	| Flat<{type: 'first-fault'; t: number; page: number; waitMs: number} & FaultCost>
	/** Faults between fromMs and toMs (t is the window's end): their count and their waits summed. */
	| Flat<{type: 'fault-burst'; t: number; fromMs: number; toMs: number; faults: number; waitMs: number; maxWaitMs: number} & FaultCost>
	/** Pages the push sent around faults (pre-paging, Hines's bubble) over the same window. */
	| {type: 'prepaging'; t: number; fromMs: number; toMs: number; pages: number}
	| {type: 'end'; t: number; outcome: 'completed' | 'aborted' | 'cancelled' | 'vm-lost'; cause: EndCause; downtimeMs: number; stallMs: number}
	| {type: 'verified'; t: number; ok: boolean};

export type EndCause = 'completed' | 'link-down' | 'link-never-returned' | 'no-recovery' | 'cancelled' | 'time-limit';
export type EventType = MigrationEvent['type'];

export const eventTypes = [
	'round-start',
	'round-end',
	'stop',
	'throttle',
	'vm-paused',
	'switchover',
	'link-down',
	'link-up',
	'postcopy-paused',
	'postcopy-resumed',
	'not-converging',
	'first-fault',
	'fault-burst',
	'prepaging',
	'end',
	'verified',
] as const satisfies readonly EventType[];

/** Rounds whose start and end are logged; later ones are counted (`roundsUnlogged`), their records stay in `rounds`. */
export const MAX_LOGGED_ROUNDS = 500;
/** The narrowest fault window, ms, and its growth with time since the first fault (a tenth). */
const BURST_MIN_MS = 1000;
const BURST_GROWTH = 0.1;

/** Faults summed so far in the open window. */
interface Burst {
	fromMs: number;
	toMs: number;
	endsAt: number;
	faults: number;
	waitMs: number;
	maxWaitMs: number;
	cost: FaultCost;
	/** The tally's pre-paged pages at this window's last fault (read when the sender was just pumped). */
	prepagedAt: number;
}

/** The event list of one engine and what it aggregates. Part of EngineState, copied with it. */
export interface EventLog {
	events: MigrationEvent[];
	firstFaultAt: number | null;
	burst: Burst | null;
	/** Pre-paged pages as of the last closed window. */
	prepagedBefore: number;
	/** When the VM was paused (for the switch-over's duration), and when post-copy began waiting for the link. */
	pausedAt: number;
	linkPausedAt: number;
	/** The tally when the VM was paused: what the switch-over moved is the difference. */
	pausedPages: number;
	pausedBytes: number;
	pausedNonPageable: number;
	roundsUnlogged: number;
	/** The end of the last closed fault window. */
	lastWindowEnd: number | null;
}

export function newEventLog(): EventLog {
	return {events: [], firstFaultAt: null, burst: null, prepagedBefore: 0, pausedAt: 0, linkPausedAt: 0, pausedPages: 0, pausedBytes: 0, pausedNonPageable: 0, roundsUnlogged: 0, lastWindowEnd: null};
}

export function cloneEventLog(l: EventLog): EventLog {
	const b = l.burst;
	return {...l, events: l.events.map((ev) => ({...ev})), burst: b ? {...b, cost: {...b.cost}} : null};
}

/**
 * At the end: the pages pre-paged after the last fault window (the push goes on pre-paging
 * around the last faults), so the prepaging events add up to the run's pre-paged pages.
 */
export function closePrepaging(log: EventLog, now: number, prepaged: number): void {
	const pages = prepaged - log.prepagedBefore;
	if (pages <= 0) return;
	log.events.push({type: 'prepaging', t: now, fromMs: log.lastWindowEnd ?? now, toMs: now, pages});
	log.prepagedBefore = prepaged;
}

/** Appends `ev`; a fault window that ended by then is closed first, so the list stays in time order. */
export function emit(log: EventLog, ev: MigrationEvent): void {
	flushBursts(log, ev.t);
	if ((ev.type === 'round-start' || ev.type === 'round-end') && ev.round >= MAX_LOGGED_ROUNDS) {
		if (ev.type === 'round-end') log.roundsUnlogged++;
		return;
	}
	log.events.push(ev);
}

/** Closes the open fault window if it ended by `now` (its events carry the window's end as t). */
export function flushBursts(log: EventLog, now: number): void {
	const b = log.burst;
	if (b && b.endsAt <= now) closeBurst(log, b.endsAt);
}

/** Closes the open fault window at `t` (at most its end), if any: one fault-burst event, and one prepaging event when the push pre-paged. */
export function closeBurst(log: EventLog, t: number): void {
	const b = log.burst;
	if (!b) return;
	log.burst = null;
	const at = Math.min(t, b.endsAt);
	log.lastWindowEnd = at;
	log.events.push({type: 'fault-burst', t: at, fromMs: b.fromMs, toMs: b.toMs, faults: b.faults, waitMs: b.waitMs, maxWaitMs: b.maxWaitMs, ...b.cost});
	const pages = b.prepagedAt - log.prepagedBefore;
	log.prepagedBefore = b.prepagedAt;
	if (pages > 0) log.events.push({type: 'prepaging', t: at, fromMs: b.fromMs, toMs: b.toMs, pages});
}

/**
 * One network fault at `now`: the page lands at `landsAt`. Where the wait went is worked out
 * from what the fault path knows (accesses.ts, networkFault): both half round trips, the
 * page's own bytes at the link's rate, the link's outage (the request leaves once it is
 * back), and the rest is the bytes queued ahead of it in the channel. `prepaged`: the
 * tally's pre-paged pages now (the sender was pumped to the request's arrival).
 */
export function noteFault(log: EventLog, now: number, page: number, landsAt: number, transferMs: number, rttMs: number, linkDownMs: number, prepaged: number): void {
	flushBursts(log, now);
	// (Float noise can make a zero outage a hair below zero: `asked - rtt/2 - now`.)
	linkDownMs = linkDownMs > 1e-9 ? linkDownMs : 0;
	const waitMs = Math.max(0, landsAt - now);
	const cost: FaultCost = {rttMs, transferMs, linkDownMs, queueMs: Math.max(0, waitMs - rttMs - transferMs - linkDownMs)};
	if (log.firstFaultAt === null) {
		log.firstFaultAt = now;
		log.events.push({type: 'first-fault', t: now, page, waitMs, ...cost});
	}
	let b = log.burst;
	if (!b) {
		const width = Math.max(BURST_MIN_MS, (now - log.firstFaultAt) * BURST_GROWTH);
		b = log.burst = {fromMs: now, toMs: now, endsAt: now + width, faults: 0, waitMs: 0, maxWaitMs: 0, cost: {rttMs: 0, transferMs: 0, queueMs: 0, linkDownMs: 0}, prepagedAt: prepaged};
	}
	b.toMs = now;
	b.faults++;
	b.waitMs += waitMs;
	b.maxWaitMs = Math.max(b.maxWaitMs, waitMs);
	b.cost.rttMs += cost.rttMs;
	b.cost.transferMs += cost.transferMs;
	b.cost.queueMs += cost.queueMs;
	b.cost.linkDownMs += cost.linkDownMs;
	b.prepagedAt = prepaged;
}

/** The events from index `from` on (a consumer keeps how many it has read). */
export function eventsFrom(log: EventLog, from: number): readonly MigrationEvent[] {
	return from <= 0 ? log.events.slice() : log.events.slice(from);
}
