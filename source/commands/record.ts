import {registerHandler, type Invocation} from '../cli/main.js';
import {UsageError} from '../basics/errors.js';
import {type RunOptions, resolveWithScenario} from '../config/run-options.js';
import {parseCount, parseOrRefuse} from '../basics/units.js';
import {openOutput} from '../basics/output.js';
import {attachTrace} from '../config/trace-attach.js';
import {actionOfKey} from '../demo/demo-script.js';
import {timelineOf} from '../demo/timeline.js';


async function demoRun(inv: Invocation, command: string): Promise<RunOptions> {
	const [name, extra] = inv.input;
	if (!name) throw new UsageError(`${command}: needs a demo: a shipped name (livemig scenarios) or a file`);
	if (extra) throw new UsageError(`${command}: unexpected argument "${extra}"`);
	const run = await resolveWithScenario(inv.flags, inv.argv, name);
	await attachTrace(run);
	const timeline = timelineOf(run);
	for (const step of timeline)
		if ('key' in step && !actionOfKey(step.key)) throw new UsageError(`${run.scenarioName}: demo.timeline: no key "${step.key}" (see the console's ? help)`);
	run.demo = {...run.demo, timeline};
	return run;
}

registerHandler('demo', async (inv) => {
	const run = await demoRun(inv, 'demo');
	if (!process.stdout.isTTY || !process.stdin.isTTY)
		throw new UsageError('demo: needs a terminal (to make a file, use livemig record NAME --out FILE)');
	process.env.NODE_ENV ??= 'production';
	// Before anything else, as for the console: signals and errors restore the terminal.
	const guard = (await import('../ui/terminal-guard.js')).guardTerminal({stdout: process.stdout, stdin: process.stdin});
	const [{runConsole}, {playSchedule}, {schedule}, {realClock}] = await Promise.all([
		import('../ui/render.js'),
		import('../demo/demo-script.js'),
		import('../demo/timeline.js'),
		import('../ui/clock.js'),
	]);
	const plan = schedule(run.demo!.timeline);
	return runConsole(run, {
		guard,
		caption: '',
		script: (rendered, dispatch) => playSchedule(plan, realClock, rendered, dispatch, () => dispatch('quit')),
	});
});

function intFlag(inv: Invocation, key: string, min: number, max: number): number | undefined {
	const v = inv.flags[key];
	if (v === undefined) return undefined;
	const n = parseOrRefuse(`--${key}`, () => parseCount(String(v), {integer: true, min}));
	if (n > max) throw new UsageError(`--${key}: must be at most ${max}, got ${n}`);
	return n;
}

registerHandler('record', async (inv) => {
	const out = inv.flags.out;
	if (typeof out !== 'string' || out === '') throw new UsageError('--out: record needs --out FILE.cast (or --out - for stdout)');
	const run = await demoRun(inv, 'record');
	const cols = intFlag(inv, 'cols', 40, 400) ?? run.demo?.cols ?? 100;
	const rows = intFlag(inv, 'rows', 12, 200) ?? run.demo?.rows ?? 30;
	const timestamp = intFlag(inv, 'timestamp', 0, 2 ** 40) ?? Math.floor(Date.now() / 1000);
	// Checked before the recording, which takes seconds.
	const output = await openOutput(out, '--out');
	// React's development build renders differently; a recording must not depend on the
	// environment it was made in.
	process.env.NODE_ENV = 'production';
	const {recordDemo} = await import('../demo/record.js');
	const started = performance.now();
	// 10 frames a second unless --fps says otherwise: smooth enough to watch, quick to render.
	const fps = inv.flags.fps === undefined ? 10 : run.display.fps;
	const cast = await recordDemo(run, {cols, rows, fps, timestamp});
	await output.write(cast.text());
	const seconds = (performance.now() - started) / 1000;
	process.stderr.write(`livemig: recorded ${cast.duration.toFixed(1)} s of ${run.scenarioName} (${cols}x${rows}, ${cast.eventCount} frames) in ${seconds.toFixed(2)} s to ${output.name}\n`);
	return 0;
});
