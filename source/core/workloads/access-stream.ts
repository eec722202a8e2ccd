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

/**
 * The seed's stream ids: vCPU 0 keeps the ids the one-stream model always drew from (2 and
 * 3), so a one-vCPU scenario makes the accesses it always made; vCPU i > 0 has its own pair.
 */
const WRITE_STREAM = 2;
const READ_STREAM = 3;
/**
 * Where a sequential sweep stands when the migration starts, as a share of its slice: the
 * program was running before (Hines & Gopalan's stress test, §5.1, and any streaming job
 * is migrated mid-sweep), so it is anywhere in its loop; drawn from the seed.
 */
const SWEEP_PHASE_STREAM = 4;
const writeStreamOf = (cpu: number) => (cpu === 0 ? WRITE_STREAM : 100 + 2 * cpu);
const readStreamOf = (cpu: number) => (cpu === 0 ? READ_STREAM : 101 + 2 * cpu);

export const emptyStream: AccessStream = {
	timeOf: () => Infinity,
	pageOf: () => 0,
	indexAt: () => 0,
};

export interface VcpuStreams {
	/** Per vCPU, index = vCPU. */
	writes: AccessStream[];
	reads: AccessStream[];
}

/** The workload as one access stream (one vCPU): what a trace records (trace/write.ts). */
export function createStreams(s: Scenario, layout: MemoryLayout): {writes: AccessStream; reads: AccessStream} {
	const one = createVcpuStreams(s, layout, 1);
	return {writes: one.writes[0], reads: one.reads[0]};
}

/**
 * Each vCPU's write and read streams: the workload's accesses split evenly over `vcpus`
 * streams at 1/vcpus of its rates, each drawn from the seed with ids of its own. A trace is
 * one stream: it runs on one vCPU (the resolver refuses more).
 */
export function createVcpuStreams(s: Scenario, layout: MemoryLayout, vcpus: number): VcpuStreams {
	if (s.workload.pattern === 'trace') {
		if (!s.trace) throw new Error('a trace workload needs trace data');
		if (vcpus !== 1) throw new Error('a trace is one access stream: one vCPU');
		const t = s.trace;
		return {
			writes: [new TraceStream(t.writeTimes, t.writePages, t.loop, t.durationMs)],
			reads: [new TraceStream(t.readTimes, t.readPages, t.loop, t.durationMs)],
		};
	}
	const writes: AccessStream[] = [];
	const reads: AccessStream[] = [];
	const sweepPhase = new Stream(s.seed, SWEEP_PHASE_STREAM).coarse(0);
	for (let cpu = 0; cpu < vcpus; cpu++) {
		const share = {cpu, of: vcpus, sweepPhase};
		writes.push(generated(s.workload, s.workload.writeRate / vcpus, layout, new Stream(s.seed, writeStreamOf(cpu)), true, share));
		reads.push(generated(s.workload, s.workload.readRate / vcpus, layout, new Stream(s.seed, readStreamOf(cpu)), false, share));
	}
	return {writes, reads};
}

function generated(w: WorkloadSpec, rate: number, layout: MemoryLayout, rng: Stream, writes: boolean, share: {cpu: number; of: number; sweepPhase: number}): AccessStream {
	if (rate <= 0 || w.pattern === 'idle') return emptyStream;
	const burst = burstFor(w, layout);
	// Accesses come in bursts of `burst` consecutive pages, evenly spaced in VM time; vCPU i
	// of n is offset by (i + 1) / n of the spacing so the vCPUs take turns (one vCPU: the
	// spacing itself, as ever).
	const interval = (burst / rate) * 1000;
	const phase = (share.cpu + 1) / share.of;
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
			// n vCPUs split the region as a parallel loop splits an array (OpenMP's static
			// schedule): each sweeps its own slice at its share of the rate, so the whole
			// region is swept in the time one writer takes. All stand at the same share of
			// their slices when the migration starts (SWEEP_PHASE_STREAM).
			const region = layout.hot[0];
			const from = Math.floor((share.cpu * region.length) / share.of);
			const to = Math.floor(((share.cpu + 1) * region.length) / share.of);
			const slice = to > from ? {start: region.start + from, length: to - from} : region;
			const lag = Math.floor(share.sweepPhase * slice.length) + (writes ? 0 : Math.floor(slice.length / 2));
			pick = (e) => slice.start + ((e + lag) % slice.length);
			break;
		}
		default:
			return emptyStream;
	}
	const timeOf = (n: number) => (Math.floor(n / burst) + phase) * interval;
	return {
		timeOf,
		pageOf: (n) => pick(Math.floor(n / burst)) + (n % burst),
		indexAt: (vmTime) => {
			const event = Math.max(0, Math.ceil(vmTime / interval - phase - 1e-9));
			let n = event * burst;
			while (n > 0 && timeOf(n - 1) >= vmTime) n -= burst;
			while (timeOf(n) < vmTime) n += burst;
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
