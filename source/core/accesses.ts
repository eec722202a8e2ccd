// The VM's accesses replayed against the transfer: each write dirties or outdates a page,
// each access to a page the target lacks (post-copy) is a network fault. The link is
// brought up to date only when an access could depend on it.

import type {EngineSetup, EngineState} from './engine-state.js';
import {PAGE_HEADER_BYTES} from './scenario.js';

/**
 * The VM's accesses before `bound`, in order. The link is only brought up to date
 * (pumped) when an access could depend on it: a page still queued at the source, or
 * missing at the target. Others commute with the transfer, so most accesses cost a
 * few bitmap operations; the result is the same as pumping before every access.
 */
export function runAccesses(e: EngineSetup, s: EngineState, bound: number): void {
	if (s.clock.isPaused || s.phase === 'link-paused' || s.clock.stallUntil > s.now) return;
	const st = s.st;
	const sender = s.sender;
	const atTarget = s.vmHost === 'target';
	const minCost = st.layout.zeroPages > 0 ? PAGE_HEADER_BYTES : e.pageCost;
	// Throttle and stall are fixed in here, so each stream's next time only changes when
	// that stream moves on.
	let tw = simTimeOfVm(s, e.writes.timeOf(s.writeIdx));
	let tr = atTarget ? simTimeOfVm(s, e.reads.timeOf(s.readIdx)) : Infinity;
	let safeUntil = -Infinity;
	for (;;) {
		const write = tw <= tr;
		const ta = write ? tw : tr;
		if (ta >= bound) return;
		const page = write ? e.writes.pageOf(s.writeIdx) : e.reads.pageOf(s.readIdx);
		const queued = atTarget ? !st.present.get(page) : st.toSend.get(page);
		const pumped =
			e.eager ||
			ta >= safeUntil ||
			(queued && (atTarget || sender.mayReach(page, ta, sender.skipDirty ? st.dirty.count : 0)));
		if (pumped) {
			pump(s, ta);
			if (workDone(s) && completionTime(s) <= ta) return;
		}
		moveClock(s, ta);
		if (write) {
			s.writeIdx++;
			access(e, s, page, true);
		} else {
			s.readIdx++;
			if (queued) access(e, s, page, false);
		}
		if (s.clock.stallUntil > s.now) return;
		if (pumped) {
			// After the access: a write to a queued page may have made it skippable.
			const skippable = sender.skipDirty ? st.dirty.count : 0;
			safeUntil = workDone(s) ? -Infinity : sender.linkTime + (Math.max(0, st.toSend.count - skippable) * minCost) / sender.rate;
		}
		if (write) tw = simTimeOfVm(s, e.writes.timeOf(s.writeIdx));
		else tr = simTimeOfVm(s, e.reads.timeOf(s.readIdx));
	}
}

/** Brings the link up to time t: queued pages, then the CPU state once they are gone. */
export function pump(s: EngineState, t: number): void {
	if (s.phase === 'link-paused') return;
	s.sender.pump(t);
	sendTail(s, t);
}

/** The simulated time at which the VM's own clock reaches vmT, given the current state. */
export function simTimeOfVm(s: EngineState, vmT: number): number {
	return s.outcome ? Infinity : s.clock.simAt(vmT, s.now);
}

/** Nothing left to send in this phase: no queued page, no CPU state. */
export function workDone(s: EngineState): boolean {
	return s.st.toSend.count === 0 && s.tailBytes === 0;
}

/** When the phase's last byte is through and its handshake done. */
export function completionTime(s: EngineState): number {
	return Math.max(s.now, s.sender.linkTime + s.tailDelay);
}

function sendTail(s: EngineState, t: number): void {
	if (s.tailBytes > 0 && s.st.toSend.count === 0 && s.sender.linkTime < t) {
		s.sender.occupy(s.now, s.tailBytes);
		s.tally.cpuBytes += s.tailBytes;
		s.tally.bytesTransferred += s.tailBytes;
		s.tailBytes = 0;
	}
}

export function moveClock(s: EngineState, t: number): void {
	if (t > s.now) s.now = t;
}

/** One access by the VM, wherever it runs. */
export function access(e: EngineSetup, s: EngineState, page: number, write: boolean): void {
	if (s.vmHost === 'source') {
		if (write) s.st.write(page, true);
		return;
	}
	if (!s.st.present.get(page) && s.st.toSend.get(page)) networkFault(e, s, page);
	if (write) s.st.write(page, false);
}

/** Post-copy: the vCPU touched a page the target lacks; it waits one round trip and the page. */
function networkFault(e: EngineSetup, s: EngineState, page: number): void {
	const sc = e.scenario;
	const t = s.tally;
	t.faults++;
	t.faultBytes += e.pageCost;
	t.pagesTransferred++;
	t.bytesTransferred += e.pageCost;
	s.st.fault(page);
	const wire = e.pageCost / e.link.fullRate;
	const from = s.phase === 'link-paused' ? e.link.returnsAt : s.now;
	s.sender.occupy(from, e.pageCost);
	s.clock.set(s.now, {stallUntil: from + sc.rttMs + wire});
	if (sc.postcopy.prepaging) s.sender.pivot(page);
}
