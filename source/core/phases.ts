// The phase machine: what happens when a live round ends (the stop rule speaks), at
// QEMU's iterations, at the switch-over, in post-copy, when the link changes, at a
// cancel, and at the end. The event loop (migration.ts) calls these at their times.

import type {EngineSetup, EngineState} from './engine-state.js';
import {closeBurst, closePrepaging, emit, type EndCause, type StopTest} from './events.js';
import {chunkHostPages} from './host-pages.js';
import {beginRound, closeRound, roundSoFar} from './rounds.js';
import {placeMsOf, postcopyBufferOf, postcopyBytesPerMs, TARGET_PAGE_BYTES} from './scenario.js';
import {dirtyRateOf} from './stop-policy.js';
import type {Outcome, RoundRecord} from './types.js';

/** Pause the VM; CPU state (and for pre-copy the last dirty pages) cross; resume at the target. */
export function beginSwitchover(e: EngineSetup, s: EngineState): void {
	s.phase = 'stop-and-copy';
	s.clock.set(s.now, {paused: true});
	s.tailBytes = e.scenario.cpuStateBytes;
	// downtime = the last pages + the state (on the wire) + the fixed stop/resume cost + one
	// round trip for the resume handshake.
	s.tailDelay = e.link.rttMs + e.scenario.switchoverCostMs;
	s.sender.rate = e.link.fullRate;
	s.sender.skipDirty = false;
	// Post-copy by pseudo-paging (Hines & Gopalan, VEE'09 §4.1, Fig. 3): "CPU state and
	// non-pageable memory are then transferred to the target node during downtime", and
	// without ballooning "all free pages in the guest kernel are treated as non-pageable"
	// (§5.1). Those pages cross now, before the CPU state, and are never faulted for.
	const sc = e.scenario;
	if (e.algorithm !== 'precopy' && !s.endsAsPrecopy && sc.nonPageableBytes > 0) s.st.queueNonPageable(!sc.postcopy.balloon);
	s.sender.restart(s.now, 'forward', false);
	emit(s.log, {type: 'vm-paused', t: s.now});
	s.log.pausedAt = s.now;
	s.log.pausedPages = s.tally.pagesTransferred;
	s.log.pausedBytes = s.tally.bytesTransferred;
	s.log.pausedNonPageable = s.tally.nonPageable;
}

/** The rest of a live round's end: the stop rule decides what comes next. */
export function afterLiveRound(e: EngineSetup, s: EngineState, r: RoundRecord): void {
	const d = e.rule.policy!.decide({
		round: r,
		dirtyPages: s.st.dirty.count,
		totalPagesSent: s.tally.pagesTransferred,
		pages: s.st.pages,
		nowMs: s.now,
	});
	s.clock.set(s.now, {throttle: d.throttle});
	s.maxThrottle = Math.max(s.maxThrottle, d.throttle);
	s.expectedDowntimeMs = d.expectedDowntimeMs;
	if (!d.stop) {
		s.st.syncDirtyLog();
		s.dirtySyncs++;
		return beginRound(e, s, 'live', d.nextRate);
	}
	s.reason = d.reason;
	if (e.algorithm === 'hybrid') {
		const fits = hybridRestFits(e, s, r);
		if (fits === null) {
			if (d.test) emit(s.log, {type: 'stop', t: s.now, round: r.index, ...d.test});
			return beginSwitchover(e, s);
		}
		s.reason = fits.reason;
		d.test = fits.test;
		s.endsAsPrecopy = true;
	}
	if (d.test) emit(s.log, {type: 'stop', t: s.now, round: r.index, ...d.test});
	beginSwitchover(e, s);
	s.st.syncDirtyLog();
	s.dirtySyncs++;
	beginRound(e, s, 'stop-and-copy', e.link.fullRate);
}

/**
 * QEMU's hybrid: migrate-start-postcopy only sets a flag, and at its next iteration the
 * migration thread completes as plain pre-copy when the rest already fits (QEMU 7.2
 * migration_iteration_run, migration/migration.c: `pending_size < threshold_size` ->
 * migration_completion is tested before `start_postcopy` -> postcopy_start). The rest is the
 * dirty set the sync at the pass's end found; the threshold is the bandwidth QEMU measured
 * (the pass's bytes over its time) x downtime-limit. The message when it fits, else null.
 * Xen has no such step (Hines's post-copy switches at once).
 */
