// Huge host pages at the switch to post-copy. The target places a host page whole, so a host
// page it holds only in part cannot be kept: QEMU's postcopy_chunk_hostpages_pass
// (migration/ram.c, called from ram_postcopy_send_discard_bitmap at postcopy_start) makes
// every partly dirty host page wholly dirty and discards it at the destination, which then
// receives all of it again. Xen's post-copy (Hines's) has no huge pages; with 4 KiB host pages
// this is a no-op.

import {popcount32, validMask} from './bits.js';
import type {PageState} from './page-state.js';

/**
 * Queues the whole of every host page (`hostPages` engine pages, a multiple of 32) that has a
 * queued page, and drops the target's copy of the pages it adds. Non-pageable pages (placed
 * while paused, never faulted) stay as they are, and free pages with `skipFree` (ballooned:
 * never sent; or placed in the pause as non-pageable, Hines's §5.1).
 * One pass over the queued words, once a migration. Returns the pages added.
 */
export function chunkHostPages(st: PageState, hostPages: number, skipFree: boolean): number {
	if (hostPages <= 1) return 0;
	const wordsPer = hostPages >>> 5;
	const q = st.toSend;
	const words = q.words.length;
	let added = 0;
	for (let w = q.nextWord(0); w !== -1; ) {
		const first = w - (w % wordsPer);
		const end = Math.min(words, first + wordsPer);
		for (let k = first; k < end; k++) {
			let m = validMask(st.pages, k) & ~q.words[k] & ~st.layout.nonPageable.words[k];
			if (skipFree) m &= ~st.layout.free.words[k];
			m >>>= 0;
			if (!m) continue;
			st.drop(k, m);
			st.queue(k, m);
			added += popcount32(m);
		}
		w = end < words ? q.nextWord(end) : -1;
	}
	return added;
}
