// What a post-copy fault fetches, and what its vCPU waits for. The engine's pages are 4 KiB
// (TARGET_PAGE_BYTES); a fault moves more than its one page in two cases:
// - a huge host page (--page-size 2MiB or 1GiB): the target can only place a host page
//   whole (postcopy_place_page -> qemu_ufd_copy_ioctl with the RAMBlock's page size,
//   migration/postcopy-ram.c), and the fault thread asks for the host page the fault is in
//   (postcopy_ram_fault_thread rounds the address down to qemu_ram_pagesize). The source
//   sends every dirty target page of it (ram_save_host_page, migration/ram.c). The vCPU waits
//   for all of it.
// - fault-around (--fault-around PAGES): the fault also asks for the aligned group of PAGES
//   pages around it, as Hines & Gopalan's guest faulted through the Linux swap path, which
//   reads ahead a cluster of 2^page-cluster pages (VEE'09 §3; swapin_readahead ->
//   swap_cluster_readahead, mm/swap_state.c). The vCPU waits for its own (host) page only;
//   the rest of the group is written behind it and is in flight until it lands.
// Pages of the group already at the target or on their way are not asked for again. The cost
// is the group's words (at most 16 for fault-around, 8192 for a 1 GiB host page), never a
// loop over its pages.

import {maskFrom, maskUpTo, popcount32} from './bits.js';
import type {EngineSetup, EngineState} from './engine-state.js';
import {placeSpan} from './place-span.js';
import {placeMsOf} from './scenario.js';

/** The mask of word w's pages in [from, to). */
export function spanMask(w: number, from: number, to: number): number {
	let m = 0xffffffff;
	if (w === from >>> 5) m &= maskFrom(from & 31);
	if (w === (to - 1) >>> 5) m &= maskUpTo((to - 1) & 31);
	return m >>> 0;
}

/** The aligned span of `size` pages (a power of two) that holds `page`, cut at the end of memory. */
export function alignedSpan(page: number, size: number, pages: number): {start: number; end: number} {
	const start = page - (page % size);
	return {start, end: Math.min(pages, start + size)};
}

/**
 * vCPU-independent part of a network fault on `page` (queued at the source): takes the
 * faulted host page and the fault-around group out of the send set, brings the link up to
 * the request's arrival, writes the host page and then the rest of the group, and tallies
 * them. Returns when what the vCPU waits for (the host page) has landed.
 */
export function fetchOnFault(e: EngineSetup, s: EngineState, page: number): number {
	const sc = e.scenario;
	const st = s.st;
	const t = s.tally;
	const sender = s.sender;
	const host = alignedSpan(page, e.hostPages, st.pages);
	let hostBytes = 0;
	for (let w = host.start >>> 5; w <= (host.end - 1) >>> 5; w++) {
		const m = (st.toSend.words[w] & spanMask(w, host.start, host.end)) >>> 0;
		if (!m) continue;
		const n = popcount32(m);
		// A zero page is answered as one (a header and a byte): save_zero_page, migration/ram.c;
		// QEMU's duplicate counts it as any zero page sent.
		t.zeroPages += st.zeroIn(w, m);
		hostBytes += st.bytesFor(w, m);
		t.onDemand += n;
		t.pagesTransferred += n;
		st.fault(w, m);
	}
	const behind = takeGroup(e, s, page, host);
	t.faults++;
	t.faultBytes += hostBytes;
	t.bytesTransferred += hostBytes;
	const asked = (s.phase === 'link-paused' ? e.link.returnsAt : s.now) + e.link.rttMs / 2;
	if (s.phase !== 'link-paused') sender.pump(asked);
	followRequest(sc.postcopy.pushOrder, s, page);
	// The destination places the host page with one ioctl (--postcopy-place-rate): it takes the
	// channel at least that long. With preempt the requested page has a channel and a placing
	// thread of its own (postcopy_preempt_thread, migration/postcopy-ram.c).
	// A zero 4 KiB page is mapped, not copied (UFFDIO_ZEROPAGE): no placing time.
	const zeroSmall = e.hostPages === 1 && hostBytes > 0 && hostBytes < e.pageCost;
	const placeMs = zeroSmall ? 0 : placeMsOf(sc);
	sender.occupy(asked, placeSpan(hostBytes, placeMs, sender.rate));
	const preempt = sc.postcopy.preempt;
	// On the preempt channel the page starts once the requests before it are written.
	const start = preempt ? Math.max(asked, s.urgentFreeAt) : asked;
	const landsAt = preempt ? start + Math.max(hostBytes / e.link.fullRate, placeMs) + e.link.rttMs / 2 : sender.landsAt;
	const before = hostBytes + writeGroup(e, s, behind, asked, preempt ? {at: start, before: hostBytes, rate: e.link.fullRate} : null);
	if (preempt) s.urgentFreeAt = Math.max(landsAt - e.link.rttMs / 2, start + before / e.link.fullRate);
	return landsAt;
}

