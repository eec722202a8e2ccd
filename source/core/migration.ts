import {access, completionTime, moveClock, nextRead, nextWrite, pump, runAccesses, workDone} from './accesses.js';
import {cloneState, type EngineSetup, type EngineState, initialState} from './engine-state.js';
import {emit, eventsFrom, flushBursts, type MigrationEvent} from './events.js';
import {buildLayout, type MemoryLayout} from './layout.js';
import {Link} from './link.js';
import {PageState} from './page-state.js';
import {afterLiveRound, beginPostcopy, beginSwitchover, cancel, finish, onLinkChange, qemuIteration} from './phases.js';
import {beginRound, closeRound} from './rounds.js';
import {type Algorithm, faultAroundOf, hostPagePages, liveBytesPerMs, PAGE_HEADER_BYTES, type Scenario, SIM_TIME_LIMIT_MS, TARGET_PAGE_BYTES, vcpusOf} from './scenario.js';
import {canForkHybrid, runPolicyOf, stopRuleFor} from './stop-policy.js';
import type {MigrationResult, Snapshot} from './types.js';
import {verifyTarget} from './verify.js';
import {resultOf, snapshotOf} from './views.js';
import {NextAccess} from './vcpu-merge.js';
import {createVcpuStreams} from './workloads/access-stream.js';

export interface MigrationOptions {
	/** Count sends per page (one byte a page) so tests can check post-copy sends each page once. */
	audit?: boolean;
	/** A layout already built for this scenario (a race shares one). */
	layout?: MemoryLayout;
	/** Bring the link up to date before every access (slow; tests compare it with the default). */
	eager?: boolean;
	/**
	 * Pre-copy only: called with a hybrid engine forked off at the end of round 0. Up to
	 * there the two are the same simulation (see canForkHybrid), so a race runs that round
	 * once instead of twice.
	 */
	onHybridFork?: (hybrid: Migration) => void;
}

interface EngineOptions extends MigrationOptions {
	/**
	 * The hybrid fork: a state cloned at the end of a pre-copy round 0, which the engine
	 * adopts instead of starting. Its stop rule is still its own (built from the algorithm).
	 */
	fromState?: EngineState;
}

export function createMigration(s: Scenario, algorithm: Algorithm, options: MigrationOptions = {}): Migration {
	return new Migration(s, algorithm, options);
}

/**
 * One migration: the event loop over one state record. The record and its copy for the
 * fork are engine-state.ts; the accesses accesses.ts; rounds rounds.ts; what each event
 * does phases.ts; snapshots and results views.ts; the stop rules stop-policy.ts.
 */
export class Migration {
	readonly algorithm: Algorithm;
	private readonly setup: EngineSetup;
	private readonly state: EngineState;
	private onHybridFork: ((hybrid: Migration) => void) | null;

	constructor(
		readonly scenario: Scenario,
		algorithm: Algorithm,
		options: EngineOptions = {},
	) {
		const s = scenario;
		this.algorithm = algorithm;
		const layout = options.layout ?? buildLayout(s);
		const link = new Link(s);
		const vcpus = vcpusOf(s);
		const streams = createVcpuStreams(s, layout, vcpus);
		const rule = stopRuleFor(s, algorithm);
		const hostPages = hostPagePages(s);
		this.setup = {
			scenario: s,
			algorithm,
			policyName: runPolicyOf(s, algorithm),
			link,
			pageCost: TARGET_PAGE_BYTES + PAGE_HEADER_BYTES,
			hostPages,
			hostShift: Math.log2(hostPages),
			faultAround: faultAroundOf(s),
			eager: options.eager ?? false,
			writes: streams.writes,
			reads: streams.reads,
			next: new NextAccess(vcpus),
			cancelAt: algorithm !== 'postcopy' && s.precopy.cancelAfterMs !== null ? s.precopy.cancelAfterMs : Infinity,
			rule,
		};
		this.onHybridFork = algorithm === 'precopy' && canForkHybrid(s) ? (options.onHybridFork ?? null) : null;
		if (options.fromState) {
			this.state = options.fromState;
			return;
		}
		const state = initialState(new PageState(layout, TARGET_PAGE_BYTES, options.audit ?? false), link.fullRate, {
			linkRate: link.fullRate,
			bufferBytes: s.channelBufferBytes,
			oneWayMs: link.rttMs / 2,
		}, vcpus);
		this.state = state;
		// Live rounds send at the lower of the link and the stream's cap (QEMU's max-bandwidth,
		// migration_rate_set in migration/migration.c); the stop-and-copy lifts the cap.
		const live = liveBytesPerMs(s);
		if (link.failsAt <= 0) {
			finish(state, 'aborted', 'the link was down before migration began; the VM stays at the source');
		} else if (rule.policy || rule.qemu) {
			state.st.queueAll(s.postcopy.balloon);
			// The setup sync (ram_init_bitmaps -> migration_bitmap_sync_precopy) is the first counted.
			state.dirtySyncs = 1;
			beginRound(this.setup, state, 'live', rule.policy ? rule.policy.firstRate() : live);
		} else {
			beginSwitchover(this.setup, state);
		}
	}

