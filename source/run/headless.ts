import {availableParallelism} from 'node:os';
import {type Algorithm, buildLayout, createMigration, type MigrationResult, type Scenario} from '../core/index.js';

/** Runs each algorithm to the end on one shared memory layout, one after another. */
export function runAll(s: Scenario, algorithms: readonly Algorithm[]): MigrationResult[] {
	const layout = buildLayout(s);
	return algorithms.map((a) => {
		const m = createMigration(s, a, {layout});
		const result = m.run();
		m.dispose();
		return result;
	});
}

/** Above this many pages a race's engines run on worker threads, one per core. */
const PARALLEL_PAGES = 2 ** 22;

/**
 * The headless race: big VMs run their algorithms on both cores (each engine is a pure
 * function of the scenario, so the results are the same as one after another).
 */
export async function runRace(s: Scenario, algorithms: readonly Algorithm[]): Promise<MigrationResult[]> {
	const workers = Math.min(availableParallelism(), algorithms.length);
	if (workers < 2 || s.memoryBytes / s.pageSizeBytes < PARALLEL_PAGES) return runAll(s, algorithms);
	const {runJobs} = await import('../experiments/pool.js');
	return runJobs(
		algorithms.map((algorithm) => ({scenario: s, algorithm})),
		{workers},
	);
}
