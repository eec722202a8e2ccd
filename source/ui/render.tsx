// Rendering the console: `renderConsole` puts the app on any stdout-like stream (a TTY, or a
// virtual terminal for a recording) and `runConsole` runs it on the user's terminal with
// everything that must be restored afterwards (alternate screen, cursor, raw mode) restored
// on every way out: quit, Ctrl-C, SIGTERM, SIGHUP, SIGINT, an uncaught error.
import chalk from 'chalk';
import {type Instance, render, renderToString} from 'ink';
import type {Algorithm, Scenario} from '../core/index.js';
import type {DisplayOptions} from '../cli/resolve.js';
import {ConsoleApp} from './app.js';
import {type Clock, realClock} from './clock.js';
import {EngineDriver} from './engine-driver.js';
import type {Action} from './keys.js';
import {defaultSpeed} from './speed.js';
import {ALT_SCREEN_OFF, ALT_SCREEN_ON, CLEAR_HOME, SHOW_CURSOR} from './terminal.js';
import {themeForDisplay, type Theme} from './theme.js';
import {Scoreboard, scoreOf} from './components/Scoreboard.js';

export interface ConsoleRun {
	scenario: Scenario;
	algorithms: Algorithm[];
	display: DisplayOptions;
}

/** What Ink needs of an output stream; a recording passes its own with columns and rows. */
export type ConsoleStdout = NodeJS.WriteStream;

export interface RenderConsoleOptions {
	run: ConsoleRun;
	stdout: ConsoleStdout;
	stdin?: NodeJS.ReadStream;
	stderr?: NodeJS.WriteStream;
	/** Default: from the display options and the environment (NO_COLOR, locale). */
	theme?: Theme;
	clock?: Clock;
	/** Default: a driver for the run at its speed (or the default speed). */
	driver?: EngineDriver;
	caption?: string | null;
	control?: (dispatch: (action: Action) => void) => void;
	onQuit?: () => void;
	/** Keyboard input; needs a TTY stdin. Default: true. */
	input?: boolean;
	/** Ink's incremental writer (needs the patched ink, see patches/). Default: true. */
	incrementalRendering?: boolean;
	/**
	 * Ink's debug mode: every frame written whole, unthrottled. Under CI (the CI variable
	 * set) Ink otherwise writes only the last frame, at exit: a recording made in CI needs it.
	 */
	debug?: boolean;
	/** Ink's frame throttle; default: the run's --fps. */
	maxFps?: number;
	env?: NodeJS.ProcessEnv;
}

export interface RenderedConsole {
	instance: Instance;
	driver: EngineDriver;
	theme: Theme;
	/** Shows (or with null hides) the captions row: scripted demos. */
	setCaption: (caption: string | null) => void;
}

export function createDriver(run: ConsoleRun, budgetMs?: number): EngineDriver {
	return new EngineDriver({
		scenario: run.scenario,
		algorithms: run.algorithms,
		speed: run.display.speed ?? defaultSpeed(run.scenario),
		budgetMs,
	});
}

/** Renders the live console to a stream. The caller owns the stream's lifetime. */
export function renderConsole(options: RenderConsoleOptions): RenderedConsole {
	const theme = options.theme ?? themeForDisplay(options.run.display, options.env);
	// Ink's border colours go through the global chalk: keep it at the theme's depth.
	chalk.level = theme.chalk.level;
	const driver = options.driver ?? createDriver(options.run);
	const fps = options.run.display.fps;
	const element = (caption: string | null | undefined) => (
		<ConsoleApp
			driver={driver}
			theme={theme}
			fps={fps}
			clock={options.clock ?? realClock}
			caption={caption}
			control={options.control}
			onQuit={options.onQuit}
			input={options.input ?? true}
		/>
	);
	const instance = render(element(options.caption), {
		stdout: options.stdout,
		// Only when given: Ink's own defaults apply to keys that are absent, not undefined.
		...(options.stdin ? {stdin: options.stdin} : {}),
		...(options.stderr ? {stderr: options.stderr} : {}),
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: options.maxFps ?? fps,
		incrementalRendering: options.incrementalRendering ?? true,
		debug: options.debug ?? false,
	});
	const setCaption = (caption: string | null) => instance.rerender(element(caption));
	return {instance, driver, theme, setCaption};
}

