// Keeps the user's terminal usable however the console ends. It is set up before anything
// changes the terminal (alternate screen, hidden cursor, raw mode) and only changes it
// through here, so from the first byte a signal or an uncaught error undoes exactly what
// was done: a console killed while Ink still loads leaves the shell as it found it.
// Deliberately small and free of Ink and React: it must load before them.
import {internalErrorText} from '../basics/internal-error.js';
import {ALT_SCREEN_OFF, ALT_SCREEN_ON, HIDE_CURSOR, RESET_ATTRIBUTES, SHOW_CURSOR} from './terminal.js';

/** Exit status by convention: 128 + the signal's number. */
export const signalExitCodes = {SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143} as const;
const guardedSignals = Object.keys(signalExitCodes) as Array<keyof typeof signalExitCodes>;

/** How long a console asked to stop (a signal) may take before the guard exits anyway. */
const STOP_GRACE_MS = 2000;

export interface TerminalGuard {
	/** Switches to the alternate screen with the cursor hidden, then writes `then`. */
	enterAlternateScreen(then?: string): void;
	/** Raw mode on stdin, so keys do not echo (restore turns it off). */
	rawMode(): void;
	/** Runs first on the way out (to unmount Ink); what it throws is ignored. */
	beforeRestore(fn: (() => void) | null): void;
	/**
	 * While set, a first signal asks the console to stop with the signal's exit code (it then
	 * restores and prints its standings). Unset, or on a second signal, the guard restores
	 * the terminal and exits at once.
	 */
	onStop(fn: ((code: number) => void) | null): void;
	/** Leaves the alternate screen, shows the cursor, resets colours, turns raw mode off. Idempotent. */
	restore(): void;
	/** Removes the handlers: after a normal end, once restored. */
	release(): void;
}

export interface GuardOptions {
	stdout: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	/** Where "livemig: internal error: ..." goes. Default: process.stderr. */
	stderr?: NodeJS.WriteStream;
	/** Ends the process. Default: process.exit. */
	exit?: (code: number) => void;
}

/** Installs the handlers (signals, uncaught errors) now; call before touching the terminal. */
export function guardTerminal(options: GuardOptions): TerminalGuard {
	const {stdout, stdin} = options;
	const stderr = options.stderr ?? process.stderr;
	const exit = options.exit ?? ((code: number) => process.exit(code));
	let inAlternateScreen = false;
	/** Something changed the terminal (or a console that may have is up): restore has work. */
	let touched = false;
	let cleanup: (() => void) | null = null;
	let stop: ((code: number) => void) | null = null;
	let stopping = false;
	let hungUp = false;

	const write = (s: string) => {
		try {
			stdout.write(s);
		} catch {
			// The terminal may be gone (SIGHUP).
		}
	};
	const restore = () => {
		if (!touched) return;
		touched = false;
		const fn = cleanup;
		cleanup = null;
		try {
			fn?.();
		} catch {
			// Unmounting a broken tree may throw; the terminal is restored all the same.
		}
		try {
			// Ink turns raw mode on by itself too: whoever did, it goes off here.
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		} catch {
			// stdin may be gone (SIGHUP).
		}
		stdin.pause();
		write(RESET_ATTRIBUTES + (inAlternateScreen ? ALT_SCREEN_OFF : '') + SHOW_CURSOR);
		inAlternateScreen = false;
	};
	const exitNow = (code: number) => {
		restore();
		release();
		exit(code);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		const code = signalExitCodes[signal as keyof typeof signalExitCodes] ?? 1;
		if (signal === 'SIGHUP') hungUp = true;
		if (!stop || stopping) return exitNow(code);
		stopping = true;
		// Should the console not end by itself, the terminal is still restored.
		setTimeout(() => exitNow(code), STOP_GRACE_MS).unref();
		stop(code);
	};
	const onError = (error: unknown) => {
		// After a hangup, writes to the vanished terminal fail (EIO): that is the hangup, not a bug.
		if (hungUp) return exitNow(signalExitCodes.SIGHUP);
		restore();
		try {
			stderr.write(internalErrorText(error));
		} catch {
			// Nowhere to say it.
		}
		release();
		exit(1);
	};
	const release = () => {
		process.off('exit', restore);
		for (const s of guardedSignals) process.off(s, onSignal);
		process.off('uncaughtException', onError);
		process.off('unhandledRejection', onError);
	};
	for (const s of guardedSignals) process.on(s, onSignal);
	// Whoever ends the process (a stdout write error in basics/stdio.ts, a process.exit
	// anywhere), the terminal is restored on the way out: terminal writes are synchronous.
	process.on('exit', restore);
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);

	return {
		enterAlternateScreen(then = '') {
			touched = true;
			inAlternateScreen = true;
			write(ALT_SCREEN_ON + HIDE_CURSOR + then);
		},
		rawMode() {
			if (!stdin.isTTY) return;
			touched = true;
			stdin.setRawMode(true);
		},
		beforeRestore(fn) {
			if (fn) touched = true;
			cleanup = fn;
		},
		onStop(fn) {
			stop = fn;
		},
		restore,
		release,
	};
}
