import {giveWords, takeWords} from './word-pool.js';
import {highestBit, lowestBit, maskFrom, maskUpTo, popcount32} from './bits.js';

/**
 * A bitmap with summary levels above it (bit i of level k+1 says word i of level k is
 * non-zero), so finding the next or previous set bit, and clearing a sparse map, cost
 * what is set rather than the size of memory. Rounds late in pre-copy and the post-copy
 * bubble around a fault rely on this to skip present or clean regions in a few steps.
 */
export class HierBitmap {
	readonly levels: Uint32Array[];
	private population = 0;

	constructor(readonly size: number) {
		this.levels = [];
		let bits = Math.max(1, size);
		do {
			const words = Math.ceil(bits / 32);
			this.levels.push(takeWords(words));
			bits = words;
		} while (bits > 1);
	}

	dispose(): void {
		for (const level of this.levels) giveWords(level);
	}

	clone(): HierBitmap {
		const copy = new HierBitmap(this.size);
		for (let k = 0; k < this.levels.length; k++) copy.levels[k].set(this.levels[k]);
		copy.population = this.population;
		return copy;
	}

	get count(): number {
		return this.population;
	}

	get words(): Uint32Array {
		return this.levels[0];
	}

	get(i: number): boolean {
		return (this.levels[0][i >>> 5] & (1 << (i & 31))) !== 0;
	}

	/** Sets bit i; returns true when it was clear. */
	set(i: number): boolean {
		const w = i >>> 5;
		const bit = 1 << (i & 31);
		const old = this.levels[0][w];
		if (old & bit) return false;
		this.levels[0][w] = old | bit;
		this.population++;
		if (old === 0) this.markWord(w);
		return true;
	}

	/** Clears bit i; returns true when it was set. */
	clear(i: number): boolean {
		return this.clearMask(i >>> 5, 1 << (i & 31)) !== 0;
	}

	/** Clears the bits of `mask` in word w; returns the bits that were set. */
	clearMask(w: number, mask: number): number {
		const old = this.levels[0][w];
		const hit = (old & mask) >>> 0;
		if (hit === 0) return 0;
		const now = (old & ~mask) >>> 0;
		this.levels[0][w] = now;
		this.population -= popcount32(hit);
		if (now === 0) this.unmarkWord(w);
		return hit;
	}

	/** ORs `mask` into word w; returns the bits that were newly set. */
	setMask(w: number, mask: number): number {
		const old = this.levels[0][w];
		const added = (mask & ~old) >>> 0;
		if (added === 0) return 0;
		this.levels[0][w] = (old | mask) >>> 0;
		this.population += popcount32(added);
		if (old === 0) this.markWord(w);
		return added;
	}

	/** Sets every bit [0, size). */
	fill(): void {
		for (let k = 0; k < this.levels.length; k++) {
			const level = this.levels[k];
			const bits = k === 0 ? this.size : this.levels[k - 1].length;
			level.fill(0xffffffff);
			const tail = bits & 31;
			if (tail) level[level.length - 1] = maskUpTo(tail - 1);
		}
		this.population = this.size;
	}

	/** Clears everything, visiting only the non-zero words. */
	reset(): void {
		if (this.population === 0) return;
		for (let w = this.nextWord(0); w !== -1; w = this.nextWord(w + 1)) this.levels[0][w] = 0;
		for (let k = 1; k < this.levels.length; k++) {
			// Upper levels are small relative to level 0; clear their non-zero words directly.
			const level = this.levels[k];
			if (level.length < 4096) level.fill(0);
			else for (let w = 0; w < level.length; w++) if (level[w]) level[w] = 0;
		}
		this.population = 0;
	}

	/** Swaps contents with another bitmap of the same size (a round's log becomes its send set). */
	swap(other: HierBitmap): void {
		for (let k = 0; k < this.levels.length; k++) {
			const mine = this.levels[k];
			this.levels[k] = other.levels[k];
			other.levels[k] = mine;
		}
		const p = this.population;
		this.population = other.population;
		other.population = p;
	}

	/** Index of the first non-zero level-0 word at or after w, or -1. */
	nextWord(w: number): number {
		return this.nextAt(0, w);
	}

	/** Index of the last non-zero level-0 word at or before w, or -1. */
	prevWord(w: number): number {
		return this.prevAt(0, w);
	}

	/** First set bit at or after i, or -1. */
	nextSet(i: number): number {
		if (i >= this.size) return -1;
		if (i < 0) i = 0;
		const w = i >>> 5;
		const here = this.levels[0][w] & maskFrom(i & 31);
		if (here) return w * 32 + lowestBit(here);
		const nw = this.nextWord(w + 1);
		return nw === -1 ? -1 : nw * 32 + lowestBit(this.levels[0][nw]);
	}

	/** Last set bit at or before i, or -1. */
	prevSet(i: number): number {
		if (i < 0) return -1;
		if (i >= this.size) i = this.size - 1;
		const w = i >>> 5;
		const here = this.levels[0][w] & maskUpTo(i & 31);
		if (here) return w * 32 + highestBit(here);
		const pw = this.prevWord(w - 1);
		return pw === -1 ? -1 : pw * 32 + highestBit(this.levels[0][pw]);
	}

	private markWord(w: number): void {
		for (let k = 1; k < this.levels.length; k++) {
			const up = w >>> 5;
			const old = this.levels[k][up];
			this.levels[k][up] = old | (1 << (w & 31));
			if (old !== 0) return;
			w = up;
		}
	}

	private unmarkWord(w: number): void {
		for (let k = 1; k < this.levels.length; k++) {
			const up = w >>> 5;
			const now = this.levels[k][up] & ~(1 << (w & 31));
			this.levels[k][up] = now;
			if (now !== 0) return;
			w = up;
		}
	}

	/** First non-zero word of level k at index >= w. */
	private nextAt(k: number, w: number): number {
		const level = this.levels[k];
		if (w < 0) w = 0;
		if (w >= level.length) return -1;
		if (level[w] !== 0) return w;
		if (k + 1 === this.levels.length) {
			for (let i = w + 1; i < level.length; i++) if (level[i] !== 0) return i;
			return -1;
		}
		// Look in the rest of the summary word covering w, then climb.
		const up = w >>> 5;
		const rest = this.levels[k + 1][up] & maskFrom((w & 31) + 1);
		if (rest) return up * 32 + lowestBit(rest);
		const nextUp = this.nextAt(k + 1, up + 1);
		return nextUp === -1 ? -1 : nextUp * 32 + lowestBit(this.levels[k + 1][nextUp]);
	}

	/** Last non-zero word of level k at index <= w. */
	private prevAt(k: number, w: number): number {
		const level = this.levels[k];
		if (w >= level.length) w = level.length - 1;
		if (w < 0) return -1;
		if (level[w] !== 0) return w;
		if (k + 1 === this.levels.length) {
			for (let i = w - 1; i >= 0; i--) if (level[i] !== 0) return i;
			return -1;
		}
		const up = w >>> 5;
		const rest = this.levels[k + 1][up] & maskUpTo((w & 31) - 1);
		if (rest) return up * 32 + highestBit(rest);
		const prevUp = this.prevAt(k + 1, up - 1);
		return prevUp === -1 ? -1 : prevUp * 32 + highestBit(this.levels[k + 1][prevUp]);
	}
}
