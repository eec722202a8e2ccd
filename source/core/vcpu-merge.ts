/**
 * The vCPUs' next accesses, merged in time order: each vCPU has a next write and a next read
 * (simulated times); `pick` finds the earliest of all 2n. Ties go to the lower vCPU, and
 * within a vCPU to the write (the one-stream engine's order). Between picks only the
 * picked vCPU's times change (a stall or a throttle is fixed while accesses run), so a few
 * vCPUs are scanned and many are kept in a binary heap keyed by each vCPU's earlier time:
 * O(log n) an access, the same order either way.
 */
export class NextAccess {
	readonly tw: Float64Array;
	readonly tr: Float64Array;
	/** The heap of vCPUs (many vCPUs), or null (a scan). */
	private readonly heap: Int32Array | null;
	/** The pick: its time, vCPU, and whether it is the write. */
	time = Infinity;
	cpu = 0;
	write = true;

	constructor(
		readonly n: number,
		useHeap = n > SCAN_MAX,
	) {
		this.tw = new Float64Array(n);
		this.tr = new Float64Array(n);
		this.heap = useHeap ? new Int32Array(n) : null;
	}

	/** Sets every vCPU's times (set them with `put` first) and picks. */
	start(): void {
		const h = this.heap;
		if (h) {
			for (let i = 0; i < this.n; i++) h[i] = i;
			for (let i = (this.n >> 1) - 1; i >= 0; i--) this.siftDown(i);
		}
		this.pick();
	}

	put(cpu: number, tw: number, tr: number): void {
		this.tw[cpu] = tw;
		this.tr[cpu] = tr;
	}

	/** The picked vCPU's times changed (put them first); picks again. */
	moved(): void {
		if (this.heap) this.siftDown(0);
		this.pick();
	}

	private pick(): void {
		const h = this.heap;
		if (h) {
			const c = h[0];
			this.cpu = c;
			this.write = this.tw[c] <= this.tr[c];
			this.time = this.write ? this.tw[c] : this.tr[c];
			return;
		}
		let best = Infinity;
		let cpu = 0;
		let write = true;
		for (let i = 0; i < this.n; i++) {
			if (this.tw[i] < best) {
				best = this.tw[i];
				cpu = i;
				write = true;
			}
			if (this.tr[i] < best) {
				best = this.tr[i];
				cpu = i;
				write = false;
			}
		}
		this.time = best;
		this.cpu = cpu;
		this.write = write;
	}

	/** Whether vCPU a goes before vCPU b: the earlier next access, then the lower vCPU. */
	private before(a: number, b: number): boolean {
		const ka = Math.min(this.tw[a], this.tr[a]);
		const kb = Math.min(this.tw[b], this.tr[b]);
		return ka < kb || (ka === kb && a < b);
	}

	private siftDown(i: number): void {
		const h = this.heap!;
		const n = this.n;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= n) return;
			const r = l + 1;
			const c = r < n && this.before(h[r], h[l]) ? r : l;
			if (!this.before(h[c], h[i])) return;
			const x = h[i];
			h[i] = h[c];
			h[c] = x;
			i = c;
		}
	}
}

/** Up to this many vCPUs a scan is cheaper than the heap. */
export const SCAN_MAX = 8;
