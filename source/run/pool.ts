// Runs a sweep's migrations, in this thread or on worker threads. Results come back in
// job order whatever thread ran them, and each run is a pure function of its scenario,
// so one worker and many give byte-identical output.

import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {type Algorithm, type MigrationResult, pageCount, type Scenario, type TraceData} from '../core/index.js';
import {type JobOutput, runOne} from './run-one.js';

export interface Job {
	scenario: Scenario;
	algorithm: Algorithm;
	/** Pre-copy only: also run hybrid, forked off after their common first round. */
	forkHybrid?: boolean;
}

/**
 * The trace's big arrays go to each worker once, in workerData (the parser builds them on
 * SharedArrayBuffers, so they are shared, not copied), not with every job: a job's trace
 * leaves them out.
 */
export type TraceArrays = Pick<TraceData, 'writeTimes' | 'writePages' | 'readTimes' | 'readPages'>;

export interface WorkerJob {
	id: number;
	scenario: Scenario;
	algorithm: Algorithm;
	forkHybrid?: boolean;
}

/** The arrays of a scenario's trace (null: no trace). */
export function traceArraysOf(s: Scenario): TraceArrays | null {
	const t = s.trace;
	return t ? {writeTimes: t.writeTimes, writePages: t.writePages, readTimes: t.readTimes, readPages: t.readPages} : null;
}

/**
 * The scenario as a job message carries it: without the trace's arrays when they are the
 * ones the worker was started with (it puts them back), whole otherwise, so a worker always
 * runs exactly the scenario the caller has.
 */
export function forWorker(s: Scenario, shared: TraceArrays | null): Scenario {
	const t = s.trace;
	if (!t || !shared) return s;
	const same = t.writeTimes === shared.writeTimes && t.writePages === shared.writePages && t.readTimes === shared.readTimes && t.readPages === shared.readPages;
	if (!same) return s;
	const {loop, durationMs} = t;
	return {...s, trace: {loop, durationMs} as TraceData};
}

/** The worker's side of forWorker: puts the shared arrays back into a trace sent without them. */
export function withArrays(s: Scenario, arrays: TraceArrays | null): Scenario {
	if (!s.trace || s.trace.writeTimes) return s;
	// Replaying an empty trace instead would give a wrong result, not an error.
	if (!arrays) throw new Error('a worker got a trace without its arrays');
	return {...s, trace: {...s.trace, ...arrays}};
}

// Built JS only: under a TypeScript runner this file is .ts and there is no worker to load.
const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));

/** A worker thread that holds `arrays` for every job it is sent. */
function startWorker(arrays: TraceArrays | null): Worker {
	return new Worker(workerFile, {workerData: {arrays}});
}

export interface PoolOptions {
	workers: number;
	onDone?: (done: number) => void;
	/** Gets hybrid's result from a job that forked it. */
	onForked?: (job: number, result: MigrationResult) => void;
}

/** Runs one job on a worker thread of its own (the caller's thread stays free for another). */
export function runInWorker(job: Job): Promise<JobOutput> | null {
	if (!existsSync(workerFile)) return null;
	const arrays = traceArraysOf(job.scenario);
	const worker = startWorker(arrays);
	return new Promise<JobOutput>((resolve, reject) => {
		worker.once('message', (msg: {id: number} & JobOutput) => resolve({result: msg.result, forked: msg.forked}));
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`a worker stopped (exit code ${code})`)));
		const message: WorkerJob = {id: 0, scenario: forWorker(job.scenario, arrays), algorithm: job.algorithm, forkHybrid: job.forkHybrid};
		worker.postMessage(message);
	}).finally(() => void worker.terminate());
}

export async function runJobs(jobs: Job[], options: PoolOptions): Promise<MigrationResult[]> {
	if (options.workers <= 1 || !existsSync(workerFile)) return runHere(jobs, options);
	// A sweep applies one parsed trace to every point: its arrays go to each worker once.
	const first = jobs.find((j) => j.scenario.trace);
	const arrays = first ? traceArraysOf(first.scenario) : null;
	const results: MigrationResult[] = new Array(jobs.length);
	// Longest first, so the last job to finish is a short one and both cores stay busy.
	const order = jobs.map((_, i) => i).sort((a, b) => estimatedCost(jobs[b]) - estimatedCost(jobs[a]) || a - b);
	let next = 0;
	let done = 0;
	const workers = Array.from({length: Math.min(options.workers, jobs.length)}, () => startWorker(arrays));
	try {
		await new Promise<void>((resolve, reject) => {
			const feed = (w: Worker) => {
				if (next >= jobs.length) return;
				const id = order[next++];
				const job: WorkerJob = {id, scenario: forWorker(jobs[id].scenario, arrays), algorithm: jobs[id].algorithm, forkHybrid: jobs[id].forkHybrid};
				w.postMessage(job);
			};
			for (const w of workers) {
				w.on('message', (msg: {id: number} & JobOutput) => {
					results[msg.id] = msg.result;
					if (msg.forked) options.onForked?.(msg.id, msg.forked);
					done++;
					options.onDone?.(done);
					if (done === jobs.length) resolve();
					else feed(w);
				});
				w.on('error', reject);
				w.on('exit', (code) => {
					if (done < jobs.length) reject(new Error(`a sweep worker stopped (exit code ${code})`));
				});
				feed(w);
			}
		});
	} finally {
		await Promise.all(workers.map((w) => w.terminate()));
	}
	return results;
}

/** A rough relative cost of a run: pages sent plus accesses made while they cross the link. */
function estimatedCost(job: Job): number {
	const s = job.scenario;
	const pages = pageCount(s);
	const seconds = (s.memoryBytes * 8) / s.bandwidthBitsPerSec;
	const t = s.trace;
	const rate = t ? (t.writeTimes.length + t.readTimes.length) / Math.max(1, t.durationMs / 1000) : s.workload.writeRate + s.workload.readRate;
	// Pre-copy resends what the VM dirties, round after round.
	return (pages + rate * seconds) * (job.algorithm === 'precopy' ? 2 : 1);
}

async function runHere(jobs: Job[], options: PoolOptions): Promise<MigrationResult[]> {
	const results: MigrationResult[] = [];
	for (const [i, job] of jobs.entries()) {
		const out = runOne(job.scenario, job.algorithm, job.forkHybrid);
		results.push(out.result);
		if (out.forked) options.onForked?.(i, out.forked);
		options.onDone?.(results.length);
		// Let the progress bar's writes and signals through between runs.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	return results;
}