function hybridRestFits(e: EngineSetup, s: EngineState, r: RoundRecord): {reason: string; test: StopTest} | null {
	const sc = e.scenario;
	if (sc.precopy.policy !== 'qemu') return null;
	// The pass's end syncs the dirty log (a MIGRATION_PASS); the completion (ram_save_complete)
	// or the switch (postcopy_start -> ram_postcopy_send_discard_bitmap) syncs once more.
	s.dirtySyncs++;
	const bandwidth = r.durationMs > 0 ? r.bytesSent / r.durationMs : e.link.fullRate;
	const rest = (s.st.dirty.count + s.st.toSend.count) * TARGET_PAGE_BYTES;
	const threshold = bandwidth * sc.precopy.downtimeLimitMs;
	if (rest !== 0 && rest >= threshold) {
		s.dirtySyncs++;
		return null;
	}
	const mib = (x: number) => `${(x / 1048576).toFixed(1)} MiB`;
	const reason = `the dirty rest (${mib(rest)}) fit the ${sc.precopy.downtimeLimitMs} ms downtime limit at the switch (${mib(threshold)} at the measured bandwidth): QEMU completes as pre-copy, never switching to post-copy`;
	return {reason, test: {rule: 'qemu-fits', restBytes: rest, thresholdBytes: threshold, bandwidthBytesPerMs: bandwidth, downtimeLimitMs: sc.precopy.downtimeLimitMs, hybrid: true}};
}

/**
 * One iteration of QEMU's migration thread (migration_iteration_run, migration/migration.c):
 * update the bandwidth window; if the bitmap's unsent rest is under the threshold, sync the
 * dirty log and test rest + new dirt; stop if it fits, else keep scanning from where the
 * scan is. No round cap: a guest that never fits runs until cancelled.
 */
export function qemuIteration(e: EngineSetup, s: EngineState): void {
	const q = e.rule.qemu!;
	const st = s.st;
	const page = TARGET_PAGE_BYTES; // QEMU's estimate: migration_dirty_pages * TARGET_PAGE_SIZE
	q.updateCounters(s.now, s.tally.bytesTransferred, st.toSend.count * page);
	s.expectedDowntimeMs = q.expectedDowntimeMs;
	let pending = st.toSend.count * page;
	let synced = false;
	if (q.wantsSync(pending)) {
		// qemu_savevm_state_pending_exact -> migration_bitmap_sync_precopy: one pass (MIGRATION_PASS) ends.
		closeRound(s);
		const added = st.mergeDirtyLog();
		s.dirtySyncs++;
		const step = q.onSync(s.now, added, s.tally.bytesTransferred);
		if (step) emit(s.log, {type: 'throttle', t: s.now, fromPercent: Math.round(step.from * 100), toPercent: Math.round(step.to * 100), dirtiedBytes: step.dirtiedBytes, sentBytes: step.sentBytes, share: step.share});
		s.clock.set(s.now, {throttle: q.throttle});
		s.maxThrottle = Math.max(s.maxThrottle, q.throttle);
		pending = st.toSend.count * page;
		synced = true;
	}
	if (q.converged(pending)) {
		s.reason = `the dirty rest fits the ${e.scenario.precopy.downtimeLimitMs} ms downtime limit`;
		if (!synced) closeRound(s);
		const limit = e.scenario.precopy.downtimeLimitMs;
		emit(s.log, {type: 'stop', t: s.now, round: s.rounds.length - 1, rule: 'qemu-fits', restBytes: pending, thresholdBytes: q.threshold, bandwidthBytesPerMs: q.bandwidth, downtimeLimitMs: limit, hybrid: false});
		// migration_completion: the VM stops, ram_save_complete syncs once more and sends
		// everything at the link's speed (the rate limit is lifted).
		beginSwitchover(e, s);
		st.mergeDirtyLog();
		s.dirtySyncs++;
		return beginRound(e, s, 'stop-and-copy', e.link.fullRate);
	}
	if (synced) {
		s.sender.continuePass();
		beginRound(e, s, 'live', s.sender.rate, false);
	}
	q.scheduleAfter(s.now);
}

/**
 * --cancel-after ran out with the VM still at the source: the migration is cancelled
 * (virsh domjobabort, KubeVirt's completion timeout); the VM keeps running there.
 */
export function cancel(e: EngineSetup, s: EngineState): void {
	const round = roundSoFar(s);
	const dirty = round ? dirtyRateOf(round) : 0;
	const sendable = (s.sender.rate / e.pageCost) * 1000;
	const ratio = sendable > 0 ? dirty / sendable : 0;
	const how =
		ratio >= 1
			? `not converging: the guest dirties ${Math.round(dirty)} pages/s, ${ratio.toFixed(1)}x the ${Math.round(sendable)} pages/s the stream sends`
			: `not converged: the guest dirties ${Math.round(dirty)} pages/s against the ${Math.round(sendable)} pages/s the stream sends`;
	emit(s.log, {type: 'not-converging', t: s.now, dirtyPagesPerSec: dirty, sendPagesPerSec: sendable, cancelAfterMs: e.scenario.precopy.cancelAfterMs ?? s.now});
	finish(s, 'cancelled', `${how}; cancelled after ${formatSeconds(e.scenario.precopy.cancelAfterMs ?? s.now)}, the VM stays at the source`);
}

