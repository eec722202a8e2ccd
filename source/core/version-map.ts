import {giveWords, takeWords} from './word-pool.js';

/**
 * For each page that has ever had a version other than 0: its latest version at the
 * source and the version the target holds. A page nobody outdated is at version 0 on both
 * hosts and has no entry, so memory follows the pages written, not the VM's size.
 * Open addressing over one typed array, the key and both versions side by side (one cache
 * line a page): a JS Map of millions of entries costs several times the memory and time.
 */
export class PageVersions {
	private slots: Uint32Array; // [page + 1, latest, target, unused] quads; key 0: empty
	private used = 0;
	private shift: number;
	private mask: number;

	constructor(capacity = 1024) {
		let size = 1024;
		while (size < capacity * 2) size *= 2;
		this.slots = takeWords(size * 4);
		this.mask = size - 1;
		this.shift = 32 - Math.log2(size);
	}

	dispose(): void {
		giveWords(this.slots);
	}

	clone(): PageVersions {
		const copy = new PageVersions();
		giveWords(copy.slots);
		copy.slots = takeWords(this.slots.length);
		copy.slots.set(this.slots);
		copy.used = this.used;
		copy.shift = this.shift;
		copy.mask = this.mask;
		return copy;
	}

	latest(page: number): number {
		const i = this.find(page);
		return i < 0 ? 0 : this.slots[i * 4 + 1];
	}

	target(page: number): number {
		const i = this.find(page);
		return i < 0 ? 0 : this.slots[i * 4 + 2];
	}

	/** The source's copy changed: one more version than before. */
	bump(page: number): number {
		const at = this.slotOf(page) * 4 + 1;
		return ++this.slots[at];
	}

	/** The target received the page as it is now at the source (no-op for unversioned pages). */
	deliver(page: number): void {
		const i = this.find(page);
		if (i >= 0) this.slots[i * 4 + 2] = this.slots[i * 4 + 1];
	}

	/** Sets both versions (tests). */
	set(page: number, latest: number, target: number): void {
		const i = this.slotOf(page) * 4; // first: it may grow the table
		this.slots[i + 1] = latest;
		this.slots[i + 2] = target;
	}

	forEach(fn: (page: number, latest: number, target: number) => void): void {
		if (this.used === 0) return;
		const slots = this.slots;
		for (let i = 0; i < slots.length; i += 4) if (slots[i] !== 0) fn(slots[i] - 1, slots[i + 1], slots[i + 2]);
	}

	private find(page: number): number {
		const key = page + 1;
		const slots = this.slots;
		let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
		for (;;) {
			const k = slots[i * 4];
			if (k === key) return i;
			if (k === 0) return -1;
			i = (i + 1) & this.mask;
		}
	}

	/** The slot holding `page`, created (at versions 0) if missing. */
	private slotOf(page: number): number {
		const key = page + 1;
		for (;;) {
			const slots = this.slots;
			let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
			for (;;) {
				const k = slots[i * 4];
				if (k === key) return i;
				if (k === 0) break;
				i = (i + 1) & this.mask;
			}
			if ((this.used + 1) * 2 <= slots.length / 4) {
				slots[i * 4] = key;
				this.used++;
				return i;
			}
			this.grow();
		}
	}

	private grow(): void {
		const old = this.slots;
		const size = old.length / 2; // quads double
		this.slots = takeWords(size * 4);
		this.mask = size - 1;
		this.shift = 32 - Math.log2(size);
		const slots = this.slots;
		for (let j = 0; j < old.length; j += 4) {
			const key = old[j];
			if (key === 0) continue;
			let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
			while (slots[i * 4] !== 0) i = (i + 1) & this.mask;
			slots[i * 4] = key;
			slots[i * 4 + 1] = old[j + 1];
			slots[i * 4 + 2] = old[j + 2];
		}
		giveWords(old);
	}
}
