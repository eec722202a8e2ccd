// The live figures of a snapshot under the names of QEMU's `query-migrate` (what
// `info migrate` prints), mapped by report/qemu-names.ts as the JSON report's are, so what
// the `i` view shows can be found again in the report.
import type {Scenario, Snapshot} from '../core/index.js';
import {endStatus, type QemuFigures, qemuFields} from '../report/qemu-names.js';

export type QemuUnit = 'ms' | 'B' | 'pages' | 'pages/s' | 'Mbit/s' | '%' | '';

/** name, value, unit; most telling first (narrow views show the first few). */
export type QemuEntry = [name: string, value: number | string, unit: QemuUnit];

function status(s: Snapshot): string {
	if (s.finished) return endStatus(s.outcome);
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

/** A snapshot's figures as the mapping reads them (a result's, for a run still going). */
function figuresOf(s: Snapshot): QemuFigures {
	const zero = s.rounds.reduce((sum, r) => sum + r.zeroPages, 0) + (s.round?.zeroPages ?? 0);
	return {
		totalTimeMs: s.nowMs,
		downtimeMs: s.downtimeMs,
		expectedDowntimeMs: s.expectedDowntimeMs,
		bytesTransferred: s.bytesTransferred,
		remainingPages: remainingPages(s),
		zeroPages: zero,
		normalPages: Math.max(0, s.pagesTransferred - zero),
		dirtyRate: s.dirtyRate,
		dirtySyncCount: s.dirtySyncCount,
		networkFaults: s.networkFaults,
		inFlightWaits: s.inFlightWaits,
		pagesTransferred: s.pagesTransferred,
		throttlePercent: s.throttlePercent,
	};
}

export function qemuEntries(s: Snapshot, scenario: Scenario): QemuEntry[] {
	// One decimal of ram.mbps: the view rounds it to whole Mbit/s anyway.
	const q = qemuFields(status(s), figuresOf(s), scenario, 1);
	return [
		['status', q.status, ''],
		['total-time', q['total-time'], 'ms'],
		['downtime', q.downtime, 'ms'],
		['ram.transferred', q.ram.transferred, 'B'],
		['ram.remaining', q.ram.remaining, 'B'],
		['ram.dirty-pages-rate', q.ram['dirty-pages-rate'], 'pages/s'],
		['ram.dirty-sync-count', q.ram['dirty-sync-count'], ''],
		['ram.postcopy-requests', q.ram['postcopy-requests'], ''],
		['expected-downtime', q['expected-downtime'], 'ms'],
		['ram.mbps', q.ram.mbps, ''],
		['ram.pages-per-second', q.ram['pages-per-second'], ''],
		['ram.normal', q.ram.normal, 'pages'],
		['ram.duplicate', q.ram.duplicate, 'pages'],
		['ram.total', q.ram.total, 'B'],
		['cpu-throttle-percentage', q['cpu-throttle-percentage'], ''],
	];
}
