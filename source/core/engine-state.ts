// One migration's state, split by how it changes: EngineSetup is fixed when the engine is
// built; EngineState is everything the run changes, in one record, so the hybrid fork is
// one explicit deep copy (cloneState) instead of a copy of the engine's fields that would
// share any mutable field nobody remembered to list.

import {cloneEventLog, type EventLog, newEventLog} from './events.js';
import type {Link} from './link.js';
import type {PageState} from './page-state.js';
import type {Algorithm, Scenario} from './scenario.js';
import {type Channel, Sender} from './sender.js';
import type {StopRule} from './stop-policy.js';
import type {Outcome, Phase, RoundRecord, RunPolicy} from './types.js';
import type {NextAccess} from './vcpu-merge.js';
import {VmClocks} from './vm-clocks.js';
import type {AccessStream} from './workloads/access-stream.js';

/** What an engine is built with; none of it changes while it runs (the merge's scratch, `next`, apart). */
export interface EngineSetup {
	readonly scenario: Scenario;
	readonly algorithm: Algorithm;
	readonly policyName: RunPolicy;
	readonly link: Link;
	/** Bytes a normal page costs on the wire (page and header). */
	readonly pageCost: number;
	/** Engine pages per host page (1, 512 or 262144) and its log2: post-copy places host pages whole. */
	readonly hostPages: number;
	readonly hostShift: number;
	/** Post-copy's fault-around group, pages (1: off; fault-group.ts). */
	readonly faultAround: number;
	/** Bring the link up to date before every access (tests compare it with the default). */
	readonly eager: boolean;
	/** Each vCPU's write and read streams (index = vCPU). */
	readonly writes: readonly AccessStream[];
	readonly reads: readonly AccessStream[];
	/**
	 * The vCPUs' next accesses in time order. Scratch: runAccesses sets it afresh each call,
	 * so nothing in it outlives a call (a fork has its own setup, and its own merge).
	 */
	readonly next: NextAccess;
	/** --cancel-after: when a migration still at the source is cancelled (Infinity: never). */
	readonly cancelAt: number;
	/**
	 * The stop rule (stop-policy.ts). It keeps state of its own (Xen's rate, QEMU's windows),
	 * but it is the algorithm's: each engine builds its own, a fork included, so it is never
	 * shared and is not part of EngineState.
	 */
	readonly rule: StopRule;
}

/** What an engine has moved so far. */
export interface Tally {
	pagesTransferred: number;
	bytesTransferred: number;
	zeroPages: number;
	/** Post-copy: touches of pages not yet sent (network faults). */
	faults: number;
	/** Post-copy: touches of pages on their way (the vCPU waits for the copy in flight). */
	inFlightWaits: number;
	/** Pages sent because a request asked for them (the faulted page, or its whole host page). */
	onDemand: number;
	/** Pages a fault's fault-around group brought beyond its host page. */
	readahead: number;
	faultBytes: number;
	cpuBytes: number;
	pushed: number;
	prepaged: number;
	/** Post-copy and hybrid: non-pageable pages sent while paused at the switch. */
	nonPageable: number;
}

/** One vCPU's share of the post-copy counts. */
export interface VcpuTally {
	faults: number;
	inFlightWaits: number;
}

/** Everything a running migration changes. Snapshots and results read it (views.ts). */
export interface EngineState {
	now: number;
	phase: Phase;
	vmHost: 'source' | 'target';
	/** Both hosts' page records. */
	st: PageState;
	/** The wire: sends from `st`, reports each batch to this record's tally and round. */
	sender: Sender;
	/** The VM's clocks, one per vCPU (vm-clocks.ts). */
	clock: VmClocks;
	/** Each vCPU's next write and read in its access streams. */
	writeIdx: number[];
	readIdx: number[];
	/** Each vCPU's faults and in-flight waits (the tally holds the VM's sums). */
	vcpuTally: VcpuTally[];
	/**
	 * More than one vCPU: pages the target has taken charge of that have not landed (a fault's
	 * page, one in flight a vCPU waits for), with when they land. Another vCPU touching one
	 * waits for the same copy (vcpus.ts). Always empty with one vCPU.
	 */
	claims: Map<number, number>;
	/**
	 * postcopy-preempt: when the preempt channel has written what it was given. Requested pages
	 * go there in the order the requests arrive, one after another (QEMU's one preempt channel,
	 * migration/ram.c postcopy_preempt_choose_channel), so two vCPUs' faults queue on it.
	 */
	urgentFreeAt: number;
	/** Bytes to send once the queued pages are gone (CPU and device state). */
	tailBytes: number;
	/** Delay after the last byte before the phase completes (the resume handshake). */
	tailDelay: number;
	/** The round under way, or null. */
	cur: RoundRecord | null;
	rounds: RoundRecord[];
	/** `rounds` as of the last round's end, shared by snapshots until the next one ends. */
	roundsView: readonly RoundRecord[];
	tally: Tally;
	maxThrottle: number;
	expectedDowntimeMs: number;
	/** Dirty-log syncs, as QEMU's dirty-sync-count counts them. */
	dirtySyncs: number;
	/** A hybrid that QEMU completed as pre-copy: its rest fit the downtime limit at the switch (phases.ts). */
	endsAsPrecopy: boolean;
	outcome: Outcome | null;
	reason: string;
	/** Whether the target holds every page at its latest version; null until the result is asked for. */
	verified: boolean | null;
	/** What happened, as data (events.ts): appended as the rules decide. */
	log: EventLog;
}

