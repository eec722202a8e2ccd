// The one table of a migration's figures: what each is called where people read it (the
// console's scoreboard, the headless summary, the sweep's charts and tables), its field in
// the JSON report and the sweep's CSV, its kind (which fixes its unit, its display precision
// and the tolerance compare.ts allows), and whether lower is better. Every screen takes its
// rows from here, so "pre-copy" and "4.097 ms" read the same on each.
import {formatCount, formatSize, formatTime} from '../basics/units.js';

/** time: milliseconds; count: a whole number; bytes. */
export type FigureKind = 'time' | 'count' | 'bytes';

export interface Figure {
	/** The MigrationResult / report field and CSV column ("totalTimeMs"). */
	readonly field: string;
	/** The row label of the scoreboard and the summary: "downtime (VM paused)". */
	readonly label: string;
	/** In a sentence and a chart title: "downtime" ("pre-copy's downtime beats ..."). */
	readonly name: string;
	readonly kind: FigureKind;
	/**
	 * Lower is better, so the comparison marks the best run. Rounds are not: fewer rounds
	 * is not better in itself (post-copy's one round says nothing of its cost), so they are
	 * shown, never marked.
	 */
	readonly compared: boolean;
}

export const figures = {
	totalTime: {field: 'totalTimeMs', label: 'total time', name: 'total time', kind: 'time', compared: true},
	downtime: {field: 'downtimeMs', label: 'downtime (VM paused)', name: 'downtime', kind: 'time', compared: true},
	stall: {field: 'stallMs', label: 'stalled on faults', name: 'stall', kind: 'time', compared: true},
	throttled: {field: 'throttledMs', label: 'throttled', name: 'throttled time', kind: 'time', compared: true},
	pages: {field: 'pagesTransferred', label: 'pages sent', name: 'pages sent', kind: 'count', compared: true},
	bytes: {field: 'bytesTransferred', label: 'bytes sent', name: 'bytes sent', kind: 'bytes', compared: true},
	faults: {field: 'networkFaults', label: 'network faults', name: 'network faults', kind: 'count', compared: true},
	degradation: {field: 'degradationMs', label: 'degradation', name: 'degradation', kind: 'time', compared: true},
	rounds: {field: 'rounds', label: 'rounds', name: 'rounds', kind: 'count', compared: false},
} as const satisfies Record<string, Figure>;

/** How a figure of each kind is written for people: one precision everywhere. */
export const figureFormats: Readonly<Record<FigureKind, (v: number) => string>> = {
	time: formatTime,
	count: formatCount,
	bytes: formatSize,
};

/** A figure's value as its row shows it. */
export function showFigure(figure: Figure, value: number): string {
	return figureFormats[figure.kind](value);
}
