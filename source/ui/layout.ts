// Pure functions from terminal size to panel sizes. No Ink here, so every size can be
// unit-tested. The live frame is at most rows-1 high: when Ink's frame reaches the
// terminal's height it clears the whole screen on every frame (flicker, lost scrollback).

export interface Size {
	columns: number;
	rows: number;
}

/** tall: panels side by side, sections stacked; wide: panels stacked, rounds beside heatmap. */
export type PanelShape = 'tall' | 'wide';

export interface PanelBox {
	width: number;
	height: number;
	shape: PanelShape;
	/** What the heatmap can show: rows beyond it would repeat blocks (default: no limit). */
	heat?: HeatSource;
	/** Rows the rounds section would fill (the longest staircase of the race); default: a share. */
	rounds?: number;
}

/** The heatmap's resolution: distinct blocks memory has (core cellCountFor), blocks per character. */
export interface HeatSource {
	cells: number;
	perChar: 1 | 2;
}

/** Character rows a heatmap `cols` wide can fill with distinct blocks. */
export function usefulHeatRows(heat: HeatSource | undefined, cols: number): number {
	if (!heat || cols <= 0) return Number.POSITIVE_INFINITY;
	return Math.max(1, Math.ceil(heat.cells / (cols * heat.perChar)));
}

export interface ScreenLayout {
	fits: boolean;
	/** When it does not fit: the smallest size that would. */
	need: Size;
	direction: 'row' | 'column';
	panel: PanelBox;
	/** Rows of the main area (between title and footer). */
	mainRows: number;
	showPanels: boolean;
	scoreboardRows: number;
	/** Total rows of the frame (<= rows - 1). */
	frameRows: number;
	/** Rows of the shared event strip (0: none; the panels show their own logs, or nothing). */
	stripRows: number;
	/** Rows of the timeline strip under the panels (0: no room). */
	timelineRows: number;
}

export interface PanelInner {
	/** Content width inside border and padding. */
	width: number;
	/** Content rows inside the borders (the title sits in the top border). */
	rows: number;
	/** Downtime and stall counters on one line (wide enough) or two. */
	counterRows: 1 | 2;
	/** Phase and counters share one line (wide shape). */
	phaseWithCounters: boolean;
	/** Rounds table: rows for rounds, plus a column header row when roundHeader. */
	roundRows: number;
	roundHeader: boolean;
	roundsWidth: number;
	/** Heatmap character rows and columns (0 rows: no heatmap); the legend takes one more row. */
	heatRows: number;
	heatCols: number;
	/** Wide shape: heatmap to the right of the rounds. */
	heatBeside: boolean;
	/** Rows of the panel's event log, under the counters (0: no room; the screen's strip shows events). */
	logRows: number;
}

/** Frame rows the title bar, the footer and an optional caption take. */
export const CHROME_ROWS = 2;

const TALL_MIN_WIDTH = 38;
const TALL_MIN_ROWS = 10;
const WIDE_MIN_WIDTH = 64;
const WIDE_MIN_ROWS = 5;
/** The fewest heatmap rows worth drawing in a tall panel (and its floor beside a long staircase). */
const MIN_HEAT = 3;

export interface ScreenOptions {
	panels: number;
	/** Rows the scoreboard needs when it shows (0: not shown). */
	scoreboardRows?: number;
	/** A captions row for scripted demos. */
	caption?: boolean;
	/** Rows of the shared event strip above the footer, for panels with no room for their own log. */
	strip?: number;
	/** The heatmap's resolution, so a panel gives it no more rows than it can fill. */
	heat?: HeatSource;
	/** Rows the rounds would fill: they come first, the heatmap takes what is left. */
	rounds?: number;
	/** Rows of the timeline strip under the panels. */
	timeline?: number;
}

/**
 * Rows of the captions row: a demo's sentences run to 230 characters and wrap at words, so
 * two rows under 160 columns (the rare longer one ends at a word with an ellipsis).
 */
export function captionRows(columns: number): number {
	return columns < 160 ? 2 : 1;
}

/** Rows of a compacted panel at the finish: its title border, the outcome line, the bottom border. */
export const COMPACT_PANEL_ROWS = 3;

