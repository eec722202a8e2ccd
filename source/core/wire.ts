/**
 * When the migration link is busy until, and at what rate it sends. The busy-until time is
 * kept as a segment start plus whole bytes sent since, so it does not depend on how the bytes
 * were split into calls (floating-point sums would): an engine that pumps more often, or is
 * sliced differently, gets the same times to the bit.
 */
export class Wire {
	private start = 0;
	private bytes = 0;

	constructor(private segRate: number) {}

	clone(): Wire {
		const w = new Wire(this.segRate);
		w.start = this.start;
		w.bytes = this.bytes;
		return w;
	}

	/** When the link has finished what it was given. */
	get busyUntil(): number {
		return this.start + this.bytes / this.segRate;
	}

	/** Bytes per ms. */
	get rate(): number {
		return this.segRate;
	}

	/** A new rate from when the link is free: a new segment. */
	setRate(rate: number): void {
		if (rate === this.segRate) return;
		this.start = this.busyUntil;
		this.bytes = 0;
		this.segRate = rate;
	}

	/** The link idles until `t` if it is free before then. */
	idleUntil(t: number): void {
		if (this.busyUntil < t) {
			this.start = t;
			this.bytes = 0;
		}
	}

	/** `bytes` more on the link, after what it holds. */
	add(bytes: number): void {
		this.bytes += bytes;
	}

	/** When something starts that has `ahead` bytes before it beyond what the link holds, exactly as busyUntil would say. */
	startOf(ahead: number): number {
		return this.start + (this.bytes + ahead) / this.segRate;
	}

	/** The segment as InFlight's batches record it (in-flight.ts: Batch). */
	segment(): {segStart: number; segBytes: number; rate: number} {
		return {segStart: this.start, segBytes: this.bytes, rate: this.segRate};
	}
}
