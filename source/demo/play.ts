// Playing a race (`livemig race`, `livemig run`): on a terminal the live console, a scenario
// file's title and explanation in its captions row; otherwise (or on TERM=dumb) headless, the JSON report
// (--json) or the summary table.
import {dumbTerminal} from '../basics/terminal-env.js';
import {attachTrace} from '../config/trace-attach.js';
import type {RunOptions} from '../config/run-options.js';
import {buildReport} from '../report/report.js';
import {summaryTable} from '../report/summary.js';
import {runRace} from '../run/headless.js';

export async function playRace(run: RunOptions, json: boolean): Promise<number> {
	await attachTrace(run);
	// A dumb terminal cannot take redrawn frames: it gets the summary, as a pipe does.
	if (!json && process.stdout.isTTY && process.stdin.isTTY && !dumbTerminal(process.env)) return playOnTerminal(run);
	const results = await runRace(run.scenario, run.algorithms);
	if (json) process.stdout.write(`${JSON.stringify(buildReport(run.scenario, results), null, 2)}\n`);
	else process.stdout.write(summaryTable(run.scenario, results));
	return 0;
}

async function playOnTerminal(run: RunOptions): Promise<number> {
	// Imported here: the console loads Ink, and paints its first frame before it does.
	const {startConsole} = await import('../ui/start-console.js');
	if (!run.title && !run.demo) return startConsole(run);
	// A scenario file's title and explanation play in the captions row, as in `livemig demo`.
	return startConsole(run, async () => {
		const [{DemoScript}, {timelineOf}, {realClock}] = await Promise.all([import('./demo-script.js'), import('./timeline.js'), import('../ui/clock.js')]);
		const steps = timelineOf({title: run.title, description: run.description, demo: null});
		return (rendered, dispatch) => {
			const script = new DemoScript(steps, realClock, rendered, dispatch, () => undefined);
			return () => script.stop();
		};
	});
}
