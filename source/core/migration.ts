import {buildLayout, type MemoryLayout} from './layout.js';
import {Link} from './link.js';
import {PageState} from './page-state.js';
import {type Algorithm, liveBytesPerMs, PAGE_HEADER_BYTES, postcopyBytesPerMs, type Scenario, SIM_TIME_LIMIT_MS} from './scenario.js';
import {Sender} from './sender.js';
import {QemuLoop} from './qemu-loop.js';
import {dirtyRateOf, fixedRoundsPolicy, type StopPolicy, xenPolicy, xenTodayPolicy} from './stop-policy.js';
import {VmClock} from './vm-clock.js';
import {type EngineView, resultOf, snapshotOf, type Tally} from './views.js';
import {verifyTarget} from './verify.js';
import {createStreams, type AccessStream} from './workloads/access-stream.js';
import type {MigrationResult, Outcome, Phase, RoundKind, RoundRecord, Snapshot} from './types.js';

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

/**
 * Hybrid's first round is pre-copy's, unless Xen's rate limiting slows pre-copy's, or
 * QEMU's loop may sync the dirty log before pre-copy's first pass ends.
 */
export function canForkHybrid(s: Scenario): boolean {
	return s.precopy.policy !== 'qemu' && !(s.precopy.policy === 'xen' && s.precopy.rateLimit);
}

export function createMigration(s: Scenario, algorithm: Algorithm, options: MigrationOptions = {}): Migration {
	return new Migration(s, algorithm, options);
}

/**
 * One migration. This file is longer than most because the event loop (advance,
 * runAccesses), the phase machine (rounds, switch-over, link failure) and the hybrid fork
 * read and write the same private state at every event; snapshots and results live in
 * views.ts, the counters in Tally, the wire in Sender, the clock in VmClock.
 */
export class Migration {
	readonly algorithm: Algorithm;
	private readonly st: PageState;
	private readonly link: Link;
	private readonly sender: Sender;
	/** The stop rule of Xen's loops and hybrid's fixed rounds; null for post-copy and QEMU's pre-copy. */
	private readonly policy: StopPolicy | null;
	/** QEMU's pre-copy loop (qemu-loop.ts), or null. */
	private readonly qemu: QemuLoop | null;
	/** --cancel-after: when a migration still at the source is cancelled (Infinity: never). */
	private readonly cancelAt: number;
	private readonly writes: AccessStream;
	private readonly reads: AccessStream;
	private readonly pageCost: number;
	private readonly eager: boolean;
	private onHybridFork: ((hybrid: Migration) => void) | null;

	private now = 0;
	private phase: Phase = 'precopy';
	private vmHost: 'source' | 'target' = 'source';
	private readonly clock = new VmClock();
	private maxThrottle = 0;
	private writeIdx = 0;
	private readIdx = 0;
	/** Bytes to send once the queued pages are gone (CPU and device state). */
	private tailBytes = 0;
	/** Delay after the last byte before the phase completes (the resume handshake). */
	private tailDelay = 0;
	private cur: RoundRecord | null = null;
	private readonly rounds: RoundRecord[] = [];
	private roundsView: readonly RoundRecord[] = [];

	private readonly tally: Tally = {pagesTransferred: 0, bytesTransferred: 0, zeroPages: 0, faults: 0, faultBytes: 0, cpuBytes: 0, pushed: 0, prepaged: 0};
	private expectedDowntimeMs = 0;
	/** Dirty-log syncs, as QEMU's dirty-sync-count counts them. */
	private dirtySyncs = 0;
	private outcome: Outcome | null = null;
	private reason = '';
	private verified: boolean | null = null;

