import {anySet, Bitmap, lowestBit, validMask} from './bits.js';
import {Stream} from './rng.js';
import {pageCount, type Scenario, TARGET_PAGE_BYTES} from './scenario.js';

export interface Extent {
	start: number;
	length: number;
}

/**
 * Where things sit in the VM's memory: the working set's extents, free and zero pages.
 * Built once per scenario and shared, read-only, by every engine of a race.
 */
export interface MemoryLayout {
	pages: number;
	/** Free and zero pages come in aligned extents of this many pages. */
	extentPages: number;
	/** Pages in the working set (hotspot) or swept region (sequential), in extents. */
	hot: Extent[];
	hotPages: number;
	free: Bitmap;
	freePages: number;
	/**
	 * Pages that hold zeros at the start (a write makes them normal). Never a page the
	 * workload writes: a running guest's working set already holds data when the migration
	 * starts, and QEMU finds zero pages where nothing has been written (`duplicate`).
	 */
	zero: Bitmap;
	zeroPages: number;
	/**
	 * The guest kernel's non-pageable memory (Scenario.nonPageableBytes): the lowest extents
	 * outside the working set, as Linux keeps its image and early allocations in low memory;
	 * page by page beside the working set when those run out, then in the working set's lowest
	 * pages. Never free or zero.
	 */
	nonPageable: Bitmap;
	nonPageablePages: number;
}

const LAYOUT_STREAM = 1;

export function buildLayout(s: Scenario): MemoryLayout {
	const pages = pageCount(s);
	const rng = new Stream(s.seed, LAYOUT_STREAM);
	let extentPages = 512;
	while (extentPages > 1 && extentPages * 64 > pages) extentPages /= 2;

	const hot = placeHotSet(s, pages, rng);
	const hotPages = hot.reduce((n, e) => n + e.length, 0);
	const extents = Math.ceil(pages / extentPages);
	const written = tracedWrites(s, pages);

	// Extents touching the working set stay used; free and zero ones are drawn from the rest.
	// (A trace's free pages are the scenario's, not the trace's: config/ refuses a trace that
	// uses one under ballooning rather than move them.)
	const candidates: number[] = [];
	let h = 0;
	for (let e = 0; e < extents; e++) {
		const start = e * extentPages;
		const end = Math.min(pages, start + extentPages);
		while (h < hot.length && hot[h].start + hot[h].length <= start) h++;
		const touchesHot = h < hot.length && hot[h].start < end;
		if (!touchesHot) candidates.push(e);
	}
	const writtenIn = (e: number) => written !== null && anySet(written.words, e * extentPages, Math.min(pages, (e + 1) * extentPages));
	// Non-pageable memory first, from the lowest candidates a trace does not write (address
	// order, before the shuffle: with none, free and zero pages are drawn exactly as before).
	const nonPageable = new Bitmap(pages);
	const wantKernel = Math.min(pages, Math.ceil(s.nonPageableBytes / TARGET_PAGE_BYTES));
	let nonPageablePages = 0;
	if (wantKernel > 0) {
		// The rest stay candidates, in order, compacted in place (no spread: a 1 TiB VM has
		// half a million extents).
		let kept = 0;
		for (const e of candidates) {
			if (nonPageablePages < wantKernel && !writtenIn(e)) nonPageablePages += mark(nonPageable, e, extentPages, pages, wantKernel - nonPageablePages);
			else candidates[kept++] = e;
		}
		candidates.length = kept;
	}
	shuffle(candidates, rng);

	const free = new Bitmap(pages);
	const zero = new Bitmap(pages);
	let freePages = 0;
	let zeroPages = 0;
	let c = 0;
	const wantFree = Math.round(s.freeFraction * pages);
	const wantZero = Math.round(s.zeroFraction * pages);
	for (; c < candidates.length && freePages < wantFree; c++) freePages += mark(free, candidates[c], extentPages, pages, wantFree - freePages);
	for (; c < candidates.length && zeroPages < wantZero; c++) {
		if (!writtenIn(candidates[c])) zeroPages += mark(zero, candidates[c], extentPages, pages, wantZero - zeroPages);
	}
	// Whole extents ran out (a large or scattered working set touches most of them): the rest
	// of the zero pages go page by page into what the working set leaves of its extents, as
	// a guest's zero pages sit wherever they are (QEMU finds them page by page: `duplicate`).
	if (nonPageablePages < wantKernel) nonPageablePages += fillGaps(nonPageable, [free, zero], hot, written, pages, wantKernel - nonPageablePages);
	// A working set over all memory leaves no room beside it: the kernel's memory is then part of
	// what the workload touches (page cache, slab), from the working set's lowest pages, so the
	// size asked for is never silently dropped. A trace's written pages stay out of it.
	if (nonPageablePages < wantKernel && written === null) {
		for (const e of hot) {
			if (nonPageablePages >= wantKernel) break;
			const n = Math.min(e.length, wantKernel - nonPageablePages);
			nonPageable.setRange(e.start, e.start + n);
			nonPageablePages += n;
		}
	}
	if (zeroPages < wantZero) zeroPages += fillGaps(zero, [free, nonPageable], hot, written, pages, wantZero - zeroPages);
	written?.dispose();
	return {pages, extentPages, hot, hotPages, free, freePages, zero, zeroPages, nonPageable, nonPageablePages};
}

