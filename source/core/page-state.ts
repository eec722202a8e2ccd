import {Bitmap, popcount32, validMask} from './bits.js';
import {type CellCounters, copyCellCounters, newCellCounters} from './cells.js';
import {HierBitmap} from './hier-bitmap.js';
import type {MemoryLayout} from './layout.js';
import {PAGE_HEADER_BYTES, ZERO_PAGE_BYTES} from './scenario.js';
import {PageVersions} from './version-map.js';

/**
 * Every page's state on both hosts. The source side is the latest version and the dirty
 * log; the target side is `present` and the version it received. Verification
 * compares the two sides; it never trusts a counter.
 *
 * A page's version counts the times its content changed under a copy the target already
 * held (a write that makes the target's copy outdated). Writes to a page the target lacks,
 * or already holds outdated, change nothing the target could be checked against, so they
 * cost no version update: hot pages written thousands of times a round stay cheap.
 */
export class PageState {
	readonly pages: number;
	readonly cellShift: number;
	readonly cellCount: number;
	readonly cells: CellCounters;
	/** Each outdated-at-least-once page's latest version at the source and the target's. */
	readonly versions: PageVersions;
	/** Pages written at least once (a written zero page is no longer zero); null without zero pages. */
	readonly touched: Bitmap | null;
	/** Pages that have an entry in `versions`. */
	readonly versioned: Bitmap;
	/** Writes the VM made at the target to a page the target lacked (a bug if ever > 0). */
	violations: number;
	readonly present: Bitmap;
	readonly stale: Bitmap;
	readonly toSend: HierBitmap;
	readonly dirty: HierBitmap;
	/** Per-page send counts, kept only when auditing (tests): one byte a page. */
	readonly sends: Uint8Array | null;

	/**
	 * Fresh records for `layout`, or with `from` an independent copy of its records (a race
	 * forks hybrid off pre-copy after their common first round). Every field is set here,
	 * none by an initializer, so the compiler makes a field added later take a side: copied
	 * from `from`, or fresh; test/core/engine-state.test.ts checks that no copy aliases.
	 */
	constructor(
		readonly layout: MemoryLayout,
		readonly pageBytes: number,
		audit: boolean,
		from?: PageState,
	) {
		const pages = layout.pages;
		this.pages = pages;
		const shift = cellShiftFor(pages);
		this.cellShift = shift;
		this.cellCount = Math.ceil(pages / 2 ** shift);
		this.cells = from ? copyCellCounters(from.cells) : newCellCounters(this.cellCount);
		// Versions exist only for pages that went stale: many runs (post-copy) never make one,
		// so the tables start small rather than sized (and first-touched) for the working set.
		this.versions = from ? from.versions.clone() : new PageVersions();
		this.touched = from ? (from.touched?.clone() ?? null) : layout.zeroPages > 0 ? new Bitmap(pages) : null;
		this.versioned = from ? from.versioned.clone() : new Bitmap(pages);
		this.violations = from ? from.violations : 0;
		this.present = from ? from.present.clone() : new Bitmap(pages);
		this.stale = from ? from.stale.clone() : new Bitmap(pages);
		this.toSend = from ? from.toSend.clone() : new HierBitmap(pages);
		this.dirty = from ? from.dirty.clone() : new HierBitmap(pages);
		this.sends = from ? (from.sends?.slice() ?? null) : audit ? new Uint8Array(pages) : null;
	}

	/** An independent copy of every record (the layout, never written, is shared). */
	clone(): PageState {
		return new PageState(this.layout, this.pageBytes, this.sends !== null, this);
	}

	/** Hands the big arrays back for the next engine; the state is unusable afterwards. */
	dispose(): void {
		this.touched?.dispose();
		for (const m of [this.versioned, this.present, this.stale, this.toSend, this.dirty, this.versions]) m.dispose();
	}

	cellOfWord(w: number): number {
		return (w << 5) >>> this.cellShift;
	}