/** The scoreboard (or the standings so far) as text, for the terminal after the console. */
export function finalReport(driver: EngineDriver, theme: Theme, columns: number): string {
	const f = driver.frame(0);
	const scores = f.snapshots.map((s, i) => scoreOf(s, f.results[i]));
	const width = Math.min(columns, 100);
	return renderToString(<Scoreboard theme={theme} scores={scores} width={width} title={f.finished ? 'SCOREBOARD' : `STOPPED AT t ${(f.simMs / 1000).toFixed(2)} s`} />, {columns: width});
}


const signals = {SIGINT: 2, SIGHUP: 1, SIGTERM: 15} as const;

export interface RunConsoleOptions {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	env?: NodeJS.ProcessEnv;
	/** Draw on the alternate screen and leave the scoreboard on the normal one. Default: true. */
	alternateScreen?: boolean;
	/** The caller already switched to the alternate screen (and painted a boot frame). */
	alternateScreenEntered?: boolean;
	theme?: Theme;
	/** A scripted demo: gets the rendered console once it is up (to press keys, set captions). */
	script?: (rendered: RenderedConsole, dispatch: (action: Action) => void) => (() => void) | void;
	/** Start with the captions row (so a demo's first caption does not shift the panels). */
	caption?: string | null;
}

/**
 * Runs the console on the user's terminal until quit, a signal or an error. Returns the
 * exit code: 0 for quit, 128+n for signal n, 1 for an error (its message on stderr).
 */
export async function runConsole(run: ConsoleRun, options: RunConsoleOptions = {}): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const alt = options.alternateScreen ?? true;
	const theme = options.theme ?? themeForDisplay(run.display, options.env);
	let code = 0;
	let failure: unknown = null;
	let rendered: RenderedConsole | null = null;
	let restored = false;
	let stopScript: (() => void) | null = null;

	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			rendered?.instance.unmount();
		} catch {
			// Unmounting a broken tree may throw; the terminal still gets restored below.
		}
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		} catch {
			// stdin may be gone (SIGHUP).
		}
		stdin.pause();
		try {
			stdout.write((alt ? ALT_SCREEN_OFF : '') + SHOW_CURSOR);
		} catch {
			// The terminal may be gone (SIGHUP).
		}
	};
	const onSignal = (signal: NodeJS.Signals) => {
		code = 128 + signals[signal as keyof typeof signals];
		rendered?.instance.unmount();
	};
	const onError = (error: unknown) => {
		failure = error;
		code = 1;
		restore();
	};
	for (const s of Object.keys(signals)) process.on(s, onSignal);
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);
	try {
		// Clear the boot frame in the same breath as Ink's first frame (render() draws at once).
		stdout.write((alt && !options.alternateScreenEntered ? ALT_SCREEN_ON : '') + CLEAR_HOME);
		let dispatch: ((action: Action) => void) | null = null;
		rendered = renderConsole({run, stdout, stdin, theme, env: options.env, caption: options.caption, control: (d) => (dispatch = d)});
		if (options.script) {
			const r = rendered;
			stopScript = options.script(r, (action) => dispatch?.(action)) ?? null;
		}
		await rendered.instance.waitUntilExit();
	} catch (error) {
		failure ??= error;
		code = 1;
	} finally {
		stopScript?.();
		restore();
		for (const s of Object.keys(signals)) process.off(s, onSignal);
		process.off('uncaughtException', onError);
		process.off('unhandledRejection', onError);
	}
	if (failure) {
		const message = failure instanceof Error ? failure.message : String(failure);
		process.stderr.write(`livemig: internal error: ${message}\n`);
		if (process.env.LIVEMIG_DEBUG && failure instanceof Error) process.stderr.write(`${failure.stack}\n`);
	} else if (code !== 128 + signals.SIGHUP && rendered) {
		try {
			stdout.write(`${finalReport(rendered.driver, theme, stdout.columns || 80)}\n`);
		} catch {
			// Nothing to print to.
		}
	}
	return code;
}
