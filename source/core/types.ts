import type {CellCounters} from './cells.js';
import type {MigrationEvent} from './events.js';
import {type Algorithm, precopyPolicies} from './scenario.js';

// Each set of names is a const array (the report's schema checks against it) and its type.

/** cancelled: --cancel-after ran out before the switch; the VM stays at the source. */
export const outcomes = ['completed', 'aborted', 'cancelled', 'vm-lost'] as const;
export type Outcome = (typeof outcomes)[number];

/** The policy a run names: its pre-copy loop, or 'postcopy' for post-copy. */
export const runPolicies = [...precopyPolicies, 'postcopy'] as const;
export type RunPolicy = (typeof runPolicies)[number];

export type Phase =
	| 'precopy' // live rounds at the source
	| 'stop-and-copy' // VM paused: final pages and/or CPU state cross the link
	| 'postcopy' // VM runs at the target; pages pushed and faulted in
	| 'link-paused' // post-copy waiting for the link to come back
	| 'done'
	| 'aborted'
	| 'cancelled'
	| 'vm-lost';

export const roundKinds = ['live', 'stop-and-copy', 'push'] as const;
export type RoundKind = (typeof roundKinds)[number];

export interface RoundRecord {
	index: number;
	kind: RoundKind;
	startMs: number;
	durationMs: number;
	pagesToSend: number;
	pagesSent: number;
	pagesSkipped: number;
	/** Distinct pages dirtied during this round. */
	pagesDirtied: number;
	bytesSent: number;
	/** Zero pages among those sent (a header each). */
	zeroPages: number;
	/** Link rate the round ran at, bits/s (rate limiting lowers it). */
	rateBitsPerSec: number;
}

/** The cell counters folded into `blocks` equal spans of memory, with each span's size and free pages. */
export interface HeatmapData extends CellCounters {
	blocks: number;
	/** Pages per block (the last block may hold fewer; see `pages`). */
	pages: Int32Array;
	free: Int32Array;
}

export interface PostcopyProgress {
	pushed: number;
	prepaged: number;
	onDemand: number;
	remaining: number;
}

export interface Snapshot {
	algorithm: Algorithm;
	/** The pre-copy loop (xen, xen-today, qemu) where pre-copy runs; 'postcopy' otherwise. */
	policy: RunPolicy;
	phase: Phase;
	nowMs: number;
	finished: boolean;
	outcome: Outcome | null;
	vmHost: 'source' | 'target';
	vmPaused: boolean;
	vmStalled: boolean;
	linkDown: boolean;
	/** The round under way, or null between rounds and at the end. */
	round: RoundRecord | null;
	rounds: readonly RoundRecord[];
	pages: number;
	pagesTransferred: number;
	bytesTransferred: number;
	downtimeMs: number;
	stallMs: number;
	throttledMs: number;
	postcopyPausedMs: number;
	networkFaults: number;
	/** Post-copy: touches of a page on its way (see MigrationResult). */
	inFlightWaits: number;
	throttlePercent: number;
	/** Pages per second dirtied during the last finished round (or the current one). */
	dirtyRate: number;
	expectedDowntimeMs: number;
	/** Dirty-log syncs so far, counted as QEMU's dirty-sync-count (the setup sync is the first). */
	dirtySyncCount: number;
	postcopy: PostcopyProgress | null;
	heatmap: HeatmapData | null;
}

/** One vCPU's share of a result (scenarios with more than one vCPU). */
export interface VcpuResult {
	/** Time this vCPU waited for pages (network faults and in-flight waits). */
	stallMs: number;
	networkFaults: number;
	inFlightWaits: number;
}

export interface MigrationResult {
	algorithm: Algorithm;
	policy: RunPolicy;
	outcome: Outcome;
	/** Why it ended as it did, in words. */
	reason: string;
	totalTimeMs: number;
	downtimeMs: number;
	pagesTransferred: number;
	bytesTransferred: number;
	/** Post-copy: pages the VM touched before they were sent, each asked for and fetched (Hines's network faults). */
	networkFaults: number;
	/**
	 * Post-copy: touches of a page already on its way (sent, not landed): the vCPU waits for
	 * it; QEMU's destination asks anyway, so its postcopy-requests count these too.
	 */
	inFlightWaits: number;
	/** stallMs + throttledMs: the application's time lost, averaged over the vCPUs. */
	degradationMs: number;
	verified: boolean;
	/**
	 * Time the vCPUs waited for pages, averaged over them (vCPU time lost / vCPUs): with two
	 * vCPUs, one stalled for 10 ms counts 5 ms. One vCPU: the time the VM stood still.
	 */
	stallMs: number;
	throttledMs: number;
	postcopyPausedMs: number;
	zeroPages: number;
	normalPages: number;
	cpuStateBytes: number;
	faultBytes: number;
	pagesPushed: number;
	pagesPrepaged: number;
	pagesOnDemand: number;
	/**
	 * Post-copy with fault-around (--fault-around above 1; absent otherwise): pages faults
	 * brought beyond the faulted (host) page, in flight behind it.
	 */
	pagesReadahead?: number;
	pagesBallooned: number;
	/** Post-copy and hybrid: non-pageable pages sent while paused at the switch (--non-pageable). */
	pagesNonPageable: number;
	maxThrottlePercent: number;
	expectedDowntimeMs: number;
	/** QEMU's dirty-sync-count: the setup sync, one per later sync, and the completion's. */
	dirtySyncCount: number;
	dirtyRate: number;
	/** Pages the target still lacks or holds stale at the end (0 when completed). */
	remainingPages: number;
	/** When the VM is lost: where its memory is. */
	split: {pagesAtTarget: number; pagesOnlyAtSource: number} | null;
	rounds: RoundRecord[];
	/** What happened, in time order, as data (events.ts; the report's `events`, docs/events.md). */
	events: MigrationEvent[];
	/** More than one vCPU: each vCPU's stall and post-copy counts, index = vCPU (absent with one). */
	perVcpu?: VcpuResult[];
}
