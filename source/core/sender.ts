import {maskFrom, maskUpTo, popcount32, selectHigh, selectLow} from './bits.js';
import {BLOCK_SHIFT, countBlocks} from './block-prefix.js';
import {InFlight} from './in-flight.js';
import {placeSpan} from './place-span.js';
import {Wire} from './wire.js';
import type {PageState} from './page-state.js';
import {PAGE_HEADER_BYTES, ZERO_PAGE_BYTES} from './scenario.js';

export type SendOrder = 'forward' | 'bubble';

/**
 * The migration channel below the sender: the link's rate, and the bytes its socket buffer
 * holds ahead of anything new while the stream runs at the link's speed. QEMU's migration
 * thread (and Xen's) writes into a TCP socket until the write blocks, so a stream limited by
 * the link keeps about a send buffer's worth queued (Linux autotunes it up to tcp_wmem's
 * max); a stream held below the link by a rate limit (QEMU's max-bandwidth) leaves it empty.
 */
export interface Channel {
	linkRate: number; // bytes per ms
	bufferBytes: number;
	/** One-way delay: half the round trip. */
	oneWayMs: number;
}

/** Called for each batch sent; `prepaged`: sent by the bubble around a fault, not the plain push. */
export type OnSent = (pages: number, bytes: number, zero: number, prepaged: boolean) => void;

/**
 * Moves queued pages over the link in the order the phase asks for, a word (32 pages) at a
 * time where the time allows. A page goes when its transmission can start before `t`; the
 * link is then busy until `linkTime`.
 */
export class Sender {
	/** When the link is busy until (wire.ts). */
	private readonly wire: Wire;
	order: SendOrder;
	/** Xen skips pages dirtied again in the current round (they go next round). */
	skipDirty: boolean;
	skipped: number;
	private cursor: number;
	private wrap: boolean;
	private fwd: number;
	private bwd: number;
	private towardFront: boolean;
	private readonly normalCost: number;
	/**
	 * Queued pages per block of memory, counted when a pass starts (pre-copy only: its send
	 * set ahead of the cursor never changes within a round). prefix[b] = pages queued in
	 * blocks before b.
	 */
	private blockPrefix: Float64Array | null;
	/** Post-copy: pages written but not landed at the target (null: delivered when written). */
	private inFlight: InFlight | null;
	/**
	 * Post-copy: engine pages per host page. Above 1 the stream writes a host page whole once
	 * it starts one (ram_save_host_page, migration/ram.c, sends every dirty target page of
	 * the host page before it looks for the next), and the target places it whole.
	 */
	private hostPages: number;
	/**
	 * Post-copy: the destination's time to place one page, ms (0: no limit). The thread that
	 * reads the stream also places each page (ram_load_postcopy, migration/ram.c: one
	 * UFFDIO_COPY, or UFFDIO_ZEROPAGE for a zero page, per host page), so a page occupies the
	 * channel at least this long.
	 */
	private placeMs: number;
	/**
	 * The same for a zero page: nothing on 4 KiB host pages, where UFFDIO_ZEROPAGE maps the
	 * kernel's shared zero page (no allocation, no copy); on huge pages QEMU copies a zeroed
	 * buffer like any page (postcopy_place_page_zero, migration/postcopy-ram.c).
	 */
	private zeroPlaceMs: number;

	/**
	 * A sender at rest, or with `from` one that continues `from`'s pass exactly (a forked
	 * engine's, sending from its own `st`). Every field is set here, none by an initializer,
	 * so the compiler makes a field added later take a side: copied, or fresh.
	 */
	constructor(
		private readonly st: PageState,
		rate: number,
		private readonly onSent: OnSent,
		private readonly channel: Channel,
		from?: Sender,
	) {
		this.normalCost = st.pageBytes + PAGE_HEADER_BYTES;
		this.wire = from ? from.wire.clone() : new Wire(rate);
		this.order = from ? from.order : 'forward';
		this.skipDirty = from ? from.skipDirty : false;
		this.skipped = from ? from.skipped : 0;
		this.cursor = from ? from.cursor : 0;
		this.wrap = from ? from.wrap : false;
		this.fwd = from ? from.fwd : 0;
		this.bwd = from ? from.bwd : -1;
		this.towardFront = from ? from.towardFront : true;
		this.blockPrefix = from ? (from.blockPrefix?.slice() ?? null) : null;
		this.inFlight = from ? (from.inFlight?.clone() ?? null) : null;
		this.hostPages = from ? from.hostPages : 1;
		this.placeMs = from ? from.placeMs : 0;
		this.zeroPlaceMs = from ? from.zeroPlaceMs : 0;
	}