/** The switch-over is done: the VM runs at the target and the pages it lacks are pushed (and faulted). */
export function beginPostcopy(e: EngineSetup, s: EngineState): void {
	const sc = e.scenario;
	s.phase = e.link.isDown(s.now) ? 'link-paused' : 'postcopy';
	s.clock.set(s.now, {throttle: 0, linkPaused: s.phase === 'link-paused'});
	if (e.algorithm === 'hybrid') s.st.discardDirty();
	s.st.queueAll(sc.postcopy.balloon);
	// Free pages stay out: never sent when ballooned, else placed in the pause with the non-pageable ones.
	chunkHostPages(s.st, e.hostPages, sc.postcopy.balloon || sc.nonPageableBytes > 0);
	// Each vCPU reads on from where its own clock stands.
	for (let c = 0; c < e.reads.length; c++) s.readIdx[c] = e.reads[c].indexAt(s.clock.cpus[c].vmAt(s.now));
	// The VM runs here now: a pushed page is of use when its last byte lands, and the phase
	// is over when the last one has (half a round trip after it leaves).
	// A huge host page is placed with one ioctl (UFFDIO_COPY of the host page): its placing
	// time is spread over its engine pages.
	s.sender.trackLanding(placeMsOf(sc) / e.hostPages, e.hostPages, postcopyBufferOf(sc));
	s.tailDelay = e.link.rttMs / 2;
	// QEMU's max-postcopy-bandwidth caps the stream once in post-copy (migration_rate_set in
	// migration/migration.c, postcopy_start); 0, its default, is unlimited.
	beginRound(e, s, 'push', postcopyBytesPerMs(sc));
}

/** The link went down or came back. */
export function onLinkChange(e: EngineSetup, s: EngineState): void {
	if (s.now === e.link.failsAt) {
		const during = s.phase === 'precopy' || s.phase === 'stop-and-copy' ? s.phase : 'postcopy';
		emit(s.log, {type: 'link-down', t: s.now, upAt: e.link.returns ? e.link.returnsAt : null, during});
		if (s.vmHost === 'source') {
			return finish(s, 'aborted', 'the link failed before the switch; the VM keeps running at the source');
		}
		if (!e.scenario.postcopy.recovery) return finish(s, 'vm-lost', 'the link failed during post-copy (no recovery)');
		if (!e.link.returns) return finish(s, 'vm-lost', 'the link failed during post-copy and never returned', 'link-never-returned');
		s.phase = 'link-paused';
		s.clock.set(s.now, {linkPaused: true});
		emit(s.log, {type: 'postcopy-paused', t: s.now});
		s.log.linkPausedAt = s.now;
		return;
	}
	emit(s.log, {type: 'link-up', t: s.now, downForMs: s.now - e.link.failsAt});
	if (s.phase === 'link-paused') {
		s.phase = 'postcopy';
		s.clock.set(s.now, {linkPaused: false});
		s.sender.idleUntil(s.now);
		emit(s.log, {type: 'postcopy-resumed', t: s.now, pausedMs: s.now - s.log.linkPausedAt});
	}
}

/** What ends a run of each outcome unless the caller says otherwise (the event's cause). */
const usualCause: Record<Outcome, EndCause> = {completed: 'completed', aborted: 'link-down', cancelled: 'cancelled', 'vm-lost': 'no-recovery'};

export function finish(s: EngineState, outcome: Outcome, reason: string, cause: EndCause = usualCause[outcome]): void {
	s.sender.land(s.now); // what has landed by now is the target's, whatever the outcome
	if (s.cur && outcome !== 'completed') closeRound(s, true);
	s.outcome = outcome;
	s.reason = reason;
	s.phase = outcome === 'completed' ? 'done' : outcome;
	s.clock.set(s.now, {paused: false, stopped: true});
	closeBurst(s.log, s.now);
	closePrepaging(s.log, s.now, s.tally.prepaged);
	const {downtime, stall} = s.clock.totalsAt(s.now);
	emit(s.log, {type: 'end', t: s.now, outcome, cause, downtimeMs: downtime, stallMs: stall});
}

function formatSeconds(ms: number): string {
	return ms >= 1000 ? `${Number((ms / 1000).toPrecision(4))} s` : `${Number(ms.toPrecision(4))} ms`;
}