	get finished(): boolean {
		return this.state.outcome !== null;
	}

	get nowMs(): number {
		return this.state.now;
	}

	/** Advances simulated time by simMs (or to the end of the migration, if sooner). */
	step(simMs: number): void {
		const s = this.state;
		const end = s.now + Math.max(0, simMs);
		while (s.outcome === null && s.now < end) this.advance(end);
	}

	/** Runs to the end and returns the result. */
	run(): MigrationResult {
		while (this.state.outcome === null) this.step(SIM_TIME_LIMIT_MS);
		return this.result();
	}

	/** To the next event before `end` (accesses, link, QEMU's iteration, cancel, completion), and handles it. */
	private advance(end: number): void {
		const e = this.setup;
		const s = this.state;
		const q = e.rule.qemu;
		const limit = Math.min(end, SIM_TIME_LIMIT_MS);
		const tLink = e.link.nextChange(s.now);
		// QEMU's iterations and the cancel deadline are events the accesses must not run past.
		const tLoop = s.phase === 'precopy' ? Math.min(q ? q.nextCheckAt : Infinity, e.cancelAt) : Infinity;
		runAccesses(e, s, Math.min(limit, tLink, tLoop));
		if (s.outcome !== null || s.now >= end) return;
		// The earliest access of any vCPU (a scan: once an event, not once an access).
		let tAccess = Infinity;
		let cpu = 0;
		let write = true;
		for (let c = 0; c < e.writes.length; c++) {
			const tw = nextWrite(e, s, c);
			const tr = s.vmHost === 'target' ? nextRead(e, s, c) : Infinity;
			if (tw < tAccess || tr < tAccess) {
				write = tw <= tr;
				tAccess = write ? tw : tr;
				cpu = c;
			}
		}
		// A stall's end is an event once every vCPU waits (runAccesses stopped there); while
		// some run, the merge reaches a stalled vCPU's next access by itself.
		const tStall = s.clock.allStalled(s.now) ? s.clock.nextStallEnd(s.now) : Infinity;
		let tDone = workDone(s) ? completionTime(s) : Infinity;
		const tCheck = s.phase === 'precopy' && q ? Math.max(s.now, q.nextCheckAt) : Infinity;
		const tCancel = s.phase === 'precopy' ? Math.max(s.now, e.cancelAt) : Infinity;
		let t = Math.min(limit, tAccess, tStall, tLink, tDone, tCheck, tCancel);
		if (tDone === Infinity) {
			pump(s, t);
			if (workDone(s)) {
				tDone = completionTime(s);
				if (tDone < t) t = Math.max(s.now, tDone);
			}
		}
		moveClock(s, t);
		if (t === tDone) this.completePhase();
		else if (t === tLink) onLinkChange(e, s);
		else if (t === tCancel) cancel(e, s);
		else if (t === tCheck) qemuIteration(e, s);
		else if (t === tAccess && write) access(e, s, e.writes[cpu].pageOf(s.writeIdx[cpu]++), true, cpu);
		else if (t === tAccess) access(e, s, e.reads[cpu].pageOf(s.readIdx[cpu]++), false, cpu);
		else if (t >= SIM_TIME_LIMIT_MS) finish(s, 'aborted', 'gave up after a week of simulated time', 'time-limit');
	}

