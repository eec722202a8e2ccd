import type {Resolved} from '../config/resolve.js';
import type {RunOptions} from '../config/run-options.js';
import {bootFrame} from './boot-frame.js';
import {defaultSpeed} from './speed.js';
import {HOME} from './terminal.js';
import {guardTerminal} from './terminal-guard.js';
import {themeForDisplay} from './theme.js';

/**
 * The live console on the user's terminal (stdout and stdin are TTYs). Returns the exit
 * code: 0 when the user quits. See render.tsx for what is restored on the way out.
 */
export async function startConsole(run: Resolved & Partial<Pick<RunOptions, 'title' | 'description' | 'demo'>>): Promise<number> {
	// React's development build checks every render (several times the CPU) and loads
	// slower: use the production build unless the user asked otherwise. This must happen
	// before react is first imported, hence the dynamic import below.
	process.env.NODE_ENV ??= 'production';
	const stdout = process.stdout;
	// First, before the terminal changes at all: whatever ends the process from here on (a
	// signal, an error while Ink loads) finds the way back.
	const guard = guardTerminal({stdout, stdin: process.stdin});
	const theme = themeForDisplay(run.display);
	// Ink and React take about a third of a second to load: paint the frame's outline first.
	const boot = bootFrame(theme, {columns: stdout.columns || 80, rows: stdout.rows || 24}, run.scenario, run.algorithms, run.display.speed ?? defaultSpeed(run.scenario));
	guard.enterAlternateScreen(HOME + (boot ? `${boot}${HOME}` : ''));
	// Keys typed while Ink loads must not echo over the frame; Ink reads them once it is up.
	guard.rawMode();
	const {runConsole} = await import('./render.js');
	if (!run.title && !run.demo) return runConsole(run, {guard, alternateScreenEntered: true, theme});
	// A scenario file's title and explanation play in the captions row, as in `livemig demo`.
	const [{playSchedule}, {schedule, timelineOf}, {realClock}] = await Promise.all([
		import('../demo/demo-script.js'),
		import('../demo/timeline.js'),
		import('./clock.js'),
	]);
	const plan = schedule(timelineOf({title: run.title ?? null, description: run.description ?? null, demo: null}));
	return runConsole(run, {
		guard,
		alternateScreenEntered: true,
		theme,
		caption: '',
		script: (rendered, dispatch) => playSchedule(plan, realClock, rendered, dispatch, () => undefined),
	});
}
