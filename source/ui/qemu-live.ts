// The live figures of a snapshot under the names of QEMU's `query-migrate` (what
// `info migrate` prints), the same names report/report.ts#qemuView uses for a finished run,
// so what the `i` view shows can be found again in the JSON report.
import type {Scenario, Snapshot} from '../core/index.js';

export type QemuUnit = 'ms' | 'B' | 'pages' | 'pages/s' | 'Mbit/s' | '%' | '';

/** name, value, unit; most telling first (narrow views show the first few). */
export type QemuEntry = [name: string, value: number | string, unit: QemuUnit];

function status(s: Snapshot): string {
	if (s.finished) return s.outcome === 'completed' ? 'completed' : s.outcome === 'cancelled' ? 'cancelled' : 'failed';
	if (s.phase === 'postcopy') return 'postcopy-active';
	if (s.phase === 'link-paused') return 'postcopy-paused';
	return 'active';
}

/**
 * ram.remaining is what the source still has to send: the pages queued in this round and
 * those dirtied since (pre-copy), or the pages the target lacks (post-copy).
 */
export function remainingPages(s: Snapshot): number {
	if (s.finished) return 0;
	if (s.postcopy) return s.postcopy.remaining;
	const r = s.round;
	if (!r) return 0;
	const queued = Math.max(0, r.pagesToSend - r.pagesSent - r.pagesSkipped);
	return queued + (r.kind === 'live' ? r.pagesDirtied : 0);
}

export function qemuEntries(s: Snapshot, scenario: Scenario): QemuEntry[] {
	const seconds = s.nowMs / 1000;
	const zero = s.rounds.reduce((sum, r) => sum + r.zeroPages, 0) + (s.round?.zeroPages ?? 0);
	const normal = Math.max(0, s.pagesTransferred - zero);
	return [
		['status', status(s), ''],
		['total-time', Math.round(s.nowMs), 'ms'],
		['downtime', Math.round(s.downtimeMs), 'ms'],
		['ram.transferred', s.bytesTransferred, 'B'],
		['ram.remaining', remainingPages(s) * scenario.pageSizeBytes, 'B'],
		['ram.dirty-pages-rate', Math.round(s.dirtyRate), 'pages/s'],
		['ram.dirty-sync-count', s.dirtySyncCount, ''],
		['ram.postcopy-requests', s.networkFaults, ''],
		['expected-downtime', Math.round(s.expectedDowntimeMs), 'ms'],
		['ram.mbps', seconds > 0 ? Math.round(((s.bytesTransferred * 8) / 1e6 / seconds) * 10) / 10 : 0, ''],
		['ram.pages-per-second', seconds > 0 ? Math.round(s.pagesTransferred / seconds) : 0, ''],
		['ram.normal', normal, 'pages'],
		['ram.duplicate', zero, 'pages'],
		['ram.total', scenario.memoryBytes, 'B'],
		['cpu-throttle-percentage', s.throttlePercent, ''],
	];
}
