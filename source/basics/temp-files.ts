// Temporary files that must not outlive the process: removed on every way out — normal
// exit, process.exit from an error, an uncaught exception, and SIGINT, SIGTERM or SIGHUP
// (which would otherwise kill the process without running any 'exit' hook).

import {rmSync} from 'node:fs';
import {constants} from 'node:os';

const pending = new Set<string>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let exitHooked = false;

function removeAll(): void {
	for (const file of pending) rmSync(file, {force: true});
	pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
	removeAll();
	// Another listener (the interactive console's) decides how to end; alone, end as the
	// signal asks, with the shell's 128+n.
	if (process.listenerCount(signal) === 1) process.exit(128 + constants.signals[signal]);
}

/** Removes `file` on any way out until released; the signal handlers live only meanwhile. */
export function holdTemp(file: string): void {
	if (!exitHooked) {
		process.on('exit', removeAll);
		exitHooked = true;
	}
	if (pending.size === 0) for (const s of signals) process.on(s, onSignal);
	pending.add(file);
}

/** The file was renamed into place or removed: stop watching it. */
export function releaseTemp(file: string): void {
	if (!pending.delete(file)) return;
	if (pending.size === 0) for (const s of signals) process.off(s, onSignal);
}
