// The VM's accesses replayed against the transfer: each write dirties or outdates a page,
// each access to a page the target lacks (post-copy) is a network fault. The link is
// brought up to date only when an access could depend on it.

import type {EngineSetup, EngineState} from './engine-state.js';
import {noteFault} from './events.js';
import {fetchOnFault, readAheadInFlight} from './fault-group.js';
import {PAGE_HEADER_BYTES, placeMsOf} from './scenario.js';
import {stallOnFault, stallOnFlight, waitForClaim} from './vcpus.js';

/**
 * The VM's accesses before `bound`, in order: the vCPUs' streams merged by time
 * (vcpu-merge.ts). The link is only brought up to date (pumped) when an access could depend
 * on it: a page still queued at the source, or missing at the target. Others commute with
 * the transfer, so most accesses cost a few bitmap operations; the result is the same as
 * pumping before every access. A fault stalls its own vCPU; the others run on, so this
 * returns only once every vCPU is stalled (one vCPU: at its fault).
 */
export function runAccesses(e: EngineSetup, s: EngineState, bound: number): void {
	const clock = s.clock;
	if (clock.isPaused || s.phase === 'link-paused' || clock.allStalled(s.now)) return;
	const st = s.st;
	const sender = s.sender;
	const atTarget = s.vmHost === 'target';
	const minCost = st.layout.zeroPages > 0 ? PAGE_HEADER_BYTES : e.pageCost;
	// Throttle and stall are fixed in here, so a vCPU's next times only change when that
	// vCPU moves on. One vCPU keeps its two times in locals; more go through the merge.
	const q = e.next;
	const multi = q.n > 1;
	let tw = nextWrite(e, s, 0);
	let tr = atTarget ? nextRead(e, s, 0) : Infinity;
	if (multi) {
		q.put(0, tw, tr);
		for (let c = 1; c < q.n; c++) q.put(c, nextWrite(e, s, c), atTarget ? nextRead(e, s, c) : Infinity);
		q.start();
	}
	let safeUntil = -Infinity;
	for (;;) {
		const cpu = multi ? q.cpu : 0;
		const write = multi ? q.write : tw <= tr;
		const ta = multi ? q.time : write ? tw : tr;
		if (ta >= bound) return;
		const page = write ? e.writes[cpu].pageOf(s.writeIdx[cpu]) : e.reads[cpu].pageOf(s.readIdx[cpu]);
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
			s.writeIdx[cpu]++;
			access(e, s, page, true, cpu);
		} else {
			s.readIdx[cpu]++;
			if (queued || (multi && s.claims.size > 0)) access(e, s, page, false, cpu);
		}
		const stalled = clock.stallUntil(cpu) > s.now;
		if (stalled && (!multi || clock.allStalled(s.now))) return;
		if (pumped) {
			// After the access: a write to a queued page may have made it skippable.
			const skippable = sender.skipDirty ? st.dirty.count : 0;
			// The writer runs aheadMs in front of the link: it reaches a queued page that much sooner.
			safeUntil = workDone(s) ? -Infinity : sender.linkTime - sender.aheadMs + (Math.max(0, st.toSend.count - skippable) * minCost) / sender.rate;
		}
		if (!multi) {
			if (write) tw = nextWrite(e, s, 0);
			else tr = nextRead(e, s, 0);
			continue;
		}
		// A stall moves both of the vCPU's streams; otherwise only the one that went.
		if (stalled) q.put(cpu, nextWrite(e, s, cpu), atTarget ? nextRead(e, s, cpu) : Infinity);
		else if (write) q.tw[cpu] = nextWrite(e, s, cpu);
		else q.tr[cpu] = nextRead(e, s, cpu);
		q.moved();
	}
}

/** The simulated time of vCPU c's next write. */
export function nextWrite(e: EngineSetup, s: EngineState, c: number): number {
	return simTimeOfVm(s, c, e.writes[c].timeOf(s.writeIdx[c]));
}

/** The simulated time of vCPU c's next read. */
export function nextRead(e: EngineSetup, s: EngineState, c: number): number {
	return simTimeOfVm(s, c, e.reads[c].timeOf(s.readIdx[c]));
}

/** Brings the link up to time t: queued pages, then the CPU state once they are gone; what has landed by t reaches the target. */
export function pump(s: EngineState, t: number): void {
	if (s.phase === 'link-paused') return;
	s.sender.pump(t);
	s.sender.land(t);
	sendTail(s, t);
}

/** The simulated time at which vCPU c's own clock reaches vmT, given the current state. */
export function simTimeOfVm(s: EngineState, c: number, vmT: number): number {
	return s.outcome ? Infinity : s.clock.cpus[c].simAt(vmT, s.now);
}

