// What `watch` reads from QEMU, as plain data: query-migrate replies (QEMU 7.2's
// qapi/migration.json MigrationInfo), QMP events, and what was set at the start. The poller
// (poller.ts) makes these, the recording (recording.ts) stores exactly these, and the tracker
// (tracker.ts) folds them into snapshots, so a replay sees what the live run saw.

/** The fields of query-migrate that watch reads (QEMU 7.2 names). */
export interface QueryMigrate {
	status?: string;
	'setup-time'?: number;
	'total-time'?: number;
	downtime?: number;
	'expected-downtime'?: number;
	'cpu-throttle-percentage'?: number;
	'error-desc'?: string;
	ram?: {
		transferred?: number;
		remaining?: number;
		total?: number;
		duplicate?: number;
		normal?: number;
		'normal-bytes'?: number;
		mbps?: number;
		'dirty-sync-count'?: number;
		'dirty-pages-rate'?: number;
		'postcopy-requests'?: number;
		'page-size'?: number;
	};
}

/** One poll: the reply and when it arrived (host wall clock, ms). */
export interface Poll {
	atMs: number;
	info: QueryMigrate;
}

/** A QMP event from either side; `qmpTimeMs` is QEMU's own timestamp (host clock, ms). */
export interface WatchEvent {
	atMs: number;
	side: 'source' | 'destination';
	event: string;
	qmpTimeMs: number;
	data: Record<string, unknown>;
}

/** What watch learnt when it connected: the version, migration parameters and capabilities. */
export interface WatchStart {
	atMs: number;
	qmp: string;
	qmpDest: string | null;
	qemuVersion: string;
	/** query-migrate-parameters (downtime-limit ms, max-bandwidth bytes/s, ...). */
	parameters: Record<string, unknown>;
	/** query-migrate-capabilities as name -> state. */
	capabilities: Record<string, boolean>;
	/** Whether watch could turn the `events` capability on (QEMU refuses while a migration runs). */
	eventsEnabled: boolean;
}

/** A QMP command watch sent to change the migration (only with --control). */
export interface WatchAction {
	atMs: number;
	command: string;
	arguments?: Record<string, unknown>;
	result: 'ok' | string;
}

/** QEMU's MigrationStatus values that end a migration. */
export const finalStatuses: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/**
 * Is this the migration's last reply? QEMU 7.2 may say `completed` for a moment before
 * migration_calculate_complete() fills in total-time (migration/migration.c sets the state
 * first): such a reply is not the end, the next poll is.
 */
export function isFinal(info: QueryMigrate): boolean {
	if (!info.status || !finalStatuses.has(info.status)) return false;
	return info.status !== 'completed' || (info['total-time'] ?? 0) > 0;
}
