// Polls and events -> what the console shows (a Snapshot). Pure and incremental: each poll
// costs the same however long the run, so a live watch and a replay of its recording fold
// the same data to the same snapshots. The snapshot keeps the measured inputs (memory, the
// stream's rate, the dirty rate, the limits) apart from the derived figures, so a prediction
// panel can later build a scenario from them and race it beside the real run.
import {type Convergence, convergence} from './convergence.js';
import {finalStatuses, isFinal, type Poll, type QueryMigrate, type WatchEvent, type WatchStart} from './samples.js';

export type Phase = 'waiting' | 'setup' | 'active' | 'postcopy-active' | 'completing' | 'completed' | 'failed' | 'cancelled' | 'other';

/** One pre-copy pass: QEMU starts one at each dirty-bitmap sync (migration/ram.c, migration_bitmap_sync). */
export interface Pass {
	/** QEMU's dirty-sync-count while it ran (1: the first, whole-memory pass). */
	index: number;
	startMs: number;
	durationMs: number;
	/** ram.transferred sent during it (the difference between the syncs, as polled). */
	bytes: number;
	/** ram.remaining at its start: what the sync found dirty (all of RAM for pass 1). */
	remainingAtStart: number;
	/** The pass ended with the VM paused (the last before completion) or in post-copy. */
	final: boolean;
}

export interface Snapshot {
	phase: Phase;
	/** The raw status QEMU gave last ('none' before a migration). */
	status: string;
	/** ms since the migration started (QEMU's total-time while it runs). */
	elapsedMs: number;
	/** The current pass (QEMU's dirty-sync-count, or MIGRATION_PASS's when that came first). */
	pass: number;
	/** Share of the current pass sent: 1 - remaining / remaining at its start. */
	passProgress: number;
	passes: Pass[];
	transferredBytes: number;
	remainingBytes: number;
	totalBytes: number;
	/** Bytes/s the guest dirties (ram.dirty-pages-rate x page size) and the stream sends (between polls). */
	dirtyBytesPerSec: number;
	sentBytesPerSec: number;
	expectedDowntimeMs: number;
	downtimeLimitMs: number | null;
	throttlePercent: number;
	postcopyRequestsPerSec: number;
	postcopyRequests: number;
	convergence: Convergence;
	/** At the end: QEMU's figures, the downtime checked for sanity (see downtimeOf). */
	final: {status: string; totalTimeMs: number; downtimeMs: number | null; downtimeNote: string | null; setupTimeMs: number; error: string | null} | null;
	/** Measured inputs for a prediction: what a scenario would be built from. */
	inputs: {memoryBytes: number; pageSize: number; maxBandwidthBytesPerSec: number | null; autoConverge: boolean; postcopyRam: boolean};
	events: number;
	/** QEMU went into postcopy-active at some point: the last pass ran at the destination. */
	postcopy: boolean;
}

