// One migration run to its end, with hybrid forked off it when asked: the sequence every
// runner shares (the headless race here or on a worker, a sweep's jobs), kept apart from
// pool.ts so a small race loads no worker threads.
import {type Algorithm, createMigration, type MemoryLayout, type MigrationResult, type Scenario} from '../core/index.js';

export interface JobOutput {
	result: MigrationResult;
	/** Hybrid's result when the job forked it. */
	forked: MigrationResult | null;
}

/** `layout`: one already built for `scenario` (a race shares it); `forkHybrid`: pre-copy only. */
export function runOne(scenario: Scenario, algorithm: Algorithm, forkHybrid = false, layout?: MemoryLayout): JobOutput {
	let forked: MigrationResult | null = null;
	const m = createMigration(scenario, algorithm, {
		layout,
		// The fork runs to its end at once, so no more than two engines are ever alive.
		onHybridFork: forkHybrid
			? (hybrid) => {
					forked = hybrid.run();
					hybrid.dispose();
				}
			: undefined,
	});
	const result = m.run();
	m.dispose();
	// Pre-copy ended inside its round 0 (a link failure, a cancel): there was no fork, and
	// hybrid, the same simulation up to there, runs on its own.
	if (forkHybrid && forked === null) {
		const hybrid = createMigration(scenario, 'hybrid', {layout});
		forked = hybrid.run();
		hybrid.dispose();
	}
	return {result, forked};
}
