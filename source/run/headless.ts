import {availableParallelism} from 'node:os';
import {type Algorithm, buildLayout, canForkHybrid, type MigrationResult, pageCount, type Scenario} from '../core/index.js';
import {runOne} from './run-one.js';

/** Hybrid rides on pre-copy's run (forked after their common first round) when both race. */
function forksHybrid(s: Scenario, algorithms: readonly Algorithm[]): boolean {
	return algorithms.includes('precopy') && algorithms.includes('hybrid') && canForkHybrid(s);
}

/** Runs each algorithm to the end on one shared memory layout, one after another. */
export function runAll(s: Scenario, algorithms: readonly Algorithm[]): MigrationResult[] {
	const layout = buildLayout(s);
	const fork = forksHybrid(s, algorithms);
	const results = new Map<Algorithm, MigrationResult>();
	for (const a of algorithms) {
		if (fork && a === 'hybrid') continue;
		const out = runOne(s, a, fork && a === 'precopy', layout);
		results.set(a, out.result);
		if (out.forked) results.set('hybrid', out.forked);
	}
	return algorithms.map((a) => results.get(a)!);
}

/** Above this many pages a race's engines run on worker threads, one per core. */
const PARALLEL_PAGES = 2 ** 22;

/**
 * The headless race: big VMs run their algorithms on both cores (each engine is a pure
 * function of the scenario, so the results are the same as one after another).
 */
export async function runRace(s: Scenario, algorithms: readonly Algorithm[]): Promise<MigrationResult[]> {
	const fork = forksHybrid(s, algorithms);
	const jobs = algorithms.filter((a) => !(fork && a === 'hybrid')).map((algorithm) => ({scenario: s, algorithm, forkHybrid: fork && algorithm === 'precopy'}));
	if (availableParallelism() < 2 || jobs.length < 2 || pageCount(s) < PARALLEL_PAGES) return runAll(s, algorithms);
	const {runInWorker, runJobs} = await import('./pool.js');
	const byAlgorithm = new Map<Algorithm, MigrationResult>();
	if (jobs.length === 2) {
		// Two jobs: pre-copy (with hybrid forked off it), the longer, right here; post-copy on
		// a worker meanwhile, which pays the worker's start-up: the two come out even.
		const far = runInWorker(jobs[1]);
		if (far) {
			const here = runOne(s, jobs[0].algorithm, jobs[0].forkHybrid);
			byAlgorithm.set(jobs[0].algorithm, here.result);
			if (here.forked) byAlgorithm.set('hybrid', here.forked);
			byAlgorithm.set(jobs[1].algorithm, (await far).result);
			return algorithms.map((a) => byAlgorithm.get(a)!);
		}
	}
	let hybrid: MigrationResult | null = null;
	const results = await runJobs(jobs, {workers: Math.min(availableParallelism(), jobs.length), onForked: (_job, result) => (hybrid = result)});
	jobs.forEach((j, i) => byAlgorithm.set(j.algorithm, results[i]));
	if (hybrid) byAlgorithm.set('hybrid', hybrid);
	return algorithms.map((a) => byAlgorithm.get(a)!);
}