export function screenLayout(size: Size, options: ScreenOptions): ScreenLayout {
	const n = Math.max(1, options.panels);
	const columns = Math.max(0, Math.floor(size.columns));
	const frameRows = Math.max(0, Math.floor(size.rows) - 1);
	const chrome = CHROME_ROWS + (options.caption ? captionRows(columns) : 0) + (options.strip ?? 0) + (options.timeline ?? 0);
	const mainRows = frameRows - chrome;
	const tallWidth = Math.floor(columns / n);
	const tall = tallWidth >= TALL_MIN_WIDTH && mainRows >= TALL_MIN_ROWS;
	const wide = !tall && columns >= WIDE_MIN_WIDTH && Math.floor(mainRows / n) >= WIDE_MIN_ROWS;
	const need: Size =
		n === 1
			? {columns: TALL_MIN_WIDTH, rows: TALL_MIN_ROWS + chrome + 1}
			: columns >= TALL_MIN_WIDTH * n
				? {columns: TALL_MIN_WIDTH * n, rows: TALL_MIN_ROWS + chrome + 1}
				: {columns: WIDE_MIN_WIDTH, rows: WIDE_MIN_ROWS * n + chrome + 1};
	const fits = tall || wide;
	const direction = tall ? 'row' : 'column';
	let panelHeight = tall ? mainRows : Math.floor(mainRows / n);
	let scoreboardRows = 0;
	let showPanels = fits;
	const sb = options.scoreboardRows ?? 0;
	if (fits && sb > 0) {
		// At the finish the scoreboard takes its rows; panels keep what is left, if enough.
		scoreboardRows = Math.min(sb, mainRows);
		const left = mainRows - scoreboardRows;
		panelHeight = tall ? left : Math.floor(left / n);
		showPanels = panelHeight >= (tall ? 7 : 4);
		if (!showPanels && columns >= WIDE_MIN_WIDTH && left >= COMPACT_PANEL_ROWS * n) {
			// Compacted: each panel keeps its name, clock and outcome, stacked above the scoreboard.
			return {
				fits,
				need,
				direction: 'column',
				panel: {width: columns, height: COMPACT_PANEL_ROWS, shape: 'wide', heat: options.heat, rounds: options.rounds},
				mainRows: Math.max(0, mainRows),
				showPanels: true,
				scoreboardRows,
				frameRows,
				stripRows: options.strip ?? 0,
				timelineRows: options.timeline ?? 0,
			};
		}
	}
	return {
		fits,
		need,
		direction,
		panel: {width: tall ? tallWidth : columns, height: Math.max(0, panelHeight), shape: tall ? 'tall' : 'wide', heat: options.heat, rounds: options.rounds},
		mainRows: Math.max(0, mainRows),
		showPanels,
		scoreboardRows,
		frameRows,
		stripRows: options.strip ?? 0,
		timelineRows: options.timeline ?? 0,
	};
}

/** Rows the shared event strip takes when panels have no log of their own. */
const STRIP_ROWS = 2;

/**
 * The screen with the event log placed: in each panel when its layout has room, else in a
 * shared strip above the footer (two rows, or one) if the panels still fit beside it; when
 * the scoreboard has taken the panels' place, a strip of a row per run (their outcomes).
 */
export function screenWithLog(size: Size, options: Omit<ScreenOptions, 'strip'>): ScreenLayout {
	const plain = screenLayout(size, options);
	if (plain.fits && !plain.showPanels) {
		// The scoreboard took the panels' rows: a row per run below it, for the outcomes.
		const strip = Math.min(options.panels, plain.mainRows - plain.scoreboardRows - 1);
		const l = strip > 0 ? screenLayout(size, {...options, strip}) : plain;
		return l.fits && l.scoreboardRows === plain.scoreboardRows ? l : plain;
	}
	if (!plain.fits || panelLayout(plain.panel).logRows > 0) return plain;
	for (let strip = STRIP_ROWS; strip >= 1; strip--) {
		const l = screenLayout(size, {...options, strip});
		if (l.fits && l.showPanels && l.direction === plain.direction) return l;
	}
	return plain;
}

