// Running a sweep: every point and seed resolved as race would resolve those flags, the
// trace (if any) parsed once and shared, then all runs handed to the pool.

import {type RawOptions, type Resolved, resolveOptions} from '../config/resolve.js';
import {TARGET_PAGE_BYTES} from '../core/index.js';
import {UsageError} from '../basics/errors.js';
import {flagOf} from '../basics/flag-names.js';
import {applyTrace} from '../config/trace-attach.js';
import type {LoadedTrace} from '../trace/format.js';
import {loadTrace} from '../trace/load.js';
import {formatParam} from './params.js';
import {type Job, runJobs} from '../run/pool.js';
import type {Sweep, SweepRun} from './sweep-data.js';
import {parseSweepOptions, type SweepOptions, workerCount} from './sweep-options.js';

/** The scenario at one point and seed, resolved exactly as race would resolve those flags. */
async function resolvePoint(raw: RawOptions, o: SweepOptions, value: number, seed: number, trace: LoadedTrace | null, loop: boolean): Promise<Resolved> {
	const at = `--param ${o.param.name} at ${formatParam(o.param, value)}`;
	const resolved = resolveOptions({...raw, [o.param.key]: String(value), seed: String(seed)}, (key) =>
		key === o.param.key ? at : flagOf(key),
	);
	if (trace) await applyTrace(resolved.scenario, trace, loop);
	return resolved;
}

async function loadSweepTrace(base: Resolved, o: SweepOptions): Promise<LoadedTrace | null> {
	if (!base.traceFile) return null;
	if (o.param.workloadShape) throw new UsageError(`--param: ${o.param.name} does not change a trace workload (the trace fixes every access)`);
	// Over memory, pages past the end are checked at each point rather than while parsing.
	const trace = await loadTrace(base.traceFile, o.param.name === 'memory' ? null : base.scenario);
	if (o.param.name === 'memory' && trace.header?.memoryBytes !== undefined)
		throw new UsageError(`--param: the trace's header (${trace.file}:${trace.header.line}) fixes the memory size`);
	return trace;
}

/**
 * `beforeRuns` is called once every flag has been checked and before any run starts: the
 * place to open output files, so an unwritable one fails before the work rather than after.
 */
export async function runSweep(raw: RawOptions, onProgress?: (done: number, total: number) => void, beforeRuns?: (o: SweepOptions) => Promise<void>): Promise<Sweep> {
	const base = resolveOptions(raw);
	// Sizes snap to 4 KiB pages; memory to whole host pages (--page-size), which it must hold.
	const o = parseSweepOptions(raw, raw.param === 'memory' ? base.scenario.pageSizeBytes : TARGET_PAGE_BYTES);
	const trace = await loadSweepTrace(base, o);
	// The heading describes the VM the trace ran on, so the header's sizes apply here too.
	if (trace) await applyTrace(base.scenario, trace, base.traceLoop ?? false);
	// Seeds are 32-bit: past the last one they are refused, not wrapped to 0.
	if (base.scenario.seed + o.repeat - 1 > 2 ** 32 - 1)
		throw new UsageError(`--repeat: ${o.repeat} seeds from --seed ${base.scenario.seed} pass the last seed (4294967295)`);
	const seeds = Array.from({length: o.repeat}, (_, k) => base.scenario.seed + k);
	const runs: SweepRun[] = [];
	for (const value of o.values)
		for (const seed of seeds) {
			const r = await resolvePoint(raw, o, value, seed, trace, base.traceLoop ?? false);
			runs.push({value, seed, scenario: r.scenario, results: []});
		}
	await beforeRuns?.(o);
	const jobs: Job[] = runs.flatMap((run) => base.algorithms.map((algorithm) => ({scenario: run.scenario, algorithm})));
	onProgress?.(0, jobs.length);
	const results = await runJobs(jobs, {workers: workerCount(o.workers, jobs.length), onDone: (d) => onProgress?.(d, jobs.length)});
	const n = base.algorithms.length;
	runs.forEach((run, i) => (run.results = results.slice(i * n, i * n + n)));
	return {options: o, algorithms: base.algorithms, seeds, base: base.scenario, runs};
}