	/** The same sender, sending from `st` and reporting to `onSent` (a forked engine's). */
	clone(st: PageState, onSent: OnSent): Sender {
		return new Sender(st, this.wire.rate, onSent, {...this.channel}, this);
	}

	/** When the link has finished what it was given. */
	get linkTime(): number {
		return this.wire.busyUntil;
	}

	get rate(): number {
		return this.wire.rate;
	}

	set rate(rate: number) {
		this.wire.setRate(rate);
	}

	/**
	 * How far ahead of the link the writer runs, ms: a full socket buffer when the stream
	 * goes at the link's speed, nothing when a rate limit holds it below.
	 */
	get aheadMs(): number {
		return this.wire.rate >= this.channel.linkRate ? this.channel.bufferBytes / this.wire.rate : 0;
	}

	/** Whether the writer can put more into the channel at time t (its buffer has room). */
	canWrite(t: number): boolean {
		return this.linkTime < t + this.aheadMs;
	}

	/**
	 * From now on pages count at the target when their last byte lands, not when written,
	 * and each takes at least `placeMs` of the channel (the destination placing it);
	 * `hostPages` engine pages make a host page, written and placed whole; the channel then
	 * holds at most `bufferBytes` ahead of anything new (postcopyBufferOf).
	 */
	trackLanding(placeMs = 0, hostPages = 1, bufferBytes = this.channel.bufferBytes): void {
		this.channel.bufferBytes = bufferBytes;
		this.placeMs = placeMs;
		this.zeroPlaceMs = hostPages > 1 ? placeMs : 0;
		this.inFlight ??= new InFlight(this.normalCost, ZERO_PAGE_BYTES, this.channel.oneWayMs, placeMs, this.zeroPlaceMs);
		this.hostPages = hostPages;
	}

	/**
	 * The bytes' worth of channel time one page of `bytes` takes at the current rate: its
	 * bytes, or the destination's placing time if that is longer (post-copy).
	 */
	pageSpan(bytes: number): number {
		return placeSpan(bytes, this.placeMs, this.wire.rate);
	}

	/** pageSpan for a zero page (ZERO_PAGE_BYTES on the wire). */
	private zeroSpan(): number {
		return placeSpan(ZERO_PAGE_BYTES, this.zeroPlaceMs, this.wire.rate);
	}

	/** The pages that have landed by t reach the target. */
	land(t: number): void {
		this.inFlight?.landUntil(t, (w, mask) => this.st.deliver(w, mask));
	}

	/** Takes page p out of flight (the caller delivers it) and says when it lands; -1 if it is not in flight. */
	takeInFlight(p: number): number {
		return this.inFlight ? this.inFlight.take(p) : -1;
	}

	/** Marks word w's pages in `mask` that are in flight as asked for by the destination. */
	askInFlight(w: number, mask: number): void {
		this.inFlight?.ask(w, mask);
	}

	/** Whether page p is in flight and the destination already asked for it. */
	askedInFlight(p: number): boolean {
		return this.inFlight ? this.inFlight.askedFor(p) : false;
	}

	/** When everything written so far has landed at the target. */
	get landsAt(): number {
		return this.linkTime + this.channel.oneWayMs;
	}

	/** The link idles until `t` if it is free before then. */
	idleUntil(t: number): void {
		this.wire.idleUntil(t);
	}

	/** Starts a new pass over the send set at `now`, from the first page. */
	restart(now: number, order: SendOrder, wrap: boolean): void {
		this.idleUntil(now);
		this.order = order;
		this.wrap = wrap;
		this.cursor = 0;
		this.skipped = 0;
		this.blockPrefix = wrap ? null : countBlocks(this.st);
	}

	/**
	 * QEMU: the dirty log was merged into the send set; the scan goes on from its position
	 * and wraps to the start (find_dirty_block, migration/ram.c), never restarting the pass.
	 */
	continuePass(): void {
		this.wrap = true;
		this.blockPrefix = null;
	}

