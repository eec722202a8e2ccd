import {maskFrom, maskUpTo, popcount32} from './bits.js';
import {placeSpan} from './place-span.js';

/** One word's pages written in one go, and enough to tell when each of them lands. */
export interface Batch {
	w: number;
	/** The pages sent together (their timing); `left`: those not delivered yet. */
	mask: number;
	left: number;
	/** The zero pages among them (a header and a byte each on the wire). */
	zero: number;
	/** The link's segment: its start, the bytes on it before this batch, its rate (bytes/ms). */
	segStart: number;
	segBytes: number;
	rate: number;
	/** Lowest page first (else highest first, as the bubble sends backwards). */
	ascending: boolean;
	/**
	 * Set for a huge host page: every page of the batch lands at this time, the host page's
	 * last byte plus the one-way delay, as the target places a host page whole (UFFDIO_COPY of
	 * the host page in postcopy_place_page, migration/postcopy-ram.c). Absent: page by page.
	 */
	placedAt?: number;
	/**
	 * Pages of the batch the destination has asked for while they were on their way (a
	 * fault's readahead): a touch of one waits for it without asking again.
	 */
	asked?: number;
}

/**
 * Pages written into the migration channel that have not reached the target yet, oldest
 * first. A TCP stream delivers in order, so the oldest batch always lands next. Each page
 * lands when its own last byte does (plus the one-way delay), whatever batch it went in, so
 * the answer never depends on how the engine happened to split the sending. The queue is
 * bounded by the channel's buffer (about a thousand pages for 4 MiB): the search a fault
 * makes is bounded too, and only faults pay for it.
 */
export class InFlight {
	private batches: Batch[] = [];
	private head = 0;

	constructor(
		private readonly normalCost: number,
		private readonly zeroCost: number,
		private readonly oneWayMs: number,
		/** The destination's time to place a page, ms (Sender.placeMs): a page's least channel time. */
		private readonly placeMs = 0,
		/** The same for a zero page (Sender.zeroPlaceMs). */
		private readonly zeroPlaceMs = 0,
	) {}

	get count(): number {
		return this.batches.length - this.head;
	}

	push(b: Batch): void {
		this.batches.push(b);
	}

	/** Batches pushed so far (an index for seal). */
	get pushed(): number {
		return this.batches.length;
	}

	/**
	 * The batches pushed from index `from` on make one host page: each of their pages lands
	 * when the last of them does (Batch.placedAt).
	 */
	seal(from: number): void {
		let at = -Infinity;
		for (let k = from; k < this.batches.length; k++) at = Math.max(at, this.endOf(this.batches[k]));
		for (let k = from; k < this.batches.length; k++) this.batches[k].placedAt = at;
	}

	/** When the last page of `b` lands. */
	private endOf(b: Batch): number {
		return b.placedAt ?? this.landing(b, b.mask);
	}

	/** When the last of `upTo`'s pages (those of `b` up to and including one page) lands. */
	private landing(b: Batch, upTo: number): number {
		if (b.placedAt !== undefined) return b.placedAt;
		const n = popcount32(upTo);
		const z = popcount32(upTo & b.zero);
		const normal = placeSpan(this.normalCost, this.placeMs, b.rate);
		const zero = placeSpan(this.zeroCost, this.zeroPlaceMs, b.rate);
		return b.segStart + (b.segBytes + (n - z) * normal + z * zero) / b.rate + this.oneWayMs;
	}

	/** Hands every page that has landed by `t` to `land` (a word's worth at a time), oldest first. */
	landUntil(t: number, land: (w: number, mask: number) => void): void {
		while (this.head < this.batches.length) {
			const b = this.batches[this.head];
			if (this.endOf(b) > t) {
				// The batch is landing: hand over the pages of it that are down already.
				const down = this.landedPart(b, t);
				if (down !== 0) {
					land(b.w, down);
					b.left = (b.left & ~down) >>> 0;
				}
				break;
			}
			this.head++;
			if (b.left !== 0) land(b.w, b.left);
		}
		if (this.head > 1024 && this.head * 2 > this.batches.length) {
			this.batches = this.batches.slice(this.head);
			this.head = 0;
		}
	}

	/** The pages of `b` still to deliver whose own last byte has landed by t. */
	private landedPart(b: Batch, t: number): number {
		if (b.placedAt !== undefined) return b.placedAt <= t ? b.left : 0;
		let down = 0;
		let m = b.left;
		while (m !== 0) {
			const bit = b.ascending ? 31 - Math.clz32(m & -m) : 31 - Math.clz32(m);
			const upTo = b.mask & (b.ascending ? maskUpTo(bit) : maskFrom(bit));
			if (this.landing(b, upTo) > t) break;
			down |= 1 << bit;
			m &= ~(1 << bit);
		}
		return down >>> 0;
	}

	/**
	 * Takes page p out of the queue if it is in flight and returns when it lands (-1 if it is
	 * not in flight): the caller delivers it itself.
	 */
	take(p: number): number {
		const w = p >>> 5;
		const bit = (1 << (p & 31)) >>> 0;
		for (let k = this.batches.length - 1; k >= this.head; k--) {
			const b = this.batches[k];
			if (b.w !== w || (b.left & bit) === 0) continue;
			const upTo = b.mask & (b.ascending ? maskUpTo(p & 31) : maskFrom(p & 31));
			const at = this.landing(b, upTo);
			// The batch keeps its timing (mask); only what is left to deliver changes.
			b.left = (b.left & ~bit) >>> 0;
			return at;
		}
		return -1;
	}

	/** Marks word w's pages in `mask` that are in flight as asked for (Batch.asked). O(batches in flight). */
	ask(w: number, mask: number): void {
		for (let k = this.head; k < this.batches.length; k++) {
			const b = this.batches[k];
			if (b.w === w && (b.left & mask) !== 0) b.asked = ((b.asked ?? 0) | (b.left & mask)) >>> 0;
		}
	}

	/** Whether page p is in flight and was asked for (Batch.asked). */
	askedFor(p: number): boolean {
		const w = p >>> 5;
		const bit = (1 << (p & 31)) >>> 0;
		for (let k = this.batches.length - 1; k >= this.head; k--) {
			const b = this.batches[k];
			if (b.w === w && (b.left & bit) !== 0) return ((b.asked ?? 0) & bit) !== 0;
		}
		return false;
	}

	clone(): InFlight {
		const c = new InFlight(this.normalCost, this.zeroCost, this.oneWayMs, this.placeMs, this.zeroPlaceMs);
		c.batches = this.batches.map((b) => ({...b}));
		c.head = this.head;
		return c;
	}
}