/** The span the sent and post-copy request rates are measured over. */
const RATE_WINDOW_MS = 1000;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export class Tracker {
	private last: Poll | undefined;
	private prev: Poll | undefined;
	private passes: Pass[] = [];
	private eventPass = 0;
	private eventCount = 0;
	private stopAtMs: number | null = null;
	private resumeAtMs: number | null = null;
	private sawPostcopy = false;
	private done: Snapshot['final'] = null;
	private start: WatchStart | undefined;
	private limitMs: number | null = null;

	begin(start: WatchStart): void {
		this.start = start;
		this.limitMs = typeof start.parameters['downtime-limit'] === 'number' ? start.parameters['downtime-limit'] : null;
	}

	/** downtime-limit changed (watch --control raised it, or a re-read of the parameters). */
	setDowntimeLimit(ms: number): void {
		this.limitMs = ms;
	}

	event(e: WatchEvent): void {
		this.eventCount++;
		// MIGRATION_PASS carries the dirty-sync-count of the sync just made (migration/ram.c).
		if (e.event === 'MIGRATION_PASS' && e.side === 'source') {
			this.eventPass = Math.max(this.eventPass, num(e.data.pass));
			if (!this.passAt.has(num(e.data.pass))) this.passAt.set(num(e.data.pass), e.atMs);
		}
		if (e.event === 'STOP' && e.side === 'source') this.stopAtMs = e.qmpTimeMs;
		if (e.event === 'RESUME' && e.side === 'destination') this.resumeAtMs = e.qmpTimeMs;
	}

	poll(p: Poll): void {
		if (this.done) return;
		this.prev = this.last;
		this.last = p;
		this.window.push(p);
		// Keep one poll older than a second, so the window spans at least a second once it can.
		while (this.window.length > 2 && p.atMs - this.window[1]!.atMs >= RATE_WINDOW_MS) this.window.shift();
		const ram = p.info.ram ?? {};
		const sync = num(ram['dirty-sync-count']);
		const transferred = num(ram.transferred);
		if (p.info.status === 'postcopy-active') this.sawPostcopy = true;
		let open = this.passes.at(-1);
		if (sync > 0 && !open) {
			// Watched since before the migration began (an earlier poll had no sync yet): pass 1
			// began at its MIGRATION_PASS, and later syncs up to now split below. Joining a
			// migration already running, the passes before this one are unknown.
			const fromStart = this.prev !== undefined;
			const first = fromStart ? 1 : sync;
			this.baseBytes = first === 1 ? 0 : transferred;
			const startMs = fromStart ? Math.min(p.atMs, Math.max(this.prev!.atMs, this.passAt.get(1) ?? this.prev!.atMs)) : p.atMs;
			open = {index: first, startMs, durationMs: 0, bytes: 0, remainingAtStart: first === sync ? num(ram.remaining) : num(ram.total), final: false};
			this.passes.push(open);
		}
		if (open && sync > open.index) {
			// Syncs since the last poll: each starts a pass at its MIGRATION_PASS's arrival (or
			// now, without events), and the bytes between the two polls are split by time, so a
			// pass shorter than the poll interval still gets its step (the stop-and-copy's sync
			// comes milliseconds after the one before it, migration_completion in migration.c).
			const before = this.prev;
			const at = (k: number) => Math.min(p.atMs, Math.max(before?.atMs ?? p.atMs, this.passAt.get(k) ?? p.atMs));
			const sentBy = (t: number) => {
				if (!before || p.atMs <= before.atMs) return transferred;
				const b = num(before.info.ram?.transferred);
				return b + ((transferred - b) * (t - before.atMs)) / (p.atMs - before.atMs);
			};
			let last = open;
			for (let k = open.index + 1; k <= sync; k++) {
				const t = at(k);
				const base = Math.round(sentBy(t));
				last.durationMs = t - last.startMs;
				last.bytes = base - this.baseBytes;
				last.final = false;
				this.baseBytes = base;
				last = {index: k, startMs: t, durationMs: 0, bytes: 0, remainingAtStart: num(ram.remaining), final: false};
				this.passes.push(last);
			}
		}
		const cur = this.passes.at(-1);
		if (cur) {
			cur.durationMs = p.atMs - cur.startMs;
			cur.bytes = transferred - this.baseBytes;
			cur.final = p.info.status === 'postcopy-active' || p.info.status === 'completed' || p.info.status === 'device';
		}
		if (isFinal(p.info)) this.done = this.finalOf(p.info);
	}

	private baseBytes = 0;
	/** The polls of the last RATE_WINDOW_MS (at most a second's worth: cost stays per poll). */
	private readonly window: Poll[] = [];
	/** When each MIGRATION_PASS arrived (host ms), by pass number. */
	private readonly passAt = new Map<number, number>();

	get finished(): boolean {
		return this.done !== null;
	}

	private finalOf(info: QueryMigrate): NonNullable<Snapshot['final']> {
		const total = num(info['total-time']);
		const {downtimeMs, note} = downtimeOf(info, this.stopAtMs, this.resumeAtMs);
		return {status: info.status ?? 'failed', totalTimeMs: total, downtimeMs, downtimeNote: note, setupTimeMs: num(info['setup-time']), error: info['error-desc'] ?? null};
	}

	snapshot(): Snapshot {
		const info = this.last?.info ?? {};
		const ram = info.ram ?? {};
		const pageSize = num(ram['page-size']) || 4096;
		const sync = Math.max(num(ram['dirty-sync-count']), info.status === 'active' ? this.eventPass : 0);
		const cur = this.passes.at(-1);
		const remaining = num(ram.remaining);
		// Rates over the last second of polls, not the last two: a poll right after a
		// MIGRATION_PASS's comes milliseconds after the one before, and one interval is noisy.
		const oldest = this.window[0];
		const dt = oldest && this.last ? (this.last.atMs - oldest.atMs) / 1000 : 0;
		const prevRam = oldest?.info.ram ?? {};
		// Once over, the whole run's mean: the last interval's figure is the stop-and-copy's burst.
		const sent = this.done && this.done.totalTimeMs > 0 ? (num(ram.transferred) * 1000) / this.done.totalTimeMs : dt > 0 ? Math.max(0, num(ram.transferred) - num(prevRam.transferred)) / dt : num(ram.mbps) * 125_000;
		const requests = num(ram['postcopy-requests']);
		const reqRate = dt > 0 ? Math.max(0, requests - num(prevRam['postcopy-requests'])) / dt : 0;
		const dirty = num(ram['dirty-pages-rate']) * pageSize;
		const caps = this.start?.capabilities ?? {};
		const maxBw = this.start?.parameters['max-bandwidth'];
		return {
			phase: phaseOf(info),
			status: info.status ?? 'none',
			elapsedMs: this.done ? this.done.totalTimeMs : num(info['total-time']),
			pass: sync,
			passProgress: cur && cur.remainingAtStart > 0 ? Math.min(1, Math.max(0, 1 - remaining / cur.remainingAtStart)) : 0,
			passes: this.passes.map((x) => ({...x})),
			transferredBytes: num(ram.transferred),
			remainingBytes: remaining,
			totalBytes: num(ram.total),
			dirtyBytesPerSec: dirty,
			sentBytesPerSec: sent,
			expectedDowntimeMs: num(info['expected-downtime']),
			downtimeLimitMs: this.limitMs,
			throttlePercent: num(info['cpu-throttle-percentage']),
			postcopyRequestsPerSec: reqRate,
			postcopyRequests: requests,
			convergence: convergence({
				passes: this.passes,
				dirtyBytesPerSec: dirty,
				sentBytesPerSec: sent,
				expectedDowntimeMs: num(info['expected-downtime']),
				downtimeLimitMs: this.limitMs,
				throttlePercent: num(info['cpu-throttle-percentage']),
				autoConverge: caps['auto-converge'] === true,
				postcopyRam: caps['postcopy-ram'] === true,
				// A pre-copy cancelled or failed keeps its verdict: why it did not end is the question then.
				precopy: !this.sawPostcopy && (info.status === 'active' || info.status === 'cancelled' || info.status === 'failed'),
			}),
			// Worked out again each time: the destination's RESUME may arrive after the last poll.
			final: this.done && this.last ? this.finalOf(this.last.info) : null,
			inputs: {
				memoryBytes: num(ram.total),
				pageSize,
				maxBandwidthBytesPerSec: typeof maxBw === 'number' && maxBw > 0 ? maxBw : null,
				autoConverge: caps['auto-converge'] === true,
				postcopyRam: caps['postcopy-ram'] === true,
			},
			events: this.eventCount,
			postcopy: this.sawPostcopy,
		};
	}
}