	/**
	 * False only when the link cannot reach `page` before t: more queued pages lie between
	 * the cursor and it than could be sent (or skipped) by then. Then an access to `page`
	 * commutes with the transfer. Pre-copy passes only; always true otherwise.
	 */
	mayReach(page: number, t: number, skippable: number): boolean {
		const prefix = this.blockPrefix;
		if (!prefix || this.order !== 'forward' || page < this.cursor) return true;
		const from = (this.cursor >>> BLOCK_SHIFT) + 1;
		const to = page >>> BLOCK_SHIFT;
		if (to <= from) return true;
		const between = prefix[to] - prefix[from];
		const sendable = Math.ceil(((t + this.aheadMs - this.linkTime) * this.rate) / PAGE_HEADER_BYTES) + 1;
		return between <= sendable + skippable;
	}

	/**
	 * QEMU's post-copy: after a requested page the background scan goes on forward from it
	 * (ram_find_and_save_block starts from the page get_queued_page returned and keeps
	 * last_seen_block/last_page there, migration/ram.c).
	 */
	jumpTo(page: number): void {
		this.order = 'forward';
		this.cursor = page;
		this.wrap = true;
		this.blockPrefix = null;
	}

	/** Post-copy pre-paging (Hines): the bubble restarts around the faulted page. */
	pivot(page: number): void {
		this.order = 'bubble';
		this.fwd = page + 1;
		this.bwd = page - 1;
		this.towardFront = true;
	}

	/** Keeps the link busy for `bytes` more, starting no earlier than `now`. */
	occupy(now: number, bytes: number): void {
		this.wire.idleUntil(now);
		this.wire.add(bytes);
	}

	/**
	 * Post-copy: pages of word w a fault asked for beyond the ones its vCPU waits for
	 * (fault-around, already out of the send set), written now behind them: in flight until
	 * they land. `preempt`: they go
	 * on the request channel instead, which starts at `at` with `before` bytes ahead of them;
	 * the link carries their bytes all the same. Returns their bytes.
	 */
	writeBehind(now: number, w: number, mask: number, preempt: {at: number; before: number; rate: number} | null): number {
		const st = this.st;
		const bytes = st.bytesFor(w, mask);
		this.idleUntil(now);
		const zero = st.zeroMask(w, mask);
		const seg = preempt ? {segStart: preempt.at, segBytes: preempt.before, rate: preempt.rate} : this.wire.segment();
		this.inFlight!.push({w, mask, left: mask, zero, ...seg, ascending: true, asked: mask});
		// The channel time they take: their bytes, unless placing them takes longer (as sendWord).
		const z = popcount32(zero);
		this.wire.add(this.placeMs === 0 ? bytes : (popcount32(mask) - z) * this.pageSpan(this.normalCost) + z * this.zeroSpan());
		return bytes;
	}

	/** Writes queued pages the channel takes by t: those whose transmission starts before t + aheadMs. */
	pump(t: number): void {
		const q = this.st.toSend;
		const h = t + this.aheadMs;
		while (this.linkTime < h && q.count > 0) {
			if (this.order === 'forward') this.forward(h);
			else this.bubble(h);
		}
	}

	private forward(t: number): void {
		const q = this.st.toSend;
		let p = q.nextSet(this.cursor);
		if (p === -1) {
			if (!this.wrap) throw new Error('send cursor passed queued pages');
			p = q.nextSet(0);
		}
		if (this.hostPages > 1 && this.inFlight) {
			this.cursor = this.sendHostPage(p, true, false);
			return;
		}
		const w = p >>> 5;
		this.sendWord(w, q.words[w] & maskFrom(p & 31), t, true, false);
		// Unsent pages of the word stay at or after the cursor.
		const rest = q.words[w] & maskFrom(p & 31);
		this.cursor = rest ? w * 32 + (31 - Math.clz32(rest & -rest)) : (w + 1) * 32;
	}

