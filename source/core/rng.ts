/**
 * A counter-based generator: the n-th draw of a stream is a hash of (seed, stream, n).
 * Any draw can be had without producing the ones before it, so a workload can be started
 * at any point of the VM's own time (hybrid switching to post-copy, traces, sweeps) and
 * the same seed always gives the same accesses, whatever the algorithm consumes.
 */

function mix32(x: number): number {
	// "lowbias32" integer finaliser (C. Wellons): good avalanche with two multiplies.
	x ^= x >>> 16;
	x = Math.imul(x, 0x7feb352d);
	x ^= x >>> 15;
	x = Math.imul(x, 0x846ca68b);
	x ^= x >>> 16;
	return x >>> 0;
}

export class Stream {
	private readonly base: number;
	constructor(seed: number, stream: number) {
		this.base = mix32(mix32(seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9));
	}

	/** Uniform 32-bit integer for index n (n < 2^53). */
	u32(n: number, lane = 0): number {
		const salt = this.base ^ Math.imul(lane + 1, 0x85ebca6b);
		if (n < 4294967296) return mix32(mix32(n ^ salt) + salt);
		return mix32(mix32((n >>> 0) ^ salt) + mix32(Math.floor(n / 4294967296) ^ salt));
	}

	/** Uniform float in [0, 1) with 53 bits for index n. */
	float(n: number, lane = 0): number {
		const a = this.u32(n, lane * 2) >>> 5;
		const b = this.u32(n, lane * 2 + 1) >>> 6;
		return (a * 67108864 + b) / 9007199254740992;
	}

	/** Uniform integer in [0, bound) for index n. */
	below(n: number, bound: number, lane = 0): number {
		// One 32-bit draw is uniform enough below 2^22 (each value gets 1024 +- 1 draws).
		if (bound <= 4194304) return Math.floor((this.u32(n, lane * 2) / 4294967296) * bound);
		return Math.floor(this.float(n, lane) * bound);
	}

	/** A 32-bit-resolution float in [0, 1), for comparisons against shares. */
	coarse(n: number, lane = 0): number {
		return this.u32(n, lane * 2) / 4294967296;
	}
}
