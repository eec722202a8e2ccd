// The sweep as CSV and as JSON: every run, for plotting elsewhere. Figures are written
// with String(n), so they are the exact numbers `livemig race --json` prints.

import {figures} from '../report/figures.js';
import {buildReport} from '../report/report.js';
import type {Sweep} from './sweep-data.js';

// The figures' columns are named by their report fields (report/figures.ts), as in race --json.
export const csvColumns = [
	'param',
	'value',
	'algorithm',
	'seed',
	'outcome',
	figures.totalTime.field,
	figures.downtime.field,
	figures.pages.field,
	figures.bytes.field,
	figures.faults.field,
	figures.degradation.field,
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

/**
 * Every run's full report, as `race --json` would print it at that point: the text of
 * JSON.stringify(doc, null, 2), one run at a time. A large sweep's document exceeds the
 * longest string V8 can build, so it is never built whole.
 */
export function* sweepJsonChunks(sweep: Sweep): Generator<string> {
	const o = sweep.options;
	const meta = {param: o.param.name, unit: o.param.baseUnit, values: o.values, seeds: sweep.seeds, algorithms: sweep.algorithms, log: o.log};
	// Nested two levels deep: every line after a value's first is indented by 4 more spaces.
	// JSON text has no raw newlines inside strings, so this touches only layout.
	const nest = (value: unknown, by: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${by}`);
	yield `{\n  "sweep": ${nest(meta, '  ')},\n  "runs": [`;
	let first = true;
	for (const run of sweep.runs) {
		yield `${first ? '' : ','}\n    ${nest({value: run.value, seed: run.seed, ...buildReport(run.scenario, run.results)}, '    ')}`;
		first = false;
	}
	yield first ? ']\n}\n' : '\n  ]\n}\n';
}
