// The watch console on the user's terminal: the terminal guard first (so a signal or an
// error restores the terminal), the alternate screen, Ink, and on the way out the screen
// restored before anything is printed. `ended` lets the caller close the console when the
// migration ends badly (QEMU gone): the error line then lands on a restored terminal.
import {guardTerminal} from '../terminal-guard.js';
import {CLEAR_HOME} from '../terminal.js';
import type {WatchFeed} from './WatchApp.js';

export interface WatchConsoleResult {
	/** The user pressed q (or Ctrl-C); false: closed by `ended` or a signal. */
	quit: boolean;
	/** A signal's exit code (130 for SIGINT, ...), or null. */
	signal: number | null;
}

export async function startWatchConsole(feed: WatchFeed, o: {color: boolean; ascii: boolean; ended: Promise<unknown>}): Promise<WatchConsoleResult> {
	process.env.NODE_ENV ??= 'production';
	const stdout = process.stdout;
	const guard = guardTerminal({stdout, stdin: process.stdin});
	guard.enterAlternateScreen(CLEAR_HOME);
	guard.rawMode();
	const [{render}, React, {WatchApp}] = await Promise.all([import('ink'), import('react'), import('./WatchApp.js')]);
	let quit = false;
	let signal: number | null = null;
	const instance = render(React.createElement(WatchApp, {feed, color: o.color, ascii: o.ascii, onQuit: () => (quit = true)}), {
		stdout,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 10,
	});
	guard.onStop((code) => {
		signal = code;
		instance.unmount();
	});
	guard.beforeRestore(() => instance.unmount());
	// A failure ends the console; its line is the caller's to print once the screen is back.
	o.ended.catch(() => instance.unmount());
	try {
		await instance.waitUntilExit();
	} finally {
		guard.onStop(null);
		guard.restore();
		guard.release();
	}
	return {quit, signal};
}