	constructor(
		readonly scenario: Scenario,
		algorithm: Algorithm,
		options: MigrationOptions = {},
	) {
		const s = scenario;
		this.algorithm = algorithm;
		const layout = options.layout ?? buildLayout(s);
		this.st = new PageState(layout, s.pageSizeBytes, options.audit ?? false);
		this.link = new Link(s);
		this.pageCost = s.pageSizeBytes + PAGE_HEADER_BYTES;
		this.eager = options.eager ?? false;
		this.onHybridFork = algorithm === 'precopy' && canForkHybrid(s) ? (options.onHybridFork ?? null) : null;
		const streams = createStreams(s, layout);
		this.writes = streams.writes;
		this.reads = streams.reads;
		this.sender = new Sender(this.st, this.link.fullRate, (p, b, z, pre) => this.onSent(p, b, z, pre));
		// Live rounds send at the lower of the link and the stream's cap (QEMU's max-bandwidth,
		// migration_rate_set in migration/migration.c); the stop-and-copy lifts the cap.
		const live = liveBytesPerMs(s);
		const qemuPrecopy = algorithm === 'precopy' && s.precopy.policy === 'qemu';
		this.qemu = qemuPrecopy ? new QemuLoop(s, live < this.link.fullRate) : null;
		this.policy =
			algorithm === 'postcopy' || qemuPrecopy
				? null
				: algorithm === 'hybrid'
					? fixedRoundsPolicy(s, live)
					: s.precopy.policy === 'xen-today'
						? xenTodayPolicy(s, live)
						: xenPolicy(s, live);
		this.cancelAt = algorithm !== 'postcopy' && s.precopy.cancelAfterMs !== null ? s.precopy.cancelAfterMs : Infinity;
		if (this.link.failsAt <= 0) {
			this.finish('aborted', 'the link was down before migration began; the VM stays at the source');
		} else if (this.policy || this.qemu) {
			this.st.queueAll(s.postcopy.balloon);
			// The setup sync (ram_init_bitmaps -> migration_bitmap_sync_precopy) is the first counted.
			this.dirtySyncs = 1;
			this.beginRound('live', this.policy ? this.policy.firstRate() : live);
		} else {
			this.beginSwitchover();
		}
	}

	get finished(): boolean {
		return this.outcome !== null;
	}

	get nowMs(): number {
		return this.now;
	}

	/** Advances simulated time by simMs (or to the end of the migration, if sooner). */
	step(simMs: number): void {
		const end = this.now + Math.max(0, simMs);
		while (this.outcome === null && this.now < end) this.advance(end);
	}

	/** Runs to the end and returns the result. */
	run(): MigrationResult {
		while (this.outcome === null) this.step(SIM_TIME_LIMIT_MS);
		return this.result();
	}

	private advance(end: number): void {
		const limit = Math.min(end, SIM_TIME_LIMIT_MS);
		const tLink = this.link.nextChange(this.now);
		// QEMU's iterations and the cancel deadline are events the accesses must not run past.
		const tLoop = this.phase === 'precopy' ? Math.min(this.qemu ? this.qemu.nextCheckAt : Infinity, this.cancelAt) : Infinity;
		this.runAccesses(Math.min(limit, tLink, tLoop));
		if (this.outcome !== null || this.now >= end) return;
		const tWrite = this.simTimeOfVm(this.writes.timeOf(this.writeIdx));
		const tRead = this.vmHost === 'target' ? this.simTimeOfVm(this.reads.timeOf(this.readIdx)) : Infinity;
		const tStall = this.clock.stallUntil > this.now ? this.clock.stallUntil : Infinity;
		let tDone = this.workDone() ? this.completionTime() : Infinity;
		const tCheck = this.phase === 'precopy' && this.qemu ? Math.max(this.now, this.qemu.nextCheckAt) : Infinity;
		const tCancel = this.phase === 'precopy' ? Math.max(this.now, this.cancelAt) : Infinity;
		let t = Math.min(limit, tWrite, tRead, tStall, tLink, tDone, tCheck, tCancel);
		if (tDone === Infinity) {
			this.pump(t);
			if (this.workDone()) {
				tDone = this.completionTime();
				if (tDone < t) t = Math.max(this.now, tDone);
			}
		}
		this.moveClock(t);
		if (t === tDone) this.completePhase();
		else if (t === tLink) this.onLinkChange();
		else if (t === tCancel) this.cancel();
		else if (t === tCheck) this.qemuIteration();
		else if (t === tWrite) this.access(this.writes.pageOf(this.writeIdx++), true);
		else if (t === tRead) this.access(this.reads.pageOf(this.readIdx++), false);
		else if (t >= SIM_TIME_LIMIT_MS) this.finish('aborted', 'gave up after a week of simulated time');
	}

