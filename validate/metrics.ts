// From what QEMU said (query-migrate polled every 100 ms, QMP events) to one set of measured
// numbers. Pure, so QEMU 7.2's quirks are handled in one tested place:
//  - query-migrate may briefly say "completed" with zero times: that sample is not the end;
//  - its `downtime` once came back as the host's uptime: the guest's pause is measured from the
//    source's STOP to the destination's RESUME, and QEMU's figure is kept only when plausible.
import {isFinal, type QueryMigrate as WatchQueryMigrate} from '../source/watch/samples.js';
import type {QmpEvent} from './qmp.js';

/**
 * The fields of query-migrate the harness reads (QEMU 7.2 names): watch's (one definition of
 * the reply), plus the destination's blocktime, with capability postcopy-blocktime: all vCPUs
 * blocked at once, and each vCPU's wait, ms.
 */
export type QueryMigrate = WatchQueryMigrate & {
	'postcopy-blocktime'?: number;
	'postcopy-vcpu-blocktime'?: number[];
};

export interface Sample {
	/** Wall-clock ms (Date.now()) when the reply arrived. */
	atMs: number;
	info: QueryMigrate;
	/** Bytes queued in the connection at that moment (netns.ts queued()). */
	queued?: {send: number; recv: number};
}

/** Is this the last sample? "completed" counts only once QEMU has filled in its times (watch's rule). */
export {isFinal};

export interface RealResult {
	status: string;
	totalTimeMs: number | null;
	setupTimeMs: number | null;
	/** QEMU's own `downtime`, or null when missing or implausible (see downtimeNote). */
	qemuDowntimeMs: number | null;
	downtimeNote: string | null;
	/** The guest's real pause: source STOP to destination RESUME (QMP timestamps). */
	pauseMs: number | null;
	ramTransferredBytes: number | null;
	normalPages: number | null;
	duplicatePages: number | null;
	dirtySyncCount: number | null;
	/**
	 * Passes sent wholly while the guest ran. QEMU 7.2 sends MIGRATION_PASS from every
	 * migration_bitmap_sync (migration/ram.c), the setup sync included, and each sync starts a
	 * pass; so with S syncs before STOP the first S-1 passes ran live and the one the last
	 * sync started went after STOP (stop-and-copy, or post-copy). A cancelled run never
	 * stopped: all S passes ran live, the last cut short (livemig counts it as a live round too).
	 */
	livePasses: number;
	/** MIGRATION_PASS events before STOP: the syncs made while the guest ran. */
	syncsBeforeStop: number;
	passEvents: number;
	postcopyRequests: number | null;
	maxThrottlePercent: number;
	maxExpectedDowntimeMs: number | null;
	/** Bytes queued in the connection (source Send-Q + destination Recv-Q): median and most, over the samples while it ran. */
	queuedMedianBytes: number | null;
	queuedMaxBytes: number | null;
	samples: number;
}

export function reduceRun(samples: Sample[], source: QmpEvent[], dest: QmpEvent[]): RealResult {
	const last = [...samples].reverse().find((s) => isFinal(s.info)) ?? samples.at(-1);
	const info = last?.info ?? {};
	// After migrate_cancel QEMU drops the ram section: the last sample that had one says how far
	// the cancelled migration got.
	const ram = info.ram ?? [...samples].reverse().find((s) => s.info.ram)?.info.ram ?? {};
	const status = info.status ?? 'unknown';
	const total = positive(info['total-time']);

	// The source stops the guest once (at stop-and-copy or at the switch to post-copy); the
	// destination's RESUME after it ends the pause. A cancelled run never stops the guest.
	const stop = source.find((e) => e.event === 'STOP');
	const resume = stop ? dest.find((e) => e.event === 'RESUME' && e.timeMs >= stop.timeMs) : undefined;
	const pauseMs = stop && resume ? resume.timeMs - stop.timeMs : null;

	let qemuDowntimeMs: number | null = null;
	let downtimeNote: string | null = null;
	const d = info.downtime;
	if (status === 'completed') {
		if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) downtimeNote = 'QEMU reported no downtime';
		else if (total !== null && d > total) downtimeNote = `QEMU's downtime ${d} ms exceeds its total time ${total} ms (ignored)`;
		else if (pauseMs !== null && d > pauseMs + 1000) downtimeNote = `QEMU's downtime ${d} ms is far above the measured pause (ignored)`;
		else qemuDowntimeMs = d;
	}

	const passes = source.filter((e) => e.event === 'MIGRATION_PASS');
	const syncsBeforeStop = stop ? passes.filter((e) => e.timeMs < stop.timeMs).length : passes.length;
	const livePasses = stop ? Math.max(0, syncsBeforeStop - 1) : syncsBeforeStop;
	let maxThrottle = 0;
	let maxExpected: number | null = null;
	for (const s of samples) {
		maxThrottle = Math.max(maxThrottle, s.info['cpu-throttle-percentage'] ?? 0);
		const x = s.info['expected-downtime'];
		if (typeof x === 'number' && s.info.status === 'active') maxExpected = Math.max(maxExpected ?? 0, x);
	}
	const queued = samples
		.filter((x) => x.queued && (x.info.status === 'active' || x.info.status === 'postcopy-active'))
		.map((x) => x.queued!.send + x.queued!.recv)
		.sort((a, b) => a - b);
	return {
		status,
		totalTimeMs: total,
		setupTimeMs: num(info['setup-time']),
		qemuDowntimeMs,
		downtimeNote,
		pauseMs,
		ramTransferredBytes: num(ram.transferred),
		normalPages: num(ram.normal),
		duplicatePages: num(ram.duplicate),
		dirtySyncCount: num(ram['dirty-sync-count']),
		livePasses,
		syncsBeforeStop,
		passEvents: passes.length,
		postcopyRequests: num(ram['postcopy-requests']),
		maxThrottlePercent: maxThrottle,
		maxExpectedDowntimeMs: maxExpected,
		queuedMedianBytes: queued.length > 0 ? queued[Math.floor(queued.length / 2)]! : null,
		queuedMaxBytes: queued.at(-1) ?? null,
		samples: samples.length,
	};
}

/** vCPU 0's post-copy blocktime from the destination's query-migrate (the guests here have one vCPU). */
export function vcpuBlocktime(info: QueryMigrate): number | null {
	const per = info['postcopy-vcpu-blocktime'];
	return Array.isArray(per) && per.length > 0 ? num(per[0]) : null;
}

function num(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function positive(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}
