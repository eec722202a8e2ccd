import type {ConsoleRun, RunConsoleOptions} from './render.js';
import {bootFrame} from './boot-frame.js';
import {defaultSpeed} from './speed.js';
import {HOME} from './terminal.js';
import {guardTerminal} from './terminal-guard.js';
import {themeForDisplay} from './theme.js';

/** What plays on the console while it runs (demo/: a scenario's captions); loaded once Ink is. */
export type LoadScript = () => Promise<NonNullable<RunConsoleOptions['script']>>;

/**
 * The live console on the user's terminal (stdout and stdin are TTYs). Returns the exit
 * code: 0 when the user quits. See render.tsx for what is restored on the way out.
 */
export async function startConsole(run: ConsoleRun, loadScript?: LoadScript): Promise<number> {
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
	if (!loadScript) return runConsole(run, {guard, alternateScreenEntered: true, theme});
	// The script starts with the captions row shown, so its first caption does not shift the panels.
	return runConsole(run, {guard, alternateScreenEntered: true, theme, caption: '', script: await loadScript()});
}