function phaseOf(info: QueryMigrate): Phase {
	const s = info.status;
	if (s === undefined || s === 'none') return 'waiting';
	if (s === 'completed') return isFinal(info) ? 'completed' : 'completing';
	if (s === 'setup' || s === 'active' || s === 'postcopy-active' || finalStatuses.has(s)) return s as Phase;
	// pre-switchover, device, cancelling, postcopy-paused, ...: shown by QEMU's own name.
	return s === 'device' || s === 'pre-switchover' ? 'completing' : 'other';
}

/**
 * QEMU's downtime, checked. QEMU 7.2 once reported the host's uptime as the downtime (in
 * this project's validation runs, validate/metrics.ts): a downtime longer than the whole
 * migration cannot be, so it is replaced by the source's STOP to the destination's RESUME
 * when both events were seen (their QMP timestamps share the host clock), else dropped.
 */
export function downtimeOf(info: QueryMigrate, stopAtMs: number | null, resumeAtMs: number | null): {downtimeMs: number | null; note: string | null} {
	const d = info.downtime;
	const total = num(info['total-time']);
	if (typeof d === 'number' && d >= 0 && (total === 0 || d <= total)) return {downtimeMs: d, note: null};
	if (typeof d !== 'number') return {downtimeMs: null, note: null};
	const pause = stopAtMs !== null && resumeAtMs !== null && resumeAtMs >= stopAtMs ? Math.round(resumeAtMs - stopAtMs) : null;
	const why = `QEMU said downtime ${d} ms, longer than the whole migration (${total} ms)`;
	return pause !== null ? {downtimeMs: pause, note: `${why}: shown is STOP to RESUME`} : {downtimeMs: null, note: `${why}: not shown`};
}