	/** A write by the running VM. At the source it dirties the page; at the target the page must be there. */
	write(p: number, atSource: boolean): void {
		const w = p >>> 5;
		const bit = 1 << (p & 31);
		const cell = p >>> this.cellShift;
		this.cells.writes[cell]++;
		if (this.touched) this.touched.words[w] |= bit;
		if (!atSource) {
			if ((this.present.words[w] & bit) === 0) this.violations++;
			return;
		}
		if ((this.dirty.words[w] & bit) === 0) {
			this.dirty.set(p);
			this.cells.dirty[cell]++;
		}
		if ((this.present.words[w] & bit) !== 0 && (this.stale.words[w] & bit) === 0) {
			this.stale.words[w] |= bit;
			this.cells.stale[cell]++;
			this.versions.bump(p);
			this.versioned.words[w] |= bit;
		}
	}

	/** Bytes on the wire for the pages of `mask` in word w (a zero page goes as a header and a byte). */
	bytesFor(w: number, mask: number): number {
		const zero = this.touched ? this.layout.zero.words[w] & ~this.touched.words[w] & mask : 0;
		const n = popcount32(mask);
		const z = zero ? popcount32(zero) : 0;
		return (n - z) * (this.pageBytes + PAGE_HEADER_BYTES) + z * ZERO_PAGE_BYTES;
	}

	/** The zero pages of `mask` in word w, as a mask. */
	zeroMask(w: number, mask: number): number {
		return this.touched ? (this.layout.zero.words[w] & ~this.touched.words[w] & mask) >>> 0 : 0;
	}

	/** Zero pages among the pages of `mask` in word w. */
	zeroIn(w: number, mask: number): number {
		const zero = this.touched ? this.layout.zero.words[w] & ~this.touched.words[w] & mask : 0;
		return zero ? popcount32(zero) : 0;
	}

	/** The target receives the pages of `mask` in word w at their current version. */
	deliver(w: number, mask: number): void {
		const cell = this.cellOfWord(w);
		const newly = mask & ~this.present.words[w];
		if (newly) {
			this.present.words[w] |= newly;
			this.cells.present[cell] += popcount32(newly);
		}
		const refreshed = mask & this.stale.words[w];
		if (refreshed) {
			this.stale.words[w] &= ~refreshed;
			this.cells.stale[cell] -= popcount32(refreshed);
		}
		let written = (mask & this.versioned.words[w]) >>> 0;
		while (written) {
			const low = written & -written;
			const p = w * 32 + (31 - Math.clz32(low));
			this.versions.deliver(p);
			written = (written & ~low) >>> 0;
		}
		if (this.sends) {
			let m = mask >>> 0;
			while (m) {
				const low = m & -m;
				this.sends[w * 32 + (31 - Math.clz32(low))]++;
				m = (m & ~low) >>> 0;
			}
		}
	}

	/** Takes pages of `mask` out of the send set (sent or skipped). */
	unqueue(w: number, mask: number): void {
		const hit = this.toSend.clearMask(w, mask);
		if (hit) this.cells.pending[this.cellOfWord(w)] -= popcount32(hit);
	}

	/** Post-copy: the pages of `mask` in word w fetched on demand (a faulted page, or its host page). */
	fault(w: number, mask: number): void {
		this.unqueue(w, mask);
		this.deliver(w, mask);
		this.cells.faulted[this.cellOfWord(w)] += popcount32(mask);
	}

	/** The target drops its copy of the pages of `mask` in word w (they will be sent again). */
	drop(w: number, mask: number): void {
		const gone = mask & this.present.words[w];
		if (!gone) return;
		const cell = this.cellOfWord(w);
		this.present.words[w] &= ~gone;
		this.cells.present[cell] -= popcount32(gone);
		const wasStale = gone & this.stale.words[w];
		if (wasStale) {
			this.stale.words[w] &= ~wasStale;
			this.cells.stale[cell] -= popcount32(wasStale);
		}
	}