	/**
	 * The VM's accesses before `bound`, in order. The link is only brought up to date
	 * (pumped) when an access could depend on it: a page still queued at the source, or
	 * missing at the target. Others commute with the transfer, so most accesses cost a
	 * few bitmap operations; the result is the same as pumping before every access.
	 */
	private runAccesses(bound: number): void {
		if (this.clock.isPaused || this.phase === 'link-paused' || this.clock.stallUntil > this.now) return;
		const st = this.st;
		const atTarget = this.vmHost === 'target';
		const minCost = st.layout.zeroPages > 0 ? PAGE_HEADER_BYTES : this.pageCost;
		// Throttle and stall are fixed in here, so each stream's next time only changes when
		// that stream moves on.
		let tw = this.simTimeOfVm(this.writes.timeOf(this.writeIdx));
		let tr = atTarget ? this.simTimeOfVm(this.reads.timeOf(this.readIdx)) : Infinity;
		let safeUntil = -Infinity;
		for (;;) {
			const write = tw <= tr;
			const ta = write ? tw : tr;
			if (ta >= bound) return;
			const page = write ? this.writes.pageOf(this.writeIdx) : this.reads.pageOf(this.readIdx);
			const queued = atTarget ? !st.present.get(page) : st.toSend.get(page);
			const pumped =
				this.eager ||
				ta >= safeUntil ||
				(queued && (atTarget || this.sender.mayReach(page, ta, this.sender.skipDirty ? st.dirty.count : 0)));
			if (pumped) {
				this.pump(ta);
				if (this.workDone() && this.completionTime() <= ta) return;
			}
			this.moveClock(ta);
			if (write) {
				this.writeIdx++;
				this.access(page, true);
			} else {
				this.readIdx++;
				if (queued) this.access(page, false);
			}
			if (this.clock.stallUntil > this.now) return;
			if (pumped) {
				// After the access: a write to a queued page may have made it skippable.
				const skippable = this.sender.skipDirty ? st.dirty.count : 0;
				safeUntil = this.workDone()
					? -Infinity
					: this.sender.linkTime + (Math.max(0, st.toSend.count - skippable) * minCost) / this.sender.rate;
			}
			if (write) tw = this.simTimeOfVm(this.writes.timeOf(this.writeIdx));
			else tr = this.simTimeOfVm(this.reads.timeOf(this.readIdx));
		}
	}

	private pump(t: number): void {
		if (this.phase === 'link-paused') return;
		this.sender.pump(t);
		this.sendTail(t);
	}

	/** The simulated time at which the VM's own clock reaches vmT, given the current state. */
	private simTimeOfVm(vmT: number): number {
		return this.outcome ? Infinity : this.clock.simAt(vmT, this.now);
	}

	private workDone(): boolean {
		return this.st.toSend.count === 0 && this.tailBytes === 0;
	}

	private completionTime(): number {
		return Math.max(this.now, this.sender.linkTime + this.tailDelay);
	}

	private sendTail(t: number): void {
		if (this.tailBytes > 0 && this.st.toSend.count === 0 && this.sender.linkTime < t) {
			this.sender.occupy(this.now, this.tailBytes);
			this.tally.cpuBytes += this.tailBytes;
			this.tally.bytesTransferred += this.tailBytes;
			this.tailBytes = 0;
		}
	}

	private moveClock(t: number): void {
		if (t > this.now) this.now = t;
	}

	private onSent(pages: number, bytes: number, zero: number, prepaged: boolean): void {
		this.tally.pagesTransferred += pages;
		this.tally.bytesTransferred += bytes;
		this.tally.zeroPages += zero;
		const r = this.cur;
		if (r) {
			r.pagesSent += pages;
			r.bytesSent += bytes;
			r.zeroPages += zero;
		}
		if (this.vmHost === 'target') {
			if (prepaged) this.tally.prepaged += pages;
			else this.tally.pushed += pages;
		}
	}

