// Benchmarks for issue 5: a 12-point dirty-rate sweep of pre-copy, post-copy and hybrid on
// a 4 GiB VM (target: under 3 s on two cores), and loading a 10-million-access trace
// (target: under 5 s). Run from the built JS (dist/bench/...), so the sweep uses workers.

import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openOutput} from '../source/basics/output.js';
import {resolveOptions} from '../source/config/resolve.js';
import {runSweep} from '../source/sweep/sweep.js';
import {workerCount} from '../source/sweep/sweep-options.js';
import {loadTrace} from '../source/trace/load.js';
import {type TraceCounts, traceText} from '../source/trace/write.js';

const SWEEP = {
	param: 'dirty-rate',
	from: '2500',
	to: '30000',
	steps: '12',
	algorithms: 'precopy,postcopy,hybrid',
	memory: '4GiB',
	workload: 'hotspot',
};

/** A hotspot workload writes and reads 60,000 pages/s: 166.667 s of it is 10 million accesses. */
const TRACE_FLAGS = {workload: 'hotspot', memory: '4GiB'};
const TRACE_MS = 166_667;

async function timeSweep(): Promise<{seconds: number; runs: number}> {
	const start = performance.now();
	const sweep = await runSweep(SWEEP);
	return {seconds: (performance.now() - start) / 1000, runs: sweep.runs.length * sweep.algorithms.length};
}

async function timeTraceLoad(): Promise<{seconds: number; accesses: number; megabytes: number}> {
	const dir = await mkdtemp(join(tmpdir(), 'livemig-bench-'));
	const file = join(dir, 'hotspot.trace');
	try {
		const {scenario} = resolveOptions(TRACE_FLAGS);
		const counts: TraceCounts = {writes: 0, reads: 0};
		await (await openOutput(file, 'bench')).write(traceText(scenario, TRACE_MS, ['bench'], counts));
		const {size} = await stat(file);
		const start = performance.now();
		const trace = await loadTrace(file, scenario);
		const seconds = (performance.now() - start) / 1000;
		return {seconds, accesses: trace.writeTimes.length + trace.readTimes.length, megabytes: size / 2 ** 20};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

async function sweepFigures(): Promise<Record<string, number | string>> {
	const sweep = await timeSweep();
	return {seconds: round(sweep.seconds), runs: sweep.runs, 'worker threads': workerCount(null, sweep.runs), 'dirty rates': `${SWEEP.from}-${SWEEP.to} pages/s`};
}

async function traceFigures(): Promise<Record<string, number | string>> {
	const trace = await timeTraceLoad();
	return {seconds: round(trace.seconds), accesses: trace.accesses, 'file MiB': round(trace.megabytes, 1)};
}

/** Both benchmarks, figures prefixed by which. */
export async function benchSweep(): Promise<Record<string, number | string>> {
	const out: Record<string, number | string> = {};
	for (const [k, v] of Object.entries(await sweepFigures())) out[`sweep ${k}`] = v;
	for (const [k, v] of Object.entries(await traceFigures())) out[`trace load ${k}`] = v;
	return out;
}

/** The sections bench/index.ts picks up. */
export const sections = [
	{name: 'sweep: 12-point dirty-rate, precopy+postcopy+hybrid, 4 GiB VM', target: '< 3 s', run: sweepFigures},
	{name: 'trace load: 10M accesses, plain text', target: '< 5 s', run: traceFigures},
];