	/** The phase's last byte is through (and its handshake done). */
	private completePhase(): void {
		const e = this.setup;
		const s = this.state;
		// QEMU: the bitmap ran dry; ram_save_iterate returns and the thread iterates at once.
		if (s.phase === 'precopy') return e.rule.qemu ? qemuIteration(e, s) : this.endLiveRound();
		if (s.phase === 'stop-and-copy') {
			s.tailDelay = 0;
			s.clock.set(s.now, {paused: false});
			s.vmHost = 'target';
			const l = s.log;
			const next = e.algorithm === 'precopy' || s.endsAsPrecopy ? 'done' : 'postcopy';
			const moved = {pages: s.tally.pagesTransferred - l.pausedPages, bytes: s.tally.bytesTransferred - l.pausedBytes, nonPageablePages: s.tally.nonPageable - l.pausedNonPageable};
			emit(l, {type: 'switchover', t: s.now, durationMs: s.now - l.pausedAt, ...moved, cpuStateBytes: e.scenario.cpuStateBytes, next});
			if (next === 'done') {
				closeRound(s);
				return finish(s, 'completed', s.reason);
			}
			return beginPostcopy(e, s);
		}
		s.sender.land(s.now);
		closeRound(s);
		finish(s, 'completed', 'every page is at the target');
	}

	private endLiveRound(): void {
		const r = closeRound(this.state)!;
		if (this.onHybridFork && r.index === 0) {
			const hook = this.onHybridFork;
			this.onHybridFork = null;
			hook(this.forkAsHybrid());
		}
		afterLiveRound(this.setup, this.state, r);
	}

	/**
	 * A hybrid engine in the state a hybrid run of this scenario is in at this moment (the
	 * end of round 0): a copy of the state, then hybrid's own stop rule speaks.
	 */
	private forkAsHybrid(): Migration {
		const s = this.state;
		const fork = new Migration(this.scenario, 'hybrid', {layout: s.st.layout, eager: this.setup.eager, fromState: cloneState(s)});
		afterLiveRound(fork.setup, fork.state, fork.state.rounds[fork.state.rounds.length - 1]);
		return fork;
	}

	snapshot(heatmapBlocks = 0): Snapshot {
		return snapshotOf(this.setup, this.state, heatmapBlocks);
	}

	/**
	 * Frees the engine's large arrays for reuse by the next engine of a run (call after
	 * `result()`; the engine cannot be used afterwards).
	 */
	dispose(): void {
		this.result();
		this.state.st.dispose();
	}

	/** Per-page send counts when created with `audit` (tests only). */
	get sendCounts(): Uint8Array | null {
		return this.state.st.sends;
	}

	result(): MigrationResult {
		const s = this.state;
		if (s.outcome === null) throw new Error('the migration has not finished');
		if (s.verified === null) {
			s.verified = s.outcome === 'completed' && verifyTarget(s.st, this.scenario.postcopy.balloon);
			if (s.outcome === 'completed') emit(s.log, {type: 'verified', t: s.now, ok: s.verified});
		}
		return resultOf(this.setup, s);
	}

	/** Events so far (events.ts). */
	get eventCount(): number {
		flushBursts(this.state.log, this.state.now);
		return this.state.log.events.length;
	}

	/**
	 * The events from index `from` on, for a consumer that keeps how many it has read. A fault
	 * window that has ended by now is closed first; the list is the same however time was sliced.
	 */
	eventsSince(from: number): readonly MigrationEvent[] {
		flushBursts(this.state.log, this.state.now);
		return eventsFrom(this.state.log, from);
	}
}
