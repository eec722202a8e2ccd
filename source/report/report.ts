import type {MigrationResult, Scenario} from '../core/index.js';
import type {QemuView, Report, ReportScenario} from './report-schema.js';

export type {Report} from './report-schema.js';

/** The scenario as the report shows it: every resolved parameter, no trace arrays. */
export function scenarioForReport(s: Scenario): ReportScenario {
	const {trace: _trace, ...rest} = s;
	return rest;
}

/** QEMU's `query-migrate` view of a result, in the names an operator reads there. */
export function qemuView(r: MigrationResult, s: Scenario): QemuView {
	const seconds = r.totalTimeMs / 1000;
	return {
		// QEMU's MigrationStatus: a cancelled job reads `cancelled`, any other end `failed`.
		status: r.outcome === 'completed' ? 'completed' : r.outcome === 'cancelled' ? 'cancelled' : 'failed',
		'total-time': Math.round(r.totalTimeMs),
		downtime: Math.round(r.downtimeMs),
		'setup-time': 0,
		'expected-downtime': Math.round(r.expectedDowntimeMs),
		'cpu-throttle-percentage': r.maxThrottlePercent,
		ram: {
			transferred: r.bytesTransferred,
			remaining: r.remainingPages * s.pageSizeBytes,
			total: s.memoryBytes,
			duplicate: r.zeroPages,
			normal: r.normalPages,
			'normal-bytes': r.normalPages * s.pageSizeBytes,
			'dirty-pages-rate': Math.round(r.dirtyRate),
			mbps: seconds > 0 ? round((r.bytesTransferred * 8) / 1e6 / seconds, 3) : 0,
			'dirty-sync-count': r.dirtySyncCount,
			// QEMU's destination asks for every page it lacks, one already on its way included.
			'postcopy-requests': r.networkFaults + r.inFlightWaits,
			'pages-per-second': seconds > 0 ? Math.round(r.pagesTransferred / seconds) : 0,
		},
	};
}

export function buildReport(s: Scenario, results: MigrationResult[]): Report {
	return {
		scenario: scenarioForReport(s),
		results: results.map((r) => ({...r, qemu: qemuView(r, s)})),
	};
}

function round(v: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(v * f) / f;
}