/** Marks the extent's pages, at most `want` of them (so the share comes out exact). */
function mark(map: Bitmap, extent: number, extentPages: number, pages: number, want: number): number {
	const start = extent * extentPages;
	const end = Math.min(pages, start + extentPages, start + want);
	map.setRange(start, end);
	return end - start;
}

/**
 * The pages a trace writes, or null for the built-in workloads (their writes stay in the hot
 * extents, or spread over all of memory for uniform ones). One pass over the trace's writes,
 * once per scenario.
 */
function tracedWrites(s: Scenario, pages: number): Bitmap | null {
	const pagesWritten = s.workload.pattern === 'trace' ? s.trace?.writePages : undefined;
	if (!pagesWritten || pagesWritten.length === 0) return null;
	const map = new Bitmap(pages);
	for (let i = 0; i < pagesWritten.length; i++) if (pagesWritten[i] < pages) map.set(pagesWritten[i]);
	return map;
}

/**
 * Marks up to `want` pages that are neither hot, written by the trace, in `others` nor
 * marked yet, in address order. A
 * 32-page word at a time: the hot set is laid over a scratch copy of the taken bits, so the
 * cost is memory/32 word reads, once per scenario (never per page).
 */
function fillGaps(map: Bitmap, others: Bitmap[], hot: Extent[], written: Bitmap | null, pages: number, want: number): number {
	const taken = new Bitmap(pages);
	for (let w = 0; w < taken.words.length; w++) {
		let t = map.words[w] | (written ? written.words[w] : 0);
		for (const o of others) t |= o.words[w];
		taken.words[w] = t;
	}
	for (const e of hot) taken.setRange(e.start, e.start + e.length);
	let marked = 0;
	for (let w = 0; w < taken.words.length && marked < want; w++) {
		let open = ~taken.words[w] & validMask(pages, w);
		while (open !== 0 && marked < want) {
			const bit = lowestBit(open);
			map.words[w] |= 1 << bit;
			open &= open - 1;
			marked++;
		}
	}
	taken.dispose();
	return marked;
}

/**
 * The working set, split into near-equal extents, each at a seeded offset inside a slot of
 * its own (slots tile memory), so extents never overlap and come in address order.
 */
function placeHotSet(s: Scenario, pages: number, rng: Stream): Extent[] {
	const w = s.workload;
	if (w.pattern !== 'hotspot' && w.pattern !== 'sequential') return [];
	const wss = Math.min(pages, Math.max(1, Math.floor(w.wssBytes / TARGET_PAGE_BYTES)));
	const count = w.pattern === 'sequential' ? 1 : Math.max(1, Math.min(w.hotExtents, wss));
	const extents: Extent[] = [];
	for (let i = 0; i < count; i++) {
		const slotStart = Math.floor((pages * i) / count);
		const slotLength = Math.floor((pages * (i + 1)) / count) - slotStart;
		const length = Math.min(slotLength, Math.floor((wss * (i + 1)) / count) - Math.floor((wss * i) / count));
		if (length <= 0) continue;
		const start = slotStart + rng.below(i, slotLength - length + 1);
		extents.push({start, length});
	}
	return extents;
}

function shuffle(items: number[], rng: Stream): void {
	for (let i = items.length - 1; i > 0; i--) {
		const j = rng.below(1_000_000 + i, i + 1);
		const t = items[i];
		items[i] = items[j];
		items[j] = t;
	}
}
