// A finished sweep as data, and the statistics the chart, table and crossovers share.

import type {Algorithm, MigrationResult, Scenario} from '../core/index.js';
import type {Metric} from './metrics.js';
import type {SweepOptions} from './sweep-options.js';

export interface SweepRun {
	value: number;
	seed: number;
	scenario: Scenario;
	/** One per algorithm, in the sweep's algorithm order. */
	results: MigrationResult[];
}

export interface Sweep {
	options: SweepOptions;
	algorithms: Algorithm[];
	seeds: number[];
	/** The scenario as resolved from the flags, before any point's value. */
	base: Scenario;
	/** Point-major, then seed: runs[point * seeds.length + seedIndex]. */
	runs: SweepRun[];
}

export interface Stat {
	mean: number;
	min: number;
	max: number;
	/** Some run at this point did not complete (aborted or VM lost). */
	incomplete: boolean;
}

/** stats[algorithm][point] of one metric, over the seeds. */
export function statsOf(sweep: Sweep, metric: Metric): Stat[][] {
	const n = sweep.seeds.length;
	return sweep.algorithms.map((_, a) =>
		sweep.options.values.map((_, p) => {
			const rs = sweep.runs.slice(p * n, p * n + n).map((run) => run.results[a]);
			const ys = rs.map(metric.of);
			return {
				mean: ys.reduce((s, y) => s + y, 0) / ys.length,
				min: Math.min(...ys),
				max: Math.max(...ys),
				incomplete: rs.some((r) => r.outcome !== 'completed'),
			};
		}),
	);
}