/**
 * The rest of `page`'s fault-around group beyond its host page `host`: the pages still queued
 * (not at the target, not on their way), taken out of the send set as the request names them,
 * returned as (word, mask) pairs. The group's pages already on their way are asked for too
 * (the swap path reads every slot of the cluster it does not hold, swapin_readahead,
 * mm/swap_state.c): a later touch of one waits for it without asking again. Nothing when
 * fault-around is off.
 */
function takeGroup(e: EngineSetup, s: EngineState, page: number, host: {start: number; end: number}): number[] {
	const st = s.st;
	const behind: number[] = [];
	if (e.faultAround <= e.hostPages) return behind;
	const group = alignedSpan(page, e.faultAround, st.pages);
	for (let w = group.start >>> 5; w <= (group.end - 1) >>> 5; w++) {
		const inHost = w >= host.start >>> 5 && w <= (host.end - 1) >>> 5 ? spanMask(w, host.start, host.end) : 0;
		const span = spanMask(w, group.start, group.end) & ~inHost;
		const away = span & ~st.present.words[w] & ~st.toSend.words[w];
		if (away) s.sender.askInFlight(w, away >>> 0);
		const m = (st.toSend.words[w] & span) >>> 0;
		if (!m) continue;
		st.unqueue(w, m);
		behind.push(w, m);
	}
	return behind;
}

/**
 * Writes the group pages `behind` (takeGroup) at `asked`, behind what the link holds, or on
 * the preempt channel; tallies them as read ahead. Returns their bytes.
 */
function writeGroup(e: EngineSetup, s: EngineState, behind: number[], asked: number, preempt: {at: number; before: number; rate: number} | null): number {
	const st = s.st;
	const t = s.tally;
	let bytes = 0;
	for (let k = 0; k < behind.length; k += 2) {
		const w = behind[k];
		const m = behind[k + 1];
		t.zeroPages += st.zeroIn(w, m);
		const b = s.sender.writeBehind(asked, w, m, preempt ? {...preempt, before: preempt.before + bytes} : null);
		bytes += b;
		t.readahead += popcount32(m);
		t.pagesTransferred += popcount32(m);
		t.faultBytes += b;
		t.bytesTransferred += b;
	}
	return bytes;
}

/**
 * Fault-around on a touch of a page already on its way (accesses.ts, waitForLanding): the
 * swap path reads ahead the page's cluster whatever the page's own state (swapin_readahead
 * issues a read for every swap slot of the cluster not in the swap cache, mm/swap_state.c),
 * so the group's pages still at the source are asked for too, and the push follows them as
 * it follows a fault. Nothing when fault-around is off (QEMU: userfaultfd asks for the one
 * page, and the source finds it sent).
 */
export function readAheadInFlight(e: EngineSetup, s: EngineState, page: number): void {
	if (e.faultAround <= e.hostPages) return;
	const host = alignedSpan(page, e.hostPages, s.st.pages);
	const behind = takeGroup(e, s, page, host);
	if (behind.length === 0) return;
	const asked = (s.phase === 'link-paused' ? e.link.returnsAt : s.now) + e.link.rttMs / 2;
	if (s.phase !== 'link-paused') s.sender.pump(asked);
	followRequest(e.scenario.postcopy.pushOrder, s, behind[0] * 32 + (31 - Math.clz32(behind[1] & -behind[1])));
	writeGroup(e, s, behind, asked, null);
}

/** The push follows a request for `page` as its order has it. */
function followRequest(order: string, s: EngineState, page: number): void {
	if (order === 'qemu') s.sender.jumpTo(page);
	else if (order === 'bubble') s.sender.pivot(page);
}