	private bubble(t: number): void {
		const q = this.st.toSend;
		const front = this.fwd < q.size ? q.nextSet(this.fwd) : -1;
		const back = this.bwd >= 0 ? q.prevSet(this.bwd) : -1;
		if (front === -1 && back === -1) {
			// Both sides exhausted near the pivot, yet pages remain: restart from the ends.
			this.fwd = 0;
			this.bwd = -1;
			return;
		}
		const goFront = back === -1 || (front !== -1 && this.towardFront);
		if (this.hostPages > 1 && this.inFlight) {
			// A host page at a time, whole: one side's chunk, then the other's.
			if (goFront) this.fwd = this.sendHostPage(front, true, true);
			else this.bwd = this.sendHostPage(back, false, true);
			this.towardFront = !goFront;
			return;
		}
		// Direction flips only once a chunk is fully sent, so the order never depends on how
		// often the engine pumps.
		if (goFront) {
			const w = front >>> 5;
			this.sendWord(w, q.words[w] & maskFrom(front & 31), t, true, true);
			const rest = q.words[w] & maskFrom(front & 31);
			this.fwd = rest ? w * 32 + (31 - Math.clz32(rest & -rest)) : (w + 1) * 32;
			if (!rest) this.towardFront = false;
		} else {
			const w = back >>> 5;
			this.sendWord(w, q.words[w] & maskUpTo(back & 31), t, false, true);
			const rest = q.words[w] & maskUpTo(back & 31);
			this.bwd = rest ? w * 32 + 31 - Math.clz32(rest) : w * 32 - 1;
			if (!rest) this.towardFront = true;
		}
	}

	/**
	 * Post-copy with huge host pages: writes every queued page of p's host page from p on
	 * (ascending) or down to p's host page start (descending), whatever the time: the host page
	 * goes whole once begun, and its pages land together. Returns the page past it (ascending)
	 * or before it (descending). O(words of a host page), once a host page.
	 */
	private sendHostPage(p: number, ascending: boolean, prepaged: boolean): number {
		const q = this.st.toSend;
		const start = p - (p % this.hostPages);
		const end = Math.min(q.size, start + this.hostPages);
		const from = ascending ? p : start;
		const to = ascending ? end : p + 1;
		const mark = this.inFlight!.pushed;
		const first = from >>> 5;
		const last = (to - 1) >>> 5;
		for (let k = 0; k <= last - first; k++) {
			const w = ascending ? first + k : last - k;
			let mask = q.words[w];
			if (w === first) mask &= maskFrom(from & 31);
			if (w === last) mask &= maskUpTo((to - 1) & 31);
			if (mask) this.sendWord(w, mask, Infinity, ascending, prepaged);
		}
		this.inFlight!.seal(mark);
		return ascending ? end : start - 1;
	}

	/** Sends what fits of `mask` (pages of word w), lowest or highest first. */
	private sendWord(w: number, mask: number, t: number, ascending: boolean, prepaged: boolean): void {
		const st = this.st;
		if (this.skipDirty) {
			const skip = mask & st.dirty.words[w];
			if (skip) {
				st.unqueue(w, skip);
				this.skipped += popcount32(skip);
				mask &= ~skip;
			}
		}
		mask >>>= 0;
		while (mask && this.linkTime < t) {
			// Pages starting before t at full page cost; zero pages make room for another pass.
			// A budget past the word's pages means "send them all": clamped, the count below
			// stays small and exact (a room past 2^53 would make room-- a no-op: a hang).
			const normal = this.pageSpan(this.normalCost);
			let room = Math.min(popcount32(mask), Math.ceil(((t - this.linkTime) * this.rate) / normal));
			// A page goes iff its start, computed exactly as linkTime is, falls before t; the
			// division above can overshoot by one at a boundary.
			while (room > 1 && this.wire.startOf((room - 1) * normal) >= t) room--;
			const take = ascending ? selectLow(mask, room) : selectHigh(mask, room);
			const bytes = st.bytesFor(w, take);
			const zero = st.zeroIn(w, take);
			const n = popcount32(take);
			// The channel time they take: their bytes, unless placing them takes longer.
			const span = this.placeMs === 0 ? bytes : (n - zero) * normal + zero * this.zeroSpan();
			st.unqueue(w, take);
			if (this.inFlight) {
				const z = st.zeroMask(w, take);
				this.inFlight.push({w, mask: take, left: take, zero: z, ...this.wire.segment(), ascending});
			} else st.deliver(w, take);
			this.wire.add(span);
			this.onSent(n, bytes, zero, prepaged);
			mask = (mask & ~take) >>> 0;
		}
	}
}
