import type {RunOptions} from '../config/run-options.js';
import {createVirtualClock} from '../ui/clock.js';
import type {Action} from '../ui/keys.js';
import {createDriver, renderConsole} from '../ui/render.js';
import {renderNow} from '../ui/render-now.js';
import {createTheme} from '../ui/theme.js';
import {Cast} from './asciicast.js';
import {type CaptionShown, DemoScript} from './demo-script.js';
import {FrameScreen} from './frame-screen.js';

export interface RecordOptions {
	cols: number;
	rows: number;
	/** Frames per second of the recording. */
	fps: number;
	/** The header's Unix time. */
	timestamp: number;
	/** Seconds the final screen stays after everything finished (and the timeline is done). */
	holdSeconds?: number;
	/** Give up after this many seconds of demo time. */
	maxSeconds?: number;
	/** Told of every caption as it shows (tests check it against its event). */
	onCaption?: (c: CaptionShown) => void;
}

/**
 * Between frames, lets the process see its events (a signal, a closed pipe). Not for React:
 * each frame is rendered within clock.advance (renderNow), never by waiting.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Renders a demo to asciicast on a virtual clock: the console's own views in a virtual
 * terminal, the timeline played against the same clock, no waiting in real time. Nothing
 * here reads the wall clock or the machine's terminal, so the same demo and seed give the
 * same file.
 */
export async function recordDemo(run: RunOptions, options: RecordOptions): Promise<Cast> {
	const cast = new Cast({width: options.cols, height: options.rows, timestamp: options.timestamp, title: run.title ?? undefined});
	// Each step of the clock renders what its timers changed before it returns: a frame
	// waited for in real time would be dropped or merged when the machine is busy.
	const clock = createVirtualClock(0, {step: renderNow});
	const screen = new FrameScreen(options.cols, options.rows, (data) => cast.output(clock.now() / 1000, data));
	// Colour and glyphs from the flags alone, never from this machine's locale or terminal.
	const theme = createTheme({color: run.display.color, ascii: run.display.ascii, theme: run.display.theme, level: 2, env: {LANG: 'en_US.UTF-8'}});
	const driver = createDriver(run, Infinity);
	let dispatch: ((action: Action) => void) | null = null;
	let ended = false;
	const rendered = renderNow(() =>
		renderConsole({
			run,
			stdout: screen as unknown as NodeJS.WriteStream,
			clock,
			driver,
			theme,
			input: false,
			caption: '',
			control: (d) => (dispatch = d),
			onQuit: () => (ended = true),
			debug: true,
			incrementalRendering: false,
			env: {LANG: 'en_US.UTF-8'},
		}),
	);
	const script = new DemoScript(run.demo?.timeline ?? [], clock, rendered, (a) => dispatch?.(a), () => (ended = true), options.onCaption);

	const frameMs = 1000 / options.fps;
	const holdMs = (options.holdSeconds ?? 3) * 1000;
	const maxMs = (options.maxSeconds ?? 600) * 1000;
	let doneAt: number | null = null;
	while (!ended && clock.now() < maxMs) {
		clock.advance(frameMs);
		await breathe();
		if (driver.finished && script.done) doneAt ??= clock.now();
		if (doneAt !== null && clock.now() - doneAt >= holdMs) break;
	}
	script.stop();
	screen.freeze();
	rendered.instance.unmount();
	screen.finish();
	return cast;
}
