import type {MigrationResult, Scenario} from '../core/index.js';
import {endStatus, qemuFields} from './qemu-names.js';
import type {QemuView, Report, ReportScenario} from './report-schema.js';

export type {Report} from './report-schema.js';

/** The scenario as the report shows it: every resolved parameter, no trace arrays. */
export function scenarioForReport(s: Scenario): ReportScenario {
	const {trace: _trace, ...rest} = s;
	return rest;
}

/** QEMU's `query-migrate` view of a finished result (qemu-names.ts). */
export function qemuView(r: MigrationResult, s: Scenario): QemuView {
	return qemuFields(endStatus(r.outcome), {...r, throttlePercent: r.maxThrottlePercent}, s);
}

export function buildReport(s: Scenario, results: MigrationResult[]): Report {
	return {
		scenario: scenarioForReport(s),
		results: results.map((r) => ({...r, qemu: qemuView(r, s)})),
	};
}