	private access(page: number, write: boolean): void {
		if (this.vmHost === 'source') {
			if (write) this.st.write(page, true);
			return;
		}
		if (!this.st.present.get(page) && this.st.toSend.get(page)) this.networkFault(page);
		if (write) this.st.write(page, false);
	}

	/** Post-copy: the vCPU touched a page the target lacks; it waits one round trip and the page. */
	private networkFault(page: number): void {
		const s = this.scenario;
		this.tally.faults++;
		this.tally.faultBytes += this.pageCost;
		this.tally.pagesTransferred++;
		this.tally.bytesTransferred += this.pageCost;
		this.st.fault(page);
		const wire = this.pageCost / this.link.fullRate;
		const from = this.phase === 'link-paused' ? this.link.returnsAt : this.now;
		this.sender.occupy(from, this.pageCost);
		this.clock.set(this.now, {stallUntil: from + s.rttMs + wire});
		if (s.postcopy.prepaging) this.sender.pivot(page);
	}

	private beginRound(kind: RoundKind, rate: number, restart = true): void {
		this.sender.rate = rate;
		this.sender.skipDirty = kind === 'live' && this.scenario.precopy.policy === 'xen';
		if (restart) this.sender.restart(this.now, 'forward', kind === 'push');
		this.cur = {
			index: this.rounds.length,
			kind,
			startMs: this.now,
			durationMs: 0,
			pagesToSend: this.st.toSend.count,
			pagesSent: 0,
			pagesSkipped: 0,
			pagesDirtied: 0,
			bytesSent: 0,
			zeroPages: 0,
			rateBitsPerSec: rate * 8000,
		};
	}

	private closeRound(): RoundRecord | null {
		const r = this.cur;
		if (!r) return null;
		r.durationMs = this.now - r.startMs;
		r.pagesSkipped = this.sender.skipped;
		r.pagesDirtied = r.kind === 'live' ? this.st.dirty.count : 0;
		this.rounds.push(r);
		this.roundsView = this.rounds.slice();
		this.cur = null;
		return r;
	}

	/** Pause the VM; CPU state (and for pre-copy the last dirty pages) cross; resume at the target. */
	private beginSwitchover(): void {
		this.phase = 'stop-and-copy';
		this.clock.set(this.now, {paused: true});
		this.tailBytes = this.scenario.cpuStateBytes;
		// downtime = the last pages + the state (on the wire) + the fixed stop/resume cost + one
		// round trip for the resume handshake.
		this.tailDelay = this.link.rttMs + this.scenario.switchoverCostMs;
		this.sender.rate = this.link.fullRate;
		this.sender.restart(this.now, 'forward', false);
	}

	private completePhase(): void {
		// QEMU: the bitmap ran dry; ram_save_iterate returns and the thread iterates at once.
		if (this.phase === 'precopy') return this.qemu ? this.qemuIteration() : this.endLiveRound();
		if (this.phase === 'stop-and-copy') {
			this.tailDelay = 0;
			this.clock.set(this.now, {paused: false});
			this.vmHost = 'target';
			if (this.algorithm === 'precopy') {
				this.closeRound();
				return this.finish('completed', this.reason);
			}
			return this.beginPostcopy();
		}
		this.closeRound();
		this.finish('completed', 'every page is at the target');
	}

	private endLiveRound(): void {
		const r = this.closeRound()!;
		if (this.onHybridFork && r.index === 0) {
			const hook = this.onHybridFork;
			this.onHybridFork = null;
			const fork = this.forkAsHybrid();
			fork.afterLiveRound(fork.rounds[fork.rounds.length - 1]);
			hook(fork);
		}
		this.afterLiveRound(r);
	}

	/** The rest of a live round's end: the stop rule decides what comes next. */
	private afterLiveRound(r: RoundRecord): void {
		const d = this.policy!.decide({
			round: r,
			dirtyPages: this.st.dirty.count,
			totalPagesSent: this.tally.pagesTransferred,
			pages: this.st.pages,
			nowMs: this.now,
		});
		this.clock.set(this.now, {throttle: d.throttle});
		this.maxThrottle = Math.max(this.maxThrottle, d.throttle);
		this.expectedDowntimeMs = d.expectedDowntimeMs;
		if (!d.stop) {
			this.st.syncDirtyLog();
			this.dirtySyncs++;
			return this.beginRound('live', d.nextRate);
		}
		this.reason = d.reason;
		if (this.algorithm === 'hybrid') return this.beginSwitchover();
		this.beginSwitchover();
		this.st.syncDirtyLog();
		this.dirtySyncs++;
		this.beginRound('stop-and-copy', this.link.fullRate);
	}

