// What a sweep measures: one figure of each MigrationResult per metric (named, and
// compared, as report/figures.ts says), lower is better for all of them, with the unit each
// is charted and tabled in.

import type {MigrationResult} from '../core/index.js';
import {type Figure, figures} from '../report/figures.js';
import type {DisplayUnit} from './params.js';

export interface Metric {
	name: string;
	/** In words: "post-copy's total time beats pre-copy's ..." (the figure's name). */
	label: string;
	figure: Figure;
	of: (r: MigrationResult) => number;
	/** The chart's unit, from the largest value: one axis for every series. */
	unitFor: (max: number) => DisplayUnit;
	/** A table column's unit, from that column's values: counts in full (the chart may say thousands), times so they read. */
	tableUnitFor: (values: number[]) => DisplayUnit;
}

const timeUnit = (max: number): DisplayUnit =>
	max >= 600_000 ? {unit: 'min', scale: 60_000} : max >= 10_000 ? {unit: 's', scale: 1000} : {unit: 'ms', scale: 1};
// Counts carry no unit but their name: "pages sent (thousands)", or just "pages sent".
const countUnit = (max: number): DisplayUnit =>
	max >= 1e7 ? {unit: 'millions', scale: 1e6} : max >= 1e4 ? {unit: 'thousands', scale: 1e3} : {unit: '', scale: 1};
const whole = (): DisplayUnit => ({unit: '', scale: 1});

/**
 * A table column of times in the largest unit its smallest non-zero value reads in without
 * leading zeros: downtimes of 27 s down to 64 ms are milliseconds ("64.0", "27,389"), not
 * seconds that print "0.06"; minutes only when every value is 10 minutes or more.
 */
export function columnTimeUnit(values: number[]): DisplayUnit {
	const nonZero = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
	const least = nonZero.length ? Math.min(...nonZero) : 0;
	return least >= 600_000 ? {unit: 'min', scale: 60_000} : least >= 1000 ? {unit: 's', scale: 1000} : {unit: 'ms', scale: 1};
}

const metric = (name: string, figure: Figure, of: Metric['of'], unitFor: Metric['unitFor'], tableUnitFor: Metric['tableUnitFor']): Metric => ({name, label: figure.name, figure, of, unitFor, tableUnitFor});

export const metrics: Metric[] = [
	metric('downtime', figures.downtime, (r) => r.downtimeMs, timeUnit, columnTimeUnit),
	metric('total-time', figures.totalTime, (r) => r.totalTimeMs, timeUnit, columnTimeUnit),
	metric('pages', figures.pages, (r) => r.pagesTransferred, countUnit, whole),
	metric('faults', figures.faults, (r) => r.networkFaults, countUnit, whole),
	metric('degradation', figures.degradation, (r) => r.degradationMs, timeUnit, columnTimeUnit),
];

export const defaultMetrics = 'downtime,total-time';

export function findMetric(name: string): Metric | undefined {
	return metrics.find((m) => m.name === name);
}