/** A migration's state before it starts: nothing sent, the VM running at the source. */
export function initialState(st: PageState, rate: number, channel: Channel, vcpus = 1): EngineState {
	const state: EngineState = {
		now: 0,
		phase: 'precopy',
		vmHost: 'source',
		st,
		sender: new Sender(st, rate, (p, b, z, pre) => recordSent(state, p, b, z, pre), channel),
		clock: new VmClocks(vcpus),
		writeIdx: new Array<number>(vcpus).fill(0),
		readIdx: new Array<number>(vcpus).fill(0),
		vcpuTally: Array.from({length: vcpus}, () => ({faults: 0, inFlightWaits: 0})),
		claims: new Map(),
		urgentFreeAt: 0,
		tailBytes: 0,
		tailDelay: 0,
		cur: null,
		rounds: [],
		roundsView: [],
		tally: {pagesTransferred: 0, bytesTransferred: 0, zeroPages: 0, faults: 0, inFlightWaits: 0, onDemand: 0, readahead: 0, faultBytes: 0, cpuBytes: 0, pushed: 0, prepaged: 0, nonPageable: 0},
		maxThrottle: 0,
		expectedDowntimeMs: 0,
		dirtySyncs: 0,
		endsAsPrecopy: false,
		outcome: null,
		reason: '',
		verified: null,
		log: newEventLog(),
	};
	return state;
}

/**
 * An independent copy of `s`: every page record, the sender (now reporting to the copy),
 * the clock, the rounds and the tally are copied, so the two run on without touching each
 * other. Every key is named, so the compiler refuses a field added to EngineState until it
 * is handled here; test/core/engine-state.test.ts checks that no copy aliases.
 */
export function cloneState(s: EngineState): EngineState {
	const st = s.st.clone();
	const rounds = s.rounds.map((r) => ({...r}));
	const copy: EngineState = {
		now: s.now,
		phase: s.phase,
		vmHost: s.vmHost,
		st,
		sender: s.sender.clone(st, (p, b, z, pre) => recordSent(copy, p, b, z, pre)),
		clock: s.clock.clone(),
		writeIdx: s.writeIdx.slice(),
		readIdx: s.readIdx.slice(),
		vcpuTally: s.vcpuTally.map((v) => ({...v})),
		claims: new Map(s.claims),
		urgentFreeAt: s.urgentFreeAt,
		tailBytes: s.tailBytes,
		tailDelay: s.tailDelay,
		cur: s.cur ? {...s.cur} : null,
		rounds,
		roundsView: rounds.slice(),
		tally: {...s.tally},
		maxThrottle: s.maxThrottle,
		expectedDowntimeMs: s.expectedDowntimeMs,
		dirtySyncs: s.dirtySyncs,
		endsAsPrecopy: s.endsAsPrecopy,
		outcome: s.outcome,
		reason: s.reason,
		verified: s.verified,
		log: cloneEventLog(s.log),
	};
	return copy;
}

/** The sender's report of one batch: into the tally and the round under way. */
export function recordSent(s: EngineState, pages: number, bytes: number, zero: number, prepaged: boolean): void {
	const t = s.tally;
	t.pagesTransferred += pages;
	t.bytesTransferred += bytes;
	t.zeroPages += zero;
	const r = s.cur;
	if (r) {
		r.pagesSent += pages;
		r.bytesSent += bytes;
		r.zeroPages += zero;
	}
	// Post-copy's and hybrid's pause has no round of its own: what it sends before the CPU
	// state is the non-pageable memory (phases.ts, beginSwitchover).
	else if (s.phase === 'stop-and-copy') t.nonPageable += pages;
	if (s.vmHost === 'target') {
		if (prepaged) t.prepaged += pages;
		else t.pushed += pages;
	}
}
