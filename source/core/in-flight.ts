/**
 * Pages written into the migration channel that have not reached the target yet, oldest
 * first. A TCP stream delivers in order, so arrival times only grow and the oldest batch is
 * always the next to land. Its length is bounded by the channel's buffer (a few MiB, about a
 * thousand pages), so the linear search a fault makes is bounded too, and costs only on faults.
 */
export class InFlight {
	private words: Int32Array;
	private masks: Int32Array;
	private times: Float64Array;
	private head = 0;
	private size = 0;

	constructor(capacity = 64) {
		this.words = new Int32Array(capacity);
		this.masks = new Int32Array(capacity);
		this.times = new Float64Array(capacity);
	}

	get count(): number {
		return this.size;
	}

	/** When the oldest batch lands (Infinity: nothing in flight). */
	get nextArrival(): number {
		return this.size === 0 ? Infinity : this.times[this.head];
	}

	/** Pages `mask` of word `w` land at `at` (not before any batch already in flight). */
	push(w: number, mask: number, at: number): void {
		if (this.size === this.words.length) this.grow();
		const i = (this.head + this.size) % this.words.length;
		this.words[i] = w;
		this.masks[i] = mask;
		this.times[i] = at;
		this.size++;
	}

	/** Hands every batch that has landed by `t` to `land`, oldest first. */
	landUntil(t: number, land: (w: number, mask: number) => void): void {
		while (this.size > 0 && this.times[this.head] <= t) {
			land(this.words[this.head], this.masks[this.head]);
			this.head = (this.head + 1) % this.words.length;
			this.size--;
		}
	}

	/** When page p lands, if it is in flight; else -1. The newest copy wins (a page resent after a new write). */
	arrivalOf(p: number): number {
		const w = p >>> 5;
		const bit = 1 << (p & 31);
		for (let k = this.size - 1; k >= 0; k--) {
			const i = (this.head + k) % this.words.length;
			if (this.words[i] === w && (this.masks[i] & bit) !== 0) return this.times[i];
		}
		return -1;
	}

	clone(): InFlight {
		const c = new InFlight(this.words.length);
		c.words.set(this.words);
		c.masks.set(this.masks);
		c.times.set(this.times);
		c.head = this.head;
		c.size = this.size;
		return c;
	}

	private grow(): void {
		const n = this.words.length * 2;
		const words = new Int32Array(n);
		const masks = new Int32Array(n);
		const times = new Float64Array(n);
		for (let k = 0; k < this.size; k++) {
			const i = (this.head + k) % this.words.length;
			words[k] = this.words[i];
			masks[k] = this.masks[i];
			times[k] = this.times[i];
		}
		this.words = words;
		this.masks = masks;
		this.times = times;
		this.head = 0;
	}
}
