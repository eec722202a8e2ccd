// The sweep as CSV and as JSON: every run, for plotting elsewhere. Figures are written
// with String(n), so they are the exact numbers `livemig race --json` prints.

import {buildReport} from '../report/report.js';
import type {Sweep} from './sweep-data.js';

export const csvColumns = [
	'param',
	'value',
	'algorithm',
	'seed',
	'outcome',
	'totalTimeMs',
	'downtimeMs',
	'pagesTransferred',
	'bytesTransferred',
	'networkFaults',
	'degradationMs',
] as const;

function field(v: string | number): string {
	const text = String(v);
	return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per point, algorithm and seed, in that order. */
export function* csvLines(sweep: Sweep): Generator<string> {
	yield `${csvColumns.join(',')}\n`;
	const n = sweep.seeds.length;
	const name = sweep.options.param.name;
	for (let p = 0; p < sweep.options.values.length; p++)
		for (let a = 0; a < sweep.algorithms.length; a++)
			for (let k = 0; k < n; k++) {
				const run = sweep.runs[p * n + k];
				const r = run.results[a];
				const row = [name, run.value, r.algorithm, run.seed, r.outcome, r.totalTimeMs, r.downtimeMs, r.pagesTransferred, r.bytesTransferred, r.networkFaults, r.degradationMs];
				yield `${row.map(field).join(',')}\n`;
			}
}

/** Every run's full report, as `race --json` would print it at that point. */
export function sweepJson(sweep: Sweep): string {
	const o = sweep.options;
	const doc = {
		sweep: {param: o.param.name, unit: o.param.baseUnit, values: o.values, seeds: sweep.seeds, algorithms: sweep.algorithms, log: o.log},
		runs: sweep.runs.map((run) => ({value: run.value, seed: run.seed, ...buildReport(run.scenario, run.results)})),
	};
	return `${JSON.stringify(doc, null, 2)}\n`;
}