/**
 * The screen with the timeline strip too: an axis and a row per run, or the rows alone, or
 * none, whichever first leaves the screen as it was without it (the panels shown, side by
 * side or stacked as before, the scoreboard whole, the shared event strip as tall). The
 * panels' own logs may lose a row to it. The frame stays at most rows-1 high.
 */
export function screenWithTimeline(size: Size, options: Omit<ScreenOptions, 'strip' | 'timeline'>): ScreenLayout {
	const base = screenWithLog(size, options);
	if (!base.fits) return base;
	for (const timeline of [options.panels + 1, options.panels]) {
		const l = screenWithLog(size, {...options, timeline});
		if (l.fits && l.showPanels === base.showPanels && l.direction === base.direction && l.scoreboardRows === base.scoreboardRows && l.stripRows >= base.stripRows) return l;
	}
	return base;
}

/** How a panel of a given box divides its rows between counters, rounds and heatmap. */
export function panelLayout(box: PanelBox): PanelInner {
	const width = Math.max(1, box.width - 4);
	const rows = Math.max(0, box.height - 2);
	if (box.shape === 'wide') {
		// Row 1: phase and counters; below, rounds on the left and the heatmap on the right.
		// A log of two rows under the phase line once the rounds and heatmap keep six.
		const logRows = rows - 1 >= 8 ? 2 : 0;
		const body = Math.max(0, rows - 1 - logRows);
		const roundsWidth = Math.max(30, Math.floor(width * 0.5));
		const heatCols = width - roundsWidth - 2;
		const heatRows = body >= 2 && heatCols >= 12 ? Math.min(body - 1, usefulHeatRows(box.heat, heatCols)) : 0;
		return {
			width,
			rows,
			counterRows: 1,
			phaseWithCounters: true,
			roundRows: body,
			roundHeader: false,
			roundsWidth: heatRows > 0 ? roundsWidth : width,
			heatRows,
			heatCols: heatRows > 0 ? heatCols : 0,
			heatBeside: true,
			logRows,
		};
	}
	const counterRows: 1 | 2 = width >= 60 ? 1 : 2;
	const fixed = 1 + counterRows; // phase line, counters
	// The event log: a fifth of the rows, 2 to 6 of them, once there are ten to share.
	let logRows = rows - fixed >= 10 ? Math.min(6, Math.max(2, Math.floor((rows - fixed) * 0.2))) : 0;
	// Rounds first: the whole staircase when the heatmap keeps its floor (a third of the
	// rows, MIN_HEAT at least) beside it, the log giving up rows (down to 2) to make it fit;
	// else what is left of them (first rounds, an elision, the latest: RoundTable). Without
	// a count, a share. The heatmap takes the rest, up to the rows it can fill with distinct
	// blocks; rows neither can use lengthen the event log, so no blank band opens.
	const heatFloor = (n: number) => Math.max(MIN_HEAT, Math.floor(n * 0.3));
	const roomFor = (log: number) => rows - fixed - log - 2 - heatFloor(rows - fixed - log);
	if (box.rounds !== undefined) while (logRows > 2 && box.rounds > roomFor(logRows)) logRows--;
	const avail = rows - fixed - logRows;
	const heatCap = usefulHeatRows(box.heat, width);
	let roundRows =
		box.rounds === undefined ? Math.min(12, Math.max(2, Math.round((avail - 2) * 0.4))) : Math.max(2, Math.min(box.rounds, roomFor(logRows)));
	let heatRows = Math.min(avail - 1 - roundRows - 1, heatCap);
	let extraLog = 0;
	if (heatRows < MIN_HEAT) {
		heatRows = 0;
		roundRows = Math.max(0, avail - 1);
	} else if (box.rounds === undefined) roundRows = avail - 1 - heatRows - 1;
	else extraLog = avail - 1 - roundRows - 1 - heatRows;
	logRows += extraLog >= 2 || logRows > 0 ? extraLog : 0;
	return {
		width,
		rows,
		counterRows,
		phaseWithCounters: false,
		roundRows,
		roundHeader: true,
		roundsWidth: width,
		heatRows,
		heatCols: heatRows > 0 ? width : 0,
		heatBeside: false,
		logRows,
	};
}