	/**
	 * One iteration of QEMU's migration thread (migration_iteration_run, migration/migration.c):
	 * update the bandwidth window; if the bitmap's unsent rest is under the threshold, sync the
	 * dirty log and test rest + new dirt; stop if it fits, else keep scanning from where the
	 * scan is. No round cap: a guest that never fits runs until cancelled.
	 */
	private qemuIteration(): void {
		const q = this.qemu!;
		const st = this.st;
		const page = this.scenario.pageSizeBytes; // QEMU's estimate: migration_dirty_pages * TARGET_PAGE_SIZE
		q.updateCounters(this.now, this.tally.bytesTransferred, st.toSend.count * page);
		this.expectedDowntimeMs = q.expectedDowntimeMs;
		let pending = st.toSend.count * page;
		let synced = false;
		if (q.wantsSync(pending)) {
			// qemu_savevm_state_pending_exact -> migration_bitmap_sync_precopy: one pass (MIGRATION_PASS) ends.
			this.closeRound();
			const added = st.mergeDirtyLog();
			this.dirtySyncs++;
			q.onSync(this.now, added, this.tally.bytesTransferred);
			this.clock.set(this.now, {throttle: q.throttle});
			this.maxThrottle = Math.max(this.maxThrottle, q.throttle);
			pending = st.toSend.count * page;
			synced = true;
		}
		if (q.converged(pending)) {
			this.reason = `the dirty rest fits the ${this.scenario.precopy.downtimeLimitMs} ms downtime limit`;
			if (!synced) this.closeRound();
			// migration_completion: the VM stops, ram_save_complete syncs once more and sends
			// everything at the link's speed (the rate limit is lifted).
			this.beginSwitchover();
			st.mergeDirtyLog();
			this.dirtySyncs++;
			return this.beginRound('stop-and-copy', this.link.fullRate);
		}
		if (synced) {
			this.sender.continuePass();
			this.beginRound('live', this.sender.rate, false);
		}
		q.scheduleAfter(this.now);
	}

	/**
	 * --cancel-after ran out with the VM still at the source: the migration is cancelled
	 * (virsh domjobabort, KubeVirt's completion timeout); the VM keeps running there.
	 */
	private cancel(): void {
		const s = this.scenario;
		const last = this.cur && this.cur.durationMs === 0 ? this.rounds[this.rounds.length - 1] : null;
		const round = this.cur ? {...this.cur, durationMs: this.now - this.cur.startMs, pagesDirtied: this.st.dirty.count} : last;
		const dirty = round ? dirtyRateOf(round) : 0;
		const sendable = (this.sender.rate / this.pageCost) * 1000;
		const ratio = sendable > 0 ? dirty / sendable : 0;
		const how =
			ratio >= 1
				? `not converging: the guest dirties ${Math.round(dirty)} pages/s, ${ratio.toFixed(1)}x the ${Math.round(sendable)} pages/s the stream sends`
				: `not converged: the guest dirties ${Math.round(dirty)} pages/s against the ${Math.round(sendable)} pages/s the stream sends`;
		this.finish('cancelled', `${how}; cancelled after ${formatSeconds(s.precopy.cancelAfterMs ?? this.now)}, the VM stays at the source`);
	}

	private beginPostcopy(): void {
		const s = this.scenario;
		this.phase = this.link.isDown(this.now) ? 'link-paused' : 'postcopy';
		this.clock.set(this.now, {throttle: 0, linkPaused: this.phase === 'link-paused'});
		if (this.algorithm === 'hybrid') this.st.discardDirty();
		this.st.queueAll(s.postcopy.balloon);
		this.readIdx = this.reads.indexAt(this.clock.vmAt(this.now));
		// QEMU's max-postcopy-bandwidth caps the stream once in post-copy (migration_rate_set in
		// migration/migration.c, postcopy_start); 0, its default, is unlimited.
		this.beginRound('push', postcopyBytesPerMs(s));
	}