	/** Queues every page (round 0, or post-copy's push), skipping free pages when ballooning. */
	queueAll(skipFree: boolean): void {
		const nothingHeld = this.cells.present.every((n) => n === 0);
		if (nothingHeld && (!skipFree || this.layout.freePages === 0) && this.toSend.count === 0) {
			// The common start (round 0, or post-copy from scratch): fill whole levels at once.
			this.toSend.fill();
			const cellPages = 2 ** this.cellShift;
			for (let c = 0; c < this.cellCount; c++) this.cells.pending[c] = Math.min(cellPages, this.pages - c * cellPages);
			return;
		}
		const words = this.toSend.words.length;
		for (let w = 0; w < words; w++) {
			let m = validMask(this.pages, w) & ~this.present.words[w];
			if (skipFree) m &= ~this.layout.free.words[w];
			if (m) this.queue(w, m >>> 0);
		}
	}

	/** Queues the pages of `mask` in word w. */
	queue(w: number, mask: number): void {
		const added = this.toSend.setMask(w, mask);
		if (added) this.cells.pending[this.cellOfWord(w)] += popcount32(added);
	}

	/** The end of a round: the dirty log becomes the next send set, and a fresh log starts. */
	syncDirtyLog(): number {
		const leftover = this.toSend.count;
		if (leftover > 0) throw new Error('sync with pages still queued');
		this.toSend.swap(this.dirty);
		this.dirty.reset();
		const pending = this.cells.pending;
		this.cells.pending = this.cells.dirty;
		this.cells.dirty = pending;
		this.cells.dirty.fill(0);
		return this.toSend.count;
	}

	/**
	 * QEMU's migration_bitmap_sync (migration/ram.c): the dirty log is ORed into the bitmap
	 * being sent, which keeps its unsent rest, and a fresh log starts. Returns the pages
	 * newly queued (those not queued already: QEMU's num_dirty_pages_period).
	 */
	mergeDirtyLog(): number {
		const log = this.dirty;
		let added = 0;
		for (let w = log.nextWord(0); w !== -1; w = log.nextWord(w + 1)) {
			const hit = this.toSend.setMask(w, log.words[w]);
			if (hit) {
				const n = popcount32(hit);
				added += n;
				this.cells.pending[this.cellOfWord(w)] += n;
			}
		}
		log.reset();
		this.cells.dirty.fill(0);
		return added;
	}

	/**
	 * Post-copy's and hybrid's switch under pseudo-paging (Hines & Gopalan, VEE'09 §4.1):
	 * queues the non-pageable pages the target lacks or holds outdated, for the pause, and
	 * takes them out of the dirty log (hybrid) so the discard that follows keeps the fresh copy.
	 * `withFree`: the free pages are non-pageable too (no ballooning, their §5.1). One pass over
	 * the words, once a migration.
	 */
	queueNonPageable(withFree: boolean): void {
		const np = this.layout.nonPageable.words;
		const free = this.layout.free.words;
		for (let w = 0; w < np.length; w++) {
			let m = np[w] | (withFree ? free[w] : 0);
			if (!m) continue;
			m &= ~this.present.words[w] | this.stale.words[w];
			if (!m) continue;
			const undirtied = this.dirty.clearMask(w, m);
			if (undirtied) this.cells.dirty[this.cellOfWord(w)] -= popcount32(undirtied);
			this.queue(w, m >>> 0);
		}
	}

	/**
	 * Hybrid's switch to post-copy: the target drops its copy of every page dirtied since it
	 * was sent (QEMU's discard), and post-copy will bring those pages once.
	 */
	discardDirty(): void {
		const log = this.dirty;
		for (let w = log.nextWord(0); w !== -1; w = log.nextWord(w + 1)) this.queue(w, log.words[w]);
		log.reset();
		this.cells.dirty.fill(0);
		const q = this.toSend;
		for (let w = q.nextWord(0); w !== -1; w = q.nextWord(w + 1)) this.drop(w, q.words[w]);
	}
}

/** The most cells the heatmap counters keep: a heatmap of more blocks repeats cells. */
export const MAX_CELLS = 4096;

/** Pages per cell as a power of two: whole words (>= 32 pages), so a word's pages share a cell. */
export function cellShiftFor(pages: number): number {
	let shift = 5;
	while (pages >>> shift > MAX_CELLS) shift++;
	return shift;
}

/** Cells of a memory of `pages` pages: the most distinct blocks its heatmap can show. */
export function cellCountFor(pages: number): number {
	return Math.ceil(pages / 2 ** cellShiftFor(pages));
}
