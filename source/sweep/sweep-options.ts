// The sweep's own flags, read and checked. Every error names the flag it is about.

import {availableParallelism} from 'node:os';
import type {RawOptions} from '../config/resolve.js';
import {UsageError} from '../basics/errors.js';
import {parseCount, parseOrRefuse} from '../basics/units.js';
import {defaultMetrics, findMetric, type Metric, metrics} from './metrics.js';
import {findParam, type SweepParam, sweepParams, sweepValues} from './params.js';

export interface SweepOptions {
	param: SweepParam;
	from: number;
	to: number;
	steps: number;
	log: boolean;
	repeat: number;
	metrics: Metric[];
	csv: string | null;
	json: boolean;
	/** null: chosen from the number of runs. */
	workers: number | null;
	/** The swept values, base units. */
	values: number[];
}

const MAX_STEPS = 1000;
const MAX_REPEAT = 1000;
const MAX_WORKERS = 16;

function text(raw: RawOptions, key: string, flag: string): string | undefined {
	const v = raw[key];
	if (v === undefined || v === '') return undefined;
	if (typeof v === 'boolean') throw new UsageError(`${flag}: needs a value`);
	return String(v);
}

function whole(raw: RawOptions, key: string, flag: string, fallback: number, min: number, max: number): number {
	const v = text(raw, key, flag);
	if (v === undefined) return fallback;
	const n = parseOrRefuse(flag, () => parseCount(v, {integer: true, min}));
	if (n > max) throw new UsageError(`${flag}: must be at most ${max}, got ${v}`);
	return n;
}

export function parseSweepOptions(raw: RawOptions, pageBytes: number): SweepOptions {
	const name = text(raw, 'param', '--param');
	const known = sweepParams.map((p) => p.name).join(', ');
	if (!name) throw new UsageError(`--param: sweep needs --param NAME (one of ${known})`);
	const param = findParam(name);
	if (!param) throw new UsageError(`--param: unknown parameter "${name}" (known: ${known})`);
	if (raw[param.key] !== undefined) throw new UsageError(`--${param.name}: the sweep sets it (--param ${param.name}); drop one of the two`);

	const fromText = text(raw, 'from', '--from');
	const toText = text(raw, 'to', '--to');
	if (fromText === undefined) throw new UsageError(`--from: sweep needs --from VALUE (in ${param.name}'s units)`);
	if (toText === undefined) throw new UsageError(`--to: sweep needs --to VALUE (in ${param.name}'s units)`);
	const from = parseOrRefuse('--from', () => param.parse(fromText));
	const to = parseOrRefuse('--to', () => param.parse(toText));
	if (!(to > from)) throw new UsageError(`--to: must be above --from (${fromText}), got ${toText}`);
	const log = raw.log === true;
	if (log && from <= 0) throw new UsageError(`--from: must be above zero with --log, got ${fromText}`);

	const steps = whole(raw, 'steps', '--steps', 10, 2, MAX_STEPS);
	const values = sweepValues(param, from, to, steps, log, pageBytes);
	if (new Set(values).size !== values.length)
		throw new UsageError(`--steps: ${steps} points from ${fromText} to ${toText} repeat a value once rounded to ${param.integer ? 'whole numbers' : 'whole pages'}; use fewer`);

	const metricNames = (text(raw, 'metrics', '--metrics') ?? defaultMetrics).split(',').map((m) => m.trim()).filter(Boolean);
	if (metricNames.length === 0) throw new UsageError(`--metrics: needs at least one of ${metrics.map((m) => m.name).join(', ')}`);
	const chosen = metricNames.map((m) => {
		const metric = findMetric(m);
		if (!metric) throw new UsageError(`--metrics: unknown metric "${m}" (known: ${metrics.map((x) => x.name).join(', ')})`);
		return metric;
	});

	const workersText = text(raw, 'workers', '--workers');
	return {
		param,
		from,
		to,
		steps,
		log,
		repeat: whole(raw, 'repeat', '--repeat', 1, 1, MAX_REPEAT),
		metrics: [...new Set(chosen)],
		csv: text(raw, 'csv', '--csv') ?? null,
		json: raw.json === true,
		workers: workersText === undefined ? null : whole(raw, 'workers', '--workers', 1, 1, MAX_WORKERS),
		values,
	};
}

/** Worker threads for `jobs` runs: one for a handful (starting a thread costs more), else a core each. */
export function workerCount(requested: number | null, jobs: number): number {
	if (requested !== null) return Math.min(requested, Math.max(1, jobs));
	if (jobs < 6) return 1;
	return Math.max(1, Math.min(availableParallelism(), 8, jobs));
}
