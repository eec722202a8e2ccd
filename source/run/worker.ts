// A sweep worker thread: runs the jobs it is sent, one at a time, and posts each result.

import {parentPort, workerData} from 'node:worker_threads';
import {type TraceArrays, type WorkerJob, withArrays} from './pool.js';
import {runOne} from './run-one.js';

const arrays = (workerData as {arrays: TraceArrays | null}).arrays;

parentPort!.on('message', (job: WorkerJob) => {
	const out = runOne(withArrays(job.scenario, arrays), job.algorithm, job.forkHybrid);
	parentPort!.postMessage({id: job.id, ...out});
});