	private onLinkChange(): void {
		const s = this.scenario;
		if (this.now === this.link.failsAt) {
			if (this.vmHost === 'source') {
				return this.finish('aborted', 'the link failed before the switch; the VM keeps running at the source');
			}
			if (!s.postcopy.recovery) return this.finish('vm-lost', 'the link failed during post-copy (no recovery)');
			if (!this.link.returns) return this.finish('vm-lost', 'the link failed during post-copy and never returned');
			this.phase = 'link-paused';
			this.clock.set(this.now, {linkPaused: true});
			return;
		}
		if (this.phase === 'link-paused') {
			this.phase = 'postcopy';
			this.clock.set(this.now, {linkPaused: false});
			this.sender.idleUntil(this.now);
		}
	}

	private finish(outcome: Outcome, reason: string): void {
		if (this.cur && outcome !== 'completed') this.closeRound();
		this.outcome = outcome;
		this.reason = reason;
		this.phase = outcome === 'completed' ? 'done' : outcome;
		this.clock.set(this.now, {paused: false, stopped: true});
	}

	/**
	 * A hybrid engine in the state a hybrid run of this scenario is in at this moment (the
	 * end of round 0, before its stop rule speaks): an independent copy of every page
	 * record, clock and counter, with hybrid's own stop rule.
	 */
	private forkAsHybrid(): Migration {
		const fork = Object.create(Migration.prototype) as Migration;
		const st = this.st.clone();
		const rounds = this.rounds.map((r) => ({...r}));
		Object.assign(fork, this, {
			algorithm: 'hybrid',
			st,
			policy: fixedRoundsPolicy(this.scenario, liveBytesPerMs(this.scenario)),
			clock: this.clock.clone(),
			tally: {...this.tally},
			rounds,
			roundsView: rounds.slice(),
			cur: null,
			onHybridFork: null,
		});
		Object.assign(fork, {sender: this.sender.clone(st, (p: number, b: number, z: number, pre: boolean) => fork.onSent(p, b, z, pre))});
		return fork;
	}

	snapshot(heatmapBlocks = 0): Snapshot {
		return snapshotOf(this.view(), heatmapBlocks);
	}

	/** What the views read of the engine (see views.ts). */
	private view(): EngineView {
		return {
			algorithm: this.algorithm,
			scenario: this.scenario,
			policy: this.algorithm === 'postcopy' ? 'postcopy' : this.scenario.precopy.policy,
			phase: this.phase,
			now: this.now,
			outcome: this.outcome,
			reason: this.reason,
			vmHost: this.vmHost,
			clock: this.clock,
			link: this.link,
			st: this.st,
			cur: this.cur,
			rounds: this.rounds,
			roundsView: this.roundsView,
			skipped: this.sender.skipped,
			tally: this.tally,
			expectedDowntimeMs: this.expectedDowntimeMs,
			dirtySyncs: this.dirtySyncs,
			maxThrottle: this.maxThrottle,
			verified: this.verified ?? false,
		};
	}

	/**
	 * Frees the engine's large arrays for reuse by the next engine of a run (call after
	 * `result()`; the engine cannot be used afterwards).
	 */
	dispose(): void {
		this.result();
		this.st.dispose();
	}

	/** Per-page send counts when created with `audit` (tests only). */
	get sendCounts(): Uint8Array | null {
		return this.st.sends;
	}

	result(): MigrationResult {
		if (this.outcome === null) throw new Error('the migration has not finished');
		if (this.verified === null) this.verified = this.outcome === 'completed' && verifyTarget(this.st, this.scenario.postcopy.balloon);
		return resultOf(this.view());
	}
}

function formatSeconds(ms: number): string {
	return ms >= 1000 ? `${Number((ms / 1000).toPrecision(4))} s` : `${Number(ms.toPrecision(4))} ms`;
}
