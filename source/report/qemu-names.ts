// QEMU's `query-migrate` names for a run's figures (what `info migrate` prints): the one
// mapping behind the JSON report's `qemu` (report.ts) and the console's live `i` view
// (ui/qemu-live.ts), so a figure seen live can be found again in the report under its name.
import {type MigrationResult, type Outcome, type Scenario, TARGET_PAGE_BYTES} from '../core/index.js';
import type {QemuView} from './report-schema.js';

/**
 * The figures the mapping reads, under MigrationResult's names; a live snapshot supplies
 * them too. The throttle is the one QEMU shows: a finished run's highest, a live run's current.
 */
export interface QemuFigures
	extends Pick<
		MigrationResult,
		| 'totalTimeMs'
		| 'downtimeMs'
		| 'expectedDowntimeMs'
		| 'bytesTransferred'
		| 'remainingPages'
		| 'zeroPages'
		| 'normalPages'
		| 'dirtyRate'
		| 'dirtySyncCount'
		| 'networkFaults'
		| 'inFlightWaits'
		| 'pagesTransferred'
	> {
	throttlePercent: number;
}

/** The query-migrate fields, with a status that may also be a live one (`active`, ...). */
export type QemuFields<Status extends string> = Omit<QemuView, 'status'> & {status: Status};

/** QEMU's MigrationStatus of a job that ended: a cancelled one reads `cancelled`, any other end `failed`. */
export function endStatus(outcome: Outcome | null): QemuView['status'] {
	return outcome === 'completed' ? 'completed' : outcome === 'cancelled' ? 'cancelled' : 'failed';
}

/** The figures under QEMU's names, in query-migrate's order; `mbpsDigits`: decimals of ram.mbps. */
export function qemuFields<Status extends string>(
	status: Status,
	r: QemuFigures,
	s: Pick<Scenario, 'memoryBytes'>,
	mbpsDigits = 3,
): QemuFields<Status> {
	const seconds = r.totalTimeMs / 1000;
	return {
		status,
		'total-time': Math.round(r.totalTimeMs),
		downtime: Math.round(r.downtimeMs),
		'setup-time': 0,
		'expected-downtime': Math.round(r.expectedDowntimeMs),
		'cpu-throttle-percentage': r.throttlePercent,
		ram: {
			transferred: r.bytesTransferred,
			remaining: r.remainingPages * TARGET_PAGE_BYTES,
			total: s.memoryBytes,
			duplicate: r.zeroPages,
			normal: r.normalPages,
			'normal-bytes': r.normalPages * TARGET_PAGE_BYTES, // QEMU counts target pages (ram_counters.normal)
			'dirty-pages-rate': Math.round(r.dirtyRate),
			mbps: seconds > 0 ? round((r.bytesTransferred * 8) / 1e6 / seconds, mbpsDigits) : 0,
			'dirty-sync-count': r.dirtySyncCount,
			// QEMU's destination asks for every page it lacks, one already on its way included.
			'postcopy-requests': r.networkFaults + r.inFlightWaits,
			'pages-per-second': seconds > 0 ? Math.round(r.pagesTransferred / seconds) : 0,
		},
	};
}

function round(v: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
}
