// QEMU's pre-copy convergence loop, as migration/migration.c and migration/ram.c run it
// (QEMU 7.2-9.x). The engine (migration.ts) calls it at each iteration of the migration
// thread and when the send set runs dry; this module holds the loop's own state: the
// bandwidth window, the threshold, the sync count and the auto-converge throttle.

import {type Scenario, TARGET_PAGE_BYTES} from './scenario.js';

/**
 * BUFFER_DELAY (migration/migration-stats.h): migration_update_counters measures the
 * bandwidth over windows at least this long, and the rate limit refills once per window.
 */
export const BUFFER_DELAY_MS = 100;

/** MAX_WAIT (migration/ram.c, ram_save_iterate): one iteration sends for at most this long. */
export const MAX_WAIT_MS = 50;

// Auto-converge defaults (migration/options.c) and its trigger (migration/ram.c).
const THROTTLE_THRESHOLD = 0.5; // DEFAULT_MIGRATE_THROTTLE_TRIGGER_THRESHOLD 50
const THROTTLE_INITIAL = 0.2; // DEFAULT_MIGRATE_CPU_THROTTLE_INITIAL 20
const THROTTLE_INCREMENT = 0.1; // DEFAULT_MIGRATE_CPU_THROTTLE_INCREMENT 10
const THROTTLE_MAX = 0.99; // DEFAULT_MIGRATE_MAX_CPU_THROTTLE 99
/** migration_bitmap_sync runs the throttle check once more than 1000 ms have passed. */
const THROTTLE_PERIOD_MS = 1000;

/** An auto-converge step: the period's dirtied bytes exceeded `share` x the bytes sent in it (the second time). */
export interface ThrottleStep {
	from: number;
	to: number;
	dirtiedBytes: number;
	sentBytes: number;
	share: number;
}

export class QemuLoop {
	/** How often the migration thread iterates (tests the stop rule), ms. */
	readonly iterationMs: number;
	/** Bytes per ms over the last window; 0 until one has ended (s->threshold_size starts at 0). */
	bandwidth = 0;
	/** bandwidth x downtime-limit, bytes (s->threshold_size). */
	threshold = 0;
	expectedDowntimeMs = 0;
	/** dirty-sync-count: the setup sync (ram_init_bitmaps) is the first. */
	syncs = 1;
	throttle = 0;
	private nextTick: number;
	private windowStart = 0;
	private windowBytes = 0;
	private highCount = 0;
	private periodStart = 0;
	private periodDirtyPages = 0;
	private periodBytes = 0;

	/**
	 * capBinds: max-bandwidth is below the link, so each iteration sends its window's quota
	 * and migration_rate_limit sleeps to the window's end (one iteration per BUFFER_DELAY);
	 * otherwise the link is the limit and ram_save_iterate returns after MAX_WAIT.
	 */
	constructor(
		private readonly s: Scenario,
		capBinds: boolean,
	) {
		this.iterationMs = capBinds ? BUFFER_DELAY_MS : MAX_WAIT_MS;
		this.nextTick = this.iterationMs;
	}

	/** The next iteration's time (a fixed grid, so stepping in slices changes nothing). */
	get nextCheckAt(): number {
		return this.nextTick;
	}

	/** After an iteration at `now`: the next one on the grid. */
	scheduleAfter(now: number): void {
		this.nextTick = (Math.floor(now / this.iterationMs) + 1) * this.iterationMs;
	}

	/**
	 * migration_update_counters (migration/migration.c): once a window has passed, bandwidth
	 * = bytes sent in it / its length, threshold = bandwidth x downtime-limit, and
	 * expected-downtime = the unsent rest / bandwidth (7.2: ram_counters.remaining / bandwidth,
	 * kept when fewer than 10000 bytes moved).
	 */
	updateCounters(now: number, bytesTotal: number, restBytes: number): void {
		if (now < this.windowStart + BUFFER_DELAY_MS) return;
		const transferred = bytesTotal - this.windowBytes;
		this.bandwidth = transferred / (now - this.windowStart);
		this.threshold = this.bandwidth * this.s.precopy.downtimeLimitMs;
		if (transferred > 10000 && this.bandwidth > 0) this.expectedDowntimeMs = restBytes / this.bandwidth;
		this.windowStart = now;
		this.windowBytes = bytesTotal;
	}

	/**
	 * The cheap test (qemu_savevm_state_pending_estimate; ram_save_pending in 7.2): the unsent
	 * rest of the dirty bitmap. Only below the threshold is the dirty log synced.
	 */
	wantsSync(restBytes: number): boolean {
		return restBytes < this.threshold;
	}

	/** migration_iteration_run: `if (!pending_size || pending_size < threshold_size)` -> migration_completion. */
	converged(pendingBytes: number): boolean {
		return pendingBytes === 0 || pendingBytes < this.threshold;
	}

	/**
	 * migration_bitmap_sync (migration/ram.c): counts the sync, and once more than a second
	 * has passed since the last check runs migration_trigger_throttle: when the pages dirtied
	 * in the period exceed 50% of the bytes sent in it for the 2nd time, the throttle starts
	 * at 20% or rises by 10% (mig_throttle_guest_down), at most 99%.
	 */
	onSync(now: number, newlyDirtyPages: number, bytesTotal: number): ThrottleStep | null {
		this.syncs++;
		this.periodDirtyPages += newlyDirtyPages;
		if (now <= this.periodStart + THROTTLE_PERIOD_MS) return null;
		const sent = bytesTotal - this.periodBytes;
		const dirtyBytes = this.periodDirtyPages * TARGET_PAGE_BYTES;
		let step: ThrottleStep | null = null;
		if (this.s.precopy.autoConverge && dirtyBytes > sent * THROTTLE_THRESHOLD && ++this.highCount >= 2) {
			const from = this.throttle;
			this.throttle = this.throttle === 0 ? THROTTLE_INITIAL : Math.min(THROTTLE_MAX, this.throttle + THROTTLE_INCREMENT);
			this.highCount = 0;
			step = {from, to: this.throttle, dirtiedBytes: dirtyBytes, sentBytes: sent, share: THROTTLE_THRESHOLD};
		}
		this.periodStart = now;
		this.periodDirtyPages = 0;
		this.periodBytes = bytesTotal;
		return step;
	}
}
