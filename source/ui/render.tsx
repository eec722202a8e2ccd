// Rendering the console: `renderConsole` puts the app on any stdout-like stream (a TTY, or a
// virtual terminal for a recording) and `runConsole` runs it on the user's terminal with
// everything that must be restored afterwards (alternate screen, cursor, raw mode) restored
// on every way out: quit, Ctrl-C, SIGINT, SIGTERM, SIGHUP, SIGQUIT, an uncaught error
// (terminal-guard.ts).
import chalk from 'chalk';
import {type Instance, render, renderToString} from 'ink';
import type {Algorithm, Scenario} from '../core/index.js';
import type {DisplayOptions} from '../basics/display-options.js';
import {ConsoleApp, type ConsoleView} from './app.js';
import {type Clock, createVirtualClock, realClock} from './clock.js';
import {EngineDriver} from './engine-driver.js';
import {clockMs} from './format.js';
import type {Action} from './keys.js';
import {defaultSpeed} from './speed.js';
import {internalErrorText} from '../basics/internal-error.js';
import {CLEAR_HOME} from './terminal.js';
import {guardTerminal, signalExitCodes, type TerminalGuard} from './terminal-guard.js';
import {installInkOutputCache} from './ink-output-cache.js';
import {themeForDisplay, type Theme} from './theme.js';
import {Scoreboard, scoreOf} from './components/Scoreboard.js';
import {renderNow} from './render-now.js';
import {CaptureScreen} from './still/capture-screen.js';
import {type FrameTaken, saveStill} from './still/save.js';

export interface ConsoleRun {
	scenario: Scenario;
	algorithms: Algorithm[];
	display: DisplayOptions;
	/** The scenario file or shipped name, if any: names the stills `s` saves. */
	scenarioName?: string | null;
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
	/** The user quit: 0 for q, 130 for Ctrl-C. */
	onQuit?: (code: number) => void;
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
	/** The heatmap mode and view to start in. */
	view?: ConsoleView;
	/** `s`: save the frame; gets it as Ink drew it (see consoleFrame) and returns the footer's note. */
	onStill?: (still: FrameTaken) => Promise<string>;
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
		// --speed fixes the speed; without it every phase gets its own (pacing.ts).
		pacing: run.display.speed === null,
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
	// Unchanged rows cost next to nothing on the next frame (ink-output-cache.ts).
	installInkOutputCache();
	let shownCaption = options.caption;
	const onStill = options.onStill;
	// The frame is taken at once, so it is the one on screen; the file is written after.
	// Async, so that even a failure to draw it ends in the footer, never in the console's end.
	const still = onStill
		? async (view: ConsoleView) => {
				const columns = options.stdout.columns || 80;
				const rows = options.stdout.rows || 24;
				const frame = consoleFrame({run: options.run, driver, theme, columns, rows, caption: shownCaption, view});
				return onStill({frame, columns, rows, simMs: driver.nowMs});
			}
		: undefined;
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
			view={options.view}
			onStill={still}
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
	const setCaption = (caption: string | null) => {
		shownCaption = caption;
		instance.rerender(element(caption));
	};
	return {instance, driver, theme, setCaption};
}

export interface FrameOptions {
	run: ConsoleRun;
	driver: EngineDriver;
	theme: Theme;
	columns: number;
	rows: number;
	caption?: string | null;
	view?: ConsoleView;
}

/**
 * The console's frame for the driver's state now, as Ink draws it (text and SGR codes), in a
 * terminal of columns x rows: the app itself rendered once into a stand-in screen on a clock
 * that stands still, so nothing moves the driver. Stills are made of it.
 */
export function consoleFrame(o: FrameOptions): string {
	const screen = new CaptureScreen(o.columns, o.rows);
	const rendered = renderNow(() =>
		renderConsole({
			run: o.run,
			stdout: screen as unknown as NodeJS.WriteStream,
			clock: createVirtualClock(0),
			driver: o.driver,
			theme: o.theme,
			input: false,
			caption: o.caption,
			view: o.view,
			debug: true,
			incrementalRendering: false,
		}),
	);
	const frame = screen.frame;
	rendered.instance.unmount();
	return frame;
}

/** The scoreboard (or the standings so far) as text, for the terminal after the console. */
export function finalReport(driver: EngineDriver, theme: Theme, columns: number): string {
	const f = driver.frame(0);
	const scores = f.snapshots.map((s, i) => scoreOf(s, f.results[i]));
	const width = Math.min(columns, 100);
	return renderToString(<Scoreboard theme={theme} scores={scores} width={width} title={f.finished ? 'SCOREBOARD' : `STOPPED AT t ${clockMs(f.simMs)}`} />, {columns: width});
}


export interface RunConsoleOptions {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	env?: NodeJS.ProcessEnv;
	/** Draw on the alternate screen and leave the scoreboard on the normal one. Default: true. */
	alternateScreen?: boolean;
	/**
	 * The caller's guard, set up before it touched the terminal (startConsole: it already
	 * switched to the alternate screen and painted a boot frame). Default: a new one.
	 */
	guard?: TerminalGuard;
	/** The guard already entered the alternate screen. */
	alternateScreenEntered?: boolean;
	theme?: Theme;
	/** A scripted demo: gets the rendered console once it is up (to press keys, set captions). */
	script?: (rendered: RenderedConsole, dispatch: (action: Action) => void) => (() => void) | void;
	/** Start with the captions row (so a demo's first caption does not shift the panels). */
	caption?: string | null;
}

/**
 * Runs the console on the user's terminal until quit, a signal or an error. Returns the
 * exit code: 0 for q, 130 for Ctrl-C, 128+n for signal n, 1 for an error (its message on
 * stderr). The guard (terminal-guard.ts) restores the terminal on every way out.
 */
export async function runConsole(run: ConsoleRun, options: RunConsoleOptions = {}): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const alt = options.alternateScreen ?? true;
	const theme = options.theme ?? themeForDisplay(run.display, options.env);
	const guard = options.guard ?? guardTerminal({stdout, stdin});
	let code = 0;
	let failure: unknown = null;
	let rendered: RenderedConsole | null = null;
	let stopScript: (() => void) | null = null;

	// A signal stops the console the way q does (the standings are printed), with its code.
	guard.onStop((c) => {
		code = c;
		rendered?.instance.unmount();
	});
	guard.beforeRestore(() => rendered?.instance.unmount());
	try {
		// Clear the boot frame in the same breath as Ink's first frame (render() draws at once).
		if (alt && !options.alternateScreenEntered) guard.enterAlternateScreen(CLEAR_HOME);
		else stdout.write(CLEAR_HOME);
		let dispatch: ((action: Action) => void) | null = null;
		rendered = renderConsole({run, stdout, stdin, theme, env: options.env, caption: options.caption, control: (d) => (dispatch = d), onQuit: (c) => (code = c), onStill: (s) => saveStill(run.scenarioName ?? run.algorithms.join('-'), theme.name, s)});
		if (options.script) {
			const r = rendered;
			stopScript = options.script(r, (action) => dispatch?.(action)) ?? null;
		}
		await rendered.instance.waitUntilExit();
	} catch (error) {
		failure = error;
		code = 1;
	} finally {
		stopScript?.();
		guard.onStop(null);
		guard.restore();
	}
	try {
		if (failure) {
			process.stderr.write(internalErrorText(failure));
		} else if (code !== signalExitCodes.SIGHUP && rendered) {
			stdout.write(`${finalReport(rendered.driver, theme, stdout.columns || 80)}\n`);
		}
	} catch {
		// Nothing to print to.
	} finally {
		guard.release();
	}
	return code;
}
