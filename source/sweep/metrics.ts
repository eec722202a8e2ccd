// What a sweep measures: one figure of each MigrationResult per metric, lower is better
// for all of them, with the unit each is charted and tabled in.

import type {MigrationResult} from '../core/index.js';
import type {DisplayUnit} from './params.js';

export interface Metric {
	name: string;
	/** In words: "post-copy's total time beats pre-copy's ...". */
	label: string;
	of: (r: MigrationResult) => number;
	unitFor: (max: number) => DisplayUnit;
	/** The table's unit: counts in full (the chart may say thousands), times as charted. */
	tableUnitFor: (max: number) => DisplayUnit;
}

const timeUnit = (max: number): DisplayUnit =>
	max >= 600_000 ? {unit: 'min', scale: 60_000} : max >= 10_000 ? {unit: 's', scale: 1000} : {unit: 'ms', scale: 1};
// Counts carry no unit but their name: "pages sent (thousands)", or just "pages sent".
const countUnit = (max: number): DisplayUnit =>
	max >= 1e7 ? {unit: 'millions', scale: 1e6} : max >= 1e4 ? {unit: 'thousands', scale: 1e3} : {unit: '', scale: 1};
const whole = (): DisplayUnit => ({unit: '', scale: 1});

export const metrics: Metric[] = [
	{name: 'downtime', label: 'downtime', of: (r) => r.downtimeMs, unitFor: timeUnit, tableUnitFor: timeUnit},
	{name: 'total-time', label: 'total time', of: (r) => r.totalTimeMs, unitFor: timeUnit, tableUnitFor: timeUnit},
	{name: 'pages', label: 'pages sent', of: (r) => r.pagesTransferred, unitFor: countUnit, tableUnitFor: whole},
	{name: 'faults', label: 'network faults', of: (r) => r.networkFaults, unitFor: countUnit, tableUnitFor: whole},
	{name: 'degradation', label: 'degradation', of: (r) => r.degradationMs, unitFor: timeUnit, tableUnitFor: timeUnit},
];

export const defaultMetrics = 'downtime,total-time';

export function findMetric(name: string): Metric | undefined {
	return metrics.find((m) => m.name === name);
}
