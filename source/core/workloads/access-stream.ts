import type {MemoryLayout} from '../layout.js';
import {Stream} from '../rng.js';
import type {Scenario, TraceData, WorkloadSpec} from '../scenario.js';

/**
 * One kind of access (reads or writes) as a sequence in the VM's own time. Access n has a
 * time and a page; both can be had for any n, so an engine can start, skip or resume the
 * stream anywhere, and a stall or a throttle only moves where the VM's clock stands.
 */
export interface AccessStream {
	/** VM time (ms) of access n; Infinity past the end. */
	timeOf(n: number): number;
	pageOf(n: number): number;
	/** The first n whose time is >= vmTime. */
	indexAt(vmTime: number): number;
}

const WRITE_STREAM = 2;
const READ_STREAM = 3;

export const emptyStream: AccessStream = {
	timeOf: () => Infinity,
	pageOf: () => 0,
	indexAt: () => 0,
};

export function createStreams(s: Scenario, layout: MemoryLayout): {writes: AccessStream; reads: AccessStream} {
	if (s.workload.pattern === 'trace') {
		if (!s.trace) throw new Error('a trace workload needs trace data');
		const t = s.trace;
		return {
			writes: new TraceStream(t.writeTimes, t.writePages, t.loop, t.durationMs),
			reads: new TraceStream(t.readTimes, t.readPages, t.loop, t.durationMs),
		};
	}
	return {
		writes: generated(s.workload, s.workload.writeRate, layout, new Stream(s.seed, WRITE_STREAM), true),
		reads: generated(s.workload, s.workload.readRate, layout, new Stream(s.seed, READ_STREAM), false),
	};
}

function generated(w: WorkloadSpec, rate: number, layout: MemoryLayout, rng: Stream, writes: boolean): AccessStream {
	if (rate <= 0 || w.pattern === 'idle') return emptyStream;
	const burst = burstFor(w, layout);
	// Accesses come in bursts of `burst` consecutive pages, evenly spaced in VM time.
	const interval = (burst / rate) * 1000;
	let pick: (event: number) => number;
	switch (w.pattern) {
		case 'uniform':
			pick = (e) => alignedUniform(e, layout, rng, burst);
			break;
		case 'hotspot':
			pick = (e) =>
				layout.hotPages > 0 && rng.coarse(e, 2) < w.hotShare
					? hotPage(rng.below(e, layout.hotPages, 3), layout, burst)
					: alignedUniform(e, layout, rng, burst);
			break;
		case 'sequential': {
			// The writer sweeps the region front to back; a reader trails it by half the region.
			const region = layout.hot[0];
			const lag = writes ? 0 : Math.floor(region.length / 2);
			pick = (e) => region.start + ((e + lag) % region.length);
			break;
		}
		default:
			return emptyStream;
	}
	return {
		timeOf: (n) => (Math.floor(n / burst) + 1) * interval,
		pageOf: (n) => pick(Math.floor(n / burst)) + (n % burst),
		indexAt: (vmTime) => {
			const event = Math.max(0, Math.ceil(vmTime / interval - 1 - 1e-9));
			let n = event * burst;
			while (n > 0 && (Math.floor((n - 1) / burst) + 1) * interval >= vmTime) n -= burst;
			while ((Math.floor(n / burst) + 1) * interval < vmTime) n += burst;
			return n;
		},
	};
}

/**
 * Bursts are a power of two no larger than a free/zero extent or any working-set extent,
 * so a burst never straddles an extent nor runs off the end of memory.
 */
function burstFor(w: WorkloadSpec, layout: MemoryLayout): number {
	if (w.pattern === 'sequential') return 1;
	let limit = layout.extentPages;
	for (const e of layout.hot) limit = Math.min(limit, e.length);
	let b = 1;
	while (b * 2 <= w.burstPages && b * 2 <= limit) b *= 2;
	return b;
}

/** A page uniform over memory that is not free, the start of an aligned burst. */
function alignedUniform(event: number, layout: MemoryLayout, rng: Stream, burst: number): number {
	const slots = Math.floor(layout.pages / burst);
	for (let attempt = 0; attempt < 64; attempt++) {
		const p = rng.below(event, slots, 4 + attempt) * burst;
		if (!layout.free.get(p)) return p;
	}
	// Almost all memory free: the working set is never free, so fall back to it.
	return layout.hotPages > 0 ? hotPage(rng.below(event, layout.hotPages, 3), layout, burst) : 0;
}

/** The k-th page of the working set, as the start of a burst that stays inside its extent. */
function hotPage(k: number, layout: MemoryLayout, burst: number): number {
	for (const e of layout.hot) {
		if (k < e.length) {
			const span = Math.min(burst, e.length);
			return e.start + Math.min(k, e.length - span);
		}
		k -= e.length;
	}
	const last = layout.hot[layout.hot.length - 1];
	return last.start;
}

class TraceStream implements AccessStream {
	constructor(
		private readonly times: Float64Array,
		private readonly pages: Uint32Array,
		private readonly loop: boolean,
		private readonly duration: number,
	) {}

	timeOf(n: number): number {
		const len = this.times.length;
		if (len === 0) return Infinity;
		if (n < len) return this.times[n];
		if (!this.loop || this.duration <= 0) return Infinity;
		return Math.floor(n / len) * this.duration + this.times[n % len];
	}

	pageOf(n: number): number {
		return this.pages[n % this.pages.length];
	}

	indexAt(vmTime: number): number {
		const len = this.times.length;
		if (len === 0) return 0;
		let pass = 0;
		if (this.loop && this.duration > 0 && vmTime > this.duration) pass = Math.floor(vmTime / this.duration);
		const offset = pass * (this.loop ? this.duration : 0);
		let lo = 0;
		let hi = len;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.times[mid] + offset < vmTime) lo = mid + 1;
			else hi = mid;
		}
		return pass * len + lo;
	}
}

export type {TraceData};
