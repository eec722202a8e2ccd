// `livemig snapshot --at T`: the console's frame at simulated time T as an SVG still. The
// core is deterministic, so the frame at T is a fresh race stepped to T (the driver's seek,
// as `[` `]` `<` `>` do), drawn by the console itself (render.tsx consoleFrame); nothing
// here reads the wall clock, the locale or the terminal, so the same flags give the same bytes.
import type {MigrationEvent} from '../../core/index.js';
import {UsageError} from '../../basics/errors.js';
import {parseDuration, parseOrRefuse} from '../../basics/units.js';
import type {EngineDriver} from '../engine-driver.js';
import {LAND_MS} from '../event-nav.js';
import {clockMs} from '../format.js';
import {type ConsoleRun, consoleFrame, createDriver} from '../render.js';
import {createTheme} from '../theme.js';
import {stillSvg} from './still.js';

/** The events `--at` may name: the first of them in any run (a round's start and end are too many to name). */
export const stillEvents = ['stop', 'vm-paused', 'switchover', 'first-fault', 'link-down', 'link-up', 'throttle', 'not-converging', 'postcopy-paused', 'postcopy-resumed'] as const satisfies readonly MigrationEvent['type'][];
type StillEvent = (typeof stillEvents)[number];

export type StillTime = {kind: 'time'; ms: number} | {kind: 'end'} | {kind: 'event'; type: StillEvent};

/** `--at`: a time (`20s`, `0`), `end`, or an event's name. */
export function parseStillTime(raw: string): StillTime {
	const at = raw.trim();
	if (at === 'end') return {kind: 'end'};
	if ((stillEvents as readonly string[]).includes(at)) return {kind: 'event', type: at as StillEvent};
	if (/^[a-z][a-z-]*$/.test(at)) throw new UsageError(`--at: must be a time like 20s, end, or an event (${stillEvents.join(', ')}), got "${raw}"`);
	return {kind: 'time', ms: parseOrRefuse('--at', () => parseDuration(at, {allowZero: true}))};
}

/** Puts the driver at `at`: a time, the end, or just past the first event of a kind (every run played to its end to find it). */
export function seekStill(driver: EngineDriver, at: StillTime): void {
	if (at.kind === 'time') return driver.seek(at.ms);
	driver.seekEnd();
	if (at.kind === 'end') return;
	const times = driver
		.frame(0)
		.events.flatMap((list) => list.filter((e) => e.type === at.type))
		.map((e) => e.t);
	if (times.length === 0) throw new UsageError(`--at: no run has a ${at.type} event in this scenario`);
	driver.seek(Math.min(...times) + LAND_MS);
}

export interface SnapshotOptions {
	columns: number;
	rows: number;
}

/** The SVG still of the race `run` at `at`. */
export async function snapshotSvg(run: ConsoleRun, at: StillTime, options: SnapshotOptions): Promise<string> {
	// From the flags alone: the still's theme is --theme (default dark), never this terminal's.
	const theme = createTheme({color: run.display.color, ascii: run.display.ascii, theme: run.display.theme ?? 'dark', level: 2, env: {LANG: 'en_US.UTF-8'}});
	const driver = createDriver(run, Infinity);
	seekStill(driver, at);
	const frame = consoleFrame({run, driver, theme, columns: options.columns, rows: options.rows});
	return stillSvg(frame, {columns: options.columns, rows: options.rows, theme: theme.name, title: `livemig at ${clockMs(driver.nowMs)}`});
}
