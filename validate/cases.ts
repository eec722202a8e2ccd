// The validation cases: one row per real migration setup. Each is run on real QEMU and given to
// livemig with the same parameters (see livemig-side.ts for how each field maps).
import type {GuestParams} from './guest.js';

export interface Case {
	name: string;
	what: string;
	mode: 'precopy' | 'postcopy' | 'hybrid';
	memoryMiB: number;
	guest: GuestParams;
	/** QEMU's max-bandwidth (the migration stream's cap), MiB/s. */
	maxBandwidthMiBps: number;
	/** Shape the link (source -> destination) to this rate with tc tbf (MiB/s); null: the veth's own speed. */
	linkMiBps: number | null;
	downtimeLimitMs: number;
	autoConverge: boolean;
	/** migrate_cancel after this long if the migration has not finished. */
	cancelAfterS: number;
	/** Real runs (post-copy varies more between runs: several). */
	runs: number;
	/** Pre-fault the destination's RAM (-mem-prealloc): only for the link calibration. */
	preallocDestination?: boolean;
}

const MiB = 256; // pages

/**
 * A moderately busy guest for a stream of capMiBps: random writes over a 64 MiB working set at
 * half the stream's page rate, so every cap sees the same dirty/send ratio and several passes.
 */
const busy = (fillMiB: number, capMiBps: number): GuestParams => ({
	rate: (capMiBps * MiB) / 2,
	wssPages: 64 * MiB,
	basePage: 512,
	fillMiB,
	pattern: 'random',
	seed: 1,
});

/**
 * Dirties 10000 pages/s (39 MiB/s) sweeping 16 MiB: 2.4x what a 16 MiB/s stream sends, so it
 * stays unconvergeable even when a loaded host drops a third of its slots (at 1.2x it did
 * converge once); only a throttle above ~60% lets it finish.
 */
const tooBusy: GuestParams = {rate: 10_000, wssPages: 16 * MiB, basePage: 512, fillMiB: 32, pattern: 'sequential', seed: 1};

// Three runs of each case that completes: real totals move 5-20% between runs, so the table
// shows the band. The never-converging case runs once: it only has to be cancelled.
const base = {downtimeLimitMs: 300, autoConverge: false, linkMiBps: null, cancelAfterS: 60, runs: 3, mode: 'precopy'} as const;

export const cases: Case[] = [
	{...base, name: 'cap-16', what: 'pre-copy, max-bandwidth 16 MiB/s, loopback', memoryMiB: 128, guest: busy(64, 16), maxBandwidthMiBps: 16},
	{...base, name: 'cap-32', what: 'pre-copy, max-bandwidth 32 MiB/s, loopback', memoryMiB: 256, guest: busy(192, 32), maxBandwidthMiBps: 32},
	{...base, name: 'cap-64', what: 'pre-copy, max-bandwidth 64 MiB/s, loopback', memoryMiB: 512, guest: busy(384, 64), maxBandwidthMiBps: 64},
	{...base, name: 'cap-128', what: 'pre-copy, max-bandwidth 128 MiB/s, loopback', memoryMiB: 512, guest: busy(448, 128), maxBandwidthMiBps: 128},
	{
		...base,
		name: 'seq-32',
		what: 'pre-copy, max-bandwidth 32 MiB/s, a guest sweeping 32 MiB sequentially (one sweep per 4 s)',
		memoryMiB: 256,
		guest: {rate: 2048, wssPages: 32 * MiB, basePage: 512, fillMiB: 128, pattern: 'sequential', seed: 1},
		maxBandwidthMiBps: 32,
	},
	{
		...base,
		name: 'idle-64',
		what: 'pre-copy, max-bandwidth 64 MiB/s, a nearly idle 512 MiB guest (10 writes/s): the stream alone',
		memoryMiB: 512,
		guest: {rate: 10, wssPages: 4 * MiB, basePage: 512, fillMiB: 256, pattern: 'random', seed: 1},
		maxBandwidthMiBps: 64,
	},
	{
		...base,
		name: 'link-32',
		what: 'pre-copy over a link shaped to 32 MiB/s (tbf), stream uncapped',
		memoryMiB: 256,
		guest: busy(192, 32),
		maxBandwidthMiBps: 1024,
		linkMiBps: 32,
	},
	{
		...base,
		name: 'auto-converge',
		what: 'pre-copy, 16 MiB/s cap, guest dirtying 39 MiB/s, auto-converge on',
		memoryMiB: 128,
		guest: tooBusy,
		maxBandwidthMiBps: 16,
		autoConverge: true,
		cancelAfterS: 90,
	},
	{
		...base,
		name: 'never-converges',
		what: 'the same guest without auto-converge: cancelled after 15 s',
		memoryMiB: 128,
		guest: tooBusy,
		maxBandwidthMiBps: 16,
		cancelAfterS: 15,
		runs: 1,
	},
	{
		...base,
		name: 'hybrid',
		what: 'one pre-copy pass at 64 MiB/s, then post-copy',
		runs: 5,
		mode: 'hybrid',
		memoryMiB: 256,
		guest: {...busy(128, 64), rate: 4000, wssPages: 32 * MiB},
		maxBandwidthMiBps: 64,
	},
	{
		...base,
		name: 'postcopy',
		what: 'post-copy from the start, 64 MiB/s cap before the switch',
		runs: 5,
		mode: 'postcopy',
		memoryMiB: 512,
		guest: {...busy(256, 64), rate: 4000, wssPages: 32 * MiB},
		maxBandwidthMiBps: 64,
	},
	{
		...base,
		name: 'postcopy-link',
		what: 'post-copy from the start over a link shaped to 64 MiB/s, a busy guest (random writes over 64 MiB)',
		mode: 'postcopy',
		memoryMiB: 256,
		guest: {rate: 2000, wssPages: 64 * MiB, basePage: 512, fillMiB: 128, pattern: 'random', seed: 1},
		maxBandwidthMiBps: 1024,
		linkMiBps: 64,
	},
	{
		...base,
		name: 'postcopy-idle',
		what: 'post-copy from the start over a link shaped to 64 MiB/s, a nearly idle guest (20 writes/s)',
		mode: 'postcopy',
		memoryMiB: 256,
		guest: {rate: 20, wssPages: 64 * MiB, basePage: 512, fillMiB: 128, pattern: 'random', seed: 1},
		maxBandwidthMiBps: 1024,
		linkMiBps: 64,
	},
	{
		...base,
		name: 'hybrid-link',
		what: 'one pre-copy pass, then post-copy, over a link shaped to 64 MiB/s, a busy guest',
		mode: 'hybrid',
		// QEMU acts on migrate-start-postcopy at its next iteration, and completes with a plain
		// stop-and-copy instead when the rest fits the downtime limit by then (migration.c,
		// migration_iteration_run). At 300 ms the rest (~27 MiB dirty after pass 1) shrinks under
		// 64 MiB/s x 300 ms within a few iterations, so whether it switched was a race (2 of 3
		// runs stopped-and-copied in a trial); at 50 ms it always switches.
		downtimeLimitMs: 50,
		memoryMiB: 256,
		guest: {rate: 4000, wssPages: 64 * MiB, basePage: 512, fillMiB: 128, pattern: 'random', seed: 1},
		maxBandwidthMiBps: 1024,
		linkMiBps: 64,
	},
];

