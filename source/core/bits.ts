import {giveWords, takeWords} from './word-pool.js';

// Word-level helpers shared by the bitmaps. Pages map to bits of Uint32 words.

export function popcount32(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	x = (x + (x >>> 4)) & 0x0f0f0f0f;
	return Math.imul(x, 0x01010101) >>> 24;
}

/** Index of the lowest set bit of a non-zero word. */
export function lowestBit(x: number): number {
	return 31 - Math.clz32(x & -x);
}

/** Index of the highest set bit of a non-zero word. */
export function highestBit(x: number): number {
	return 31 - Math.clz32(x);
}

/** Mask of bits at positions >= from (0..32). */
export function maskFrom(from: number): number {
	return from >= 32 ? 0 : (0xffffffff << from) >>> 0;
}

/** Mask of bits at positions <= to (-1..31). */
export function maskUpTo(to: number): number {
	return to < 0 ? 0 : to >= 31 ? 0xffffffff : ((1 << (to + 1)) - 1) >>> 0;
}

/** The lowest `n` set bits of `word` (all of them if it has fewer). */
export function selectLow(word: number, n: number): number {
	word >>>= 0;
	if (n <= 0) return 0;
	if (n >= 32 || popcount32(word) <= n) return word;
	// Binary search for the bit holding the n-th set bit.
	let pos = 0;
	let need = n;
	for (let width = 16; width >= 1; width >>>= 1) {
		const low = popcount32((word >>> pos) & ((2 ** width - 1) >>> 0));
		if (low < need) {
			need -= low;
			pos += width;
		}
	}
	return (word & maskUpTo(pos)) >>> 0;
}

/** The highest `n` set bits of `word`. */
export function selectHigh(word: number, n: number): number {
	word >>>= 0;
	if (n <= 0) return 0;
	const total = popcount32(word);
	if (n >= total) return word;
	const low = selectLow(word, total - n);
	return (word & ~low) >>> 0;
}

/** A flat bitmap: one bit per page, one Uint32 word per 32 pages. */
export class Bitmap {
	readonly words: Uint32Array;
	constructor(readonly size: number) {
		this.words = takeWords(Math.ceil(size / 32));
	}
	dispose(): void {
		giveWords(this.words);
	}
	clone(): Bitmap {
		const copy = new Bitmap(this.size);
		copy.words.set(this.words);
		return copy;
	}
	get(i: number): boolean {
		return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
	}
	set(i: number): void {
		this.words[i >>> 5] |= 1 << (i & 31);
	}
	clear(i: number): void {
		this.words[i >>> 5] &= ~(1 << (i & 31));
	}
	/** Sets bits [from, to), a word at a time. */
	setRange(from: number, to: number): void {
		setRange(this.words, from, to);
	}
	count(): number {
		let n = 0;
		for (let w = 0; w < this.words.length; w++) if (this.words[w] !== 0) n += popcount32(this.words[w]);
		return n;
	}
}

export function setRange(words: Uint32Array, from: number, to: number): void {
	if (to <= from) return;
	const fw = from >>> 5;
	const lw = (to - 1) >>> 5;
	if (fw === lw) {
		words[fw] |= maskFrom(from & 31) & maskUpTo((to - 1) & 31);
		return;
	}
	words[fw] |= maskFrom(from & 31);
	words.fill(0xffffffff, fw + 1, lw);
	words[lw] |= maskUpTo((to - 1) & 31);
}

/** Whether any bit in [from, to) is set, a word at a time. */
export function anySet(words: Uint32Array, from: number, to: number): boolean {
	if (to <= from) return false;
	const fw = from >>> 5;
	const lw = (to - 1) >>> 5;
	if (fw === lw) return (words[fw] & maskFrom(from & 31) & maskUpTo((to - 1) & 31)) !== 0;
	if ((words[fw] & maskFrom(from & 31)) !== 0 || (words[lw] & maskUpTo((to - 1) & 31)) !== 0) return true;
	for (let w = fw + 1; w < lw; w++) if (words[w] !== 0) return true;
	return false;
}

/** Mask of the bits of word `w` that lie below `size` (the last word may be partial). */
export function validMask(size: number, w: number): number {
	const end = size - w * 32;
	return end >= 32 ? 0xffffffff : maskUpTo(end - 1);
}
