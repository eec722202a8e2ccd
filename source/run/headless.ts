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