/** --quick: small guests, one run each, short timeouts (for development, not for the table). */
export function quick(c: Case): Case {
	const memoryMiB = Math.min(c.memoryMiB, 128);
	return {
		...c,
		memoryMiB,
		guest: {...c.guest, fillMiB: Math.min(c.guest.fillMiB, memoryMiB / 2)},
		runs: 1,
		cancelAfterS: Math.min(c.cancelAfterS, 20),
	};
}

/**
 * Run first: the link's rate, as the stop-and-copy sees it. QEMU lifts max-bandwidth for the
 * stop-and-copy (migration_completion), so a guest whose whole memory goes in the stop-and-copy
 * measures it: a 1 MiB/s cap makes QEMU's bandwidth estimate tiny, and a 2000 s downtime limit
 * (QEMU's largest) makes threshold = bandwidth x limit exceed everything after the first 100 ms
 * window, so nearly all of the filled memory is sent while the guest is paused. The live phase
 * under TCG sends slower than that (the vCPU and the migration thread share two cores), but in
 * every capped case the cap binds there, not the host. The destination's RAM is pre-faulted
 * (-mem-prealloc): a stop-and-copy in the cases re-sends pages the destination already holds,
 * while a first send also pays the destination's first touch of each page (measured here: 289
 * MiB/s without prealloc, against at least 1.2 GB/s implied by cap-128's own stop-and-copy).
 */
export const calibration: Case = {
	...base,
	name: 'calibrate-link',
	what: 'an idle 256 MiB guest (252 MiB filled) sent almost whole in the stop-and-copy: the link rate',
	memoryMiB: 256,
	guest: {rate: 10, wssPages: 4 * MiB, basePage: 512, fillMiB: 252, pattern: 'random', seed: 1},
	maxBandwidthMiBps: 1,
	downtimeLimitMs: 2_000_000,
	runs: 1,
	preallocDestination: true,
};

/**
 * Run second, for the cases with post-copy: how fast the destination places pages in post-copy
 * on this host. After the switch each page with data is placed with UFFDIO_COPY
 * (ram_load_postcopy in migration/ram.c, postcopy_place_page in migration/postcopy-ram.c) on
 * the thread that reads the stream, into memory not yet touched; here that is slower than the
 * link (a zero page is UFFDIO_ZEROPAGE, which only maps the shared zero page). An idle guest
 * post-copied from the start faults almost never, so its pages with data over the post-copy
 * phase (total time less the pause) are that rate: livemig's --postcopy-place-rate.
 */
export const postcopyCalibration: Case = {
	...base,
	name: 'calibrate-postcopy',
	what: 'an idle 256 MiB guest (252 MiB filled) post-copied from the start: the pages the destination places per second',
	mode: 'postcopy',
	memoryMiB: 256,
	guest: {rate: 10, wssPages: 4 * MiB, basePage: 512, fillMiB: 252, pattern: 'random', seed: 1},
	maxBandwidthMiBps: 1024,
	// Three runs, the median: one run on a host shared with other work can come out 2x slow.
	runs: 3,
};
