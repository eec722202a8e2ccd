// `livemig demo NAME|FILE` and `livemig record NAME|FILE`: the demo's scenario resolved with
// its timeline checked, and the demo played live on the user's terminal.
import {UsageError} from '../basics/errors.js';
import {dumbTerminal} from '../basics/terminal-env.js';
import type {Invocation} from '../config/command.js';
import {type RunOptions, resolveWithScenario} from '../config/run-options.js';
import {attachTrace} from '../config/trace-attach.js';
import {actionOfKey} from './demo-script.js';
import {timelineOf} from './timeline.js';

/** The run a demo file (or shipped name) describes, flags on top; every timeline key known. */
export async function demoRun(inv: Invocation): Promise<RunOptions> {
	const [name, extra] = inv.input;
	if (!name) throw new UsageError(`${inv.command}: needs a demo: a shipped name (livemig scenarios) or a file`);
	if (extra) throw new UsageError(`${inv.command}: unexpected argument "${extra}"`);
	const run = await resolveWithScenario(inv.flags, inv.given, name);
	await attachTrace(run);
	const timeline = timelineOf(run);
	timeline.forEach((step, i) => {
		if (!('key' in step)) return;
		const action = actionOfKey(step.key);
		const where = `${run.scenarioName}: demo.timeline.${i}`;
		if (!action) throw new UsageError(`${where}: no key "${step.key}" (see the console's ? help)`);
		// A key toggles whatever state the lecturer left: say what is wanted instead.
		if (action === 'pause') throw new UsageError(`${where}: "${step.key}" toggles; use {"pause": true} and {"resume": true}`);
	});
	run.demo = {...run.demo, timeline};
	return run;
}

/** Plays the demo on the console in real time; keys still work, q ends it. */
export async function playDemo(run: RunOptions): Promise<number> {
	if (!process.stdout.isTTY || !process.stdin.isTTY)
		throw new UsageError('demo: needs a terminal (to make a file, use livemig record NAME --out FILE)');
	if (dumbTerminal(process.env)) throw new UsageError('demo: TERM=dumb cannot redraw the screen (to make a file, use livemig record NAME --out FILE)');
	process.env.NODE_ENV ??= 'production';
	// Before anything else, as for the console: signals and errors restore the terminal.
	const guard = (await import('../ui/terminal-guard.js')).guardTerminal({stdout: process.stdout, stdin: process.stdin});
	const [{runConsole}, {DemoScript}, {realClock}] = await Promise.all([import('../ui/render.js'), import('./demo-script.js'), import('../ui/clock.js')]);
	return runConsole(run, {
		guard,
		caption: '',
		script: (rendered, dispatch) => {
			const script = new DemoScript(run.demo!.timeline, realClock, rendered, dispatch, () => dispatch('quit'));
			return () => script.stop();
		},
	});
}