/** Nothing left to send in this phase: no queued page, no CPU state. */
export function workDone(s: EngineState): boolean {
	return s.st.toSend.count === 0 && s.tailBytes === 0;
}

/**
 * When the phase is over. A live round ends when the writer has put its last page into the
 * channel (QEMU syncs the dirty log as soon as the bitmap runs dry; the socket still drains):
 * aheadMs before the link finishes. A pause or post-copy ends when the last byte is through
 * and its handshake done.
 */
export function completionTime(s: EngineState): number {
	if (s.phase === 'precopy') return Math.max(s.now, s.sender.linkTime - s.sender.aheadMs);
	return Math.max(s.now, s.sender.linkTime + s.tailDelay);
}

function sendTail(s: EngineState, t: number): void {
	if (s.tailBytes > 0 && s.st.toSend.count === 0 && s.sender.canWrite(t)) {
		s.sender.occupy(s.now, s.tailBytes);
		s.tally.cpuBytes += s.tailBytes;
		s.tally.bytesTransferred += s.tailBytes;
		s.tailBytes = 0;
	}
}

export function moveClock(s: EngineState, t: number): void {
	if (t > s.now) s.now = t;
}

/** One access by vCPU `cpu`, wherever the VM runs. */
export function access(e: EngineSetup, s: EngineState, page: number, write: boolean, cpu: number): void {
	if (s.vmHost === 'source') {
		if (write) s.st.write(page, true);
		return;
	}
	if (!s.st.present.get(page)) {
		if (s.st.toSend.get(page)) networkFault(e, s, page, cpu);
		else waitForLanding(e, s, page, cpu);
	} else if (s.claims.size > 0) waitForClaim(s, page >>> e.hostShift, cpu);
	if (write) s.st.write(page, false);
}

/**
 * Post-copy: vCPU `cpu` touched a page the target lacks. The destination asks for it (QEMU's
 * postcopy_request_page -> migrate_send_rp_req_pages) and the vCPU waits. The request
 * reaches the source half a round trip later (once the link is back, if it is down); the
 * push goes on until then, then follows the fault (push order). The page (its host page, and
 * any fault-around group: fault-group.ts) is written next, behind what the channel already
 * holds, unless postcopy-preempt gives requested pages a channel of their own; it lands half
 * a round trip after its last byte leaves.
 */
function networkFault(e: EngineSetup, s: EngineState, page: number, cpu: number): void {
	const bytesBefore = s.tally.faultBytes;
	const landsAt = fetchOnFault(e, s, page);
	stallOnFault(s, cpu, page >>> e.hostShift, landsAt);
	// For the event (events.ts): the host page's own time on the wire (its bytes, at most a
	// full host page: the fault-around group goes behind it) or in placing it, whichever is
	// longer; and the wait for the link, when the request waits for it to come back.
	// A zero 4 KiB page is mapped, not placed, as fault-group.ts has it.
	const hostBytes = Math.min(s.tally.faultBytes - bytesBefore, e.hostPages * e.pageCost);
	const placeMs = e.hostPages === 1 && hostBytes < e.pageCost ? 0 : placeMsOf(e.scenario);
	const linkDown = s.phase === 'link-paused' ? e.link.returnsAt - s.now : 0;
	noteFault(s.log, s.now, page, landsAt, Math.max(hostBytes / e.link.fullRate, placeMs), e.link.rttMs, linkDown, s.tally.prepaged);
}

/**
 * Post-copy: the vCPU touched a page already on its way (written, not landed). The
 * destination does not know and asks for it (QEMU counts the request); the source finds it
 * sent and sends nothing more; the vCPU waits for the copy in flight. A swap path that reads
 * ahead (--fault-around) asks for the rest of the page's cluster all the same.
 */
function waitForLanding(e: EngineSetup, s: EngineState, page: number, cpu: number): void {
	const readAhead = s.sender.askedInFlight(page);
	const at = s.sender.takeInFlight(page);
	if (at < 0) return; // never sent: a free page ballooning left out
	// It is the target's from here: the vCPU's access happens once it has landed.
	s.st.deliver(page >>> 5, (1 << (page & 31)) >>> 0);
	if (at <= s.now) return; // landed already (its batch had not been handed over yet)
	// A page a fault's readahead asked for is waited for in the swap cache (lock_page in
	// do_swap_page, mm/memory.c): no second request, no readahead of its own.
	if (!readAhead) {
		s.tally.inFlightWaits++;
		readAheadInFlight(e, s, page);
	}
	stallOnFlight(s, cpu, page >>> e.hostShift, at, !readAhead);
}
