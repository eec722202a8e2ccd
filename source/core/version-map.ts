import {giveWords, takeWords} from './word-pool.js';

/**
 * Page -> version, for the pages that have a version other than 0. A page nobody wrote
 * is at version 0 on both hosts, so memory follows the pages written, not the VM's size.
 * Open addressing over one typed array with key and value side by side (one cache miss a
 * lookup): a JS Map of millions of entries costs several times the memory and time.
 */
export class VersionMap {
	private slots: Uint32Array; // [page + 1, version] pairs; key 0 marks an empty slot
	private used = 0;
	private shift: number;
	private mask: number;

	constructor(capacity = 1024) {
		let size = 1024;
		while (size < capacity * 2) size *= 2;
		this.slots = takeWords(size * 2);
		this.mask = size - 1;
		this.shift = 32 - Math.log2(size);
	}

	dispose(): void {
		giveWords(this.slots);
	}

	get size(): number {
		return this.used;
	}

	get(page: number): number {
		const key = page + 1;
		const slots = this.slots;
		let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
		for (;;) {
			const k = slots[i * 2];
			if (k === key) return slots[i * 2 + 1];
			if (k === 0) return 0;
			i = (i + 1) & this.mask;
		}
	}

	set(page: number, version: number): void {
		const at = this.slotOf(page) * 2 + 1; // first: it may grow the table
		this.slots[at] = version;
	}

	/** Adds one to the page's version and returns the new version. */
	bump(page: number): number {
		const at = this.slotOf(page) * 2 + 1;
		return ++this.slots[at];
	}

	forEach(fn: (page: number, version: number) => void): void {
		if (this.used === 0) return;
		const slots = this.slots;
		for (let i = 0; i < slots.length; i += 2) if (slots[i] !== 0) fn(slots[i] - 1, slots[i + 1]);
	}

	/** The slot holding `page`, created (at version 0) if missing. */
	private slotOf(page: number): number {
		const key = page + 1;
		for (;;) {
			const slots = this.slots;
			let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
			for (;;) {
				const k = slots[i * 2];
				if (k === key) return i;
				if (k === 0) break;
				i = (i + 1) & this.mask;
			}
			if ((this.used + 1) * 2 <= slots.length / 2) {
				slots[i * 2] = key;
				this.used++;
				return i;
			}
			this.grow();
		}
	}

	private grow(): void {
		const old = this.slots;
		const size = old.length; // pairs double
		this.slots = takeWords(size * 2);
		this.mask = size - 1;
		this.shift = 32 - Math.log2(size);
		const slots = this.slots;
		for (let j = 0; j < old.length; j += 2) {
			const key = old[j];
			if (key === 0) continue;
			let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
			while (slots[i * 2] !== 0) i = (i + 1) & this.mask;
			slots[i * 2] = key;
			slots[i * 2 + 1] = old[j + 1];
		}
		giveWords(old);
	}
}
