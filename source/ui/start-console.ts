import type {Resolved} from '../cli/resolve.js';
import {summaryTable} from '../report/summary.js';
import {runAll} from '../run/headless.js';

/** Placeholder until the console lands: prints the summary. Returns the exit code. */
export async function startConsole(run: Resolved): Promise<number> {
	process.stdout.write(summaryTable(run.scenario, runAll(run.scenario, run.algorithms)));
	return 0;
}
