// The timeline strip under the panels, as painted strings: simulated time left to right, one
// row per migration with its events as markers (round ends, the stop, the VM paused, link
// down, fault density), a cursor at now. Pure: the component (components/Timeline.tsx) only
// memoises it. Cost follows the events (a few per round), never the pages.
import type {Algorithm, MigrationEvent} from '../core/index.js';
import {algorithmNames} from '../basics/names.js';
import {formatMs} from '../basics/units.js';
import {fit} from './format.js';
import type {Theme} from './theme.js';

interface Marks {
	track: string;
	roundEnd: string;
	paused: string;
	linkDown: string;
	end: string;
	/** A run that did not complete (aborted, cancelled, VM lost): told apart without colour too. */
	failed: string;
	cursor: string;
	/** Fault density, low to high. */
	faults: readonly string[];
}

const unicodeMarks: Marks = {track: '─', roundEnd: '│', paused: '█', linkDown: '╳', end: '◆', failed: '✗', cursor: '▼', faults: ['·', '░', '▒', '▓']};
const asciiMarks: Marks = {track: '-', roundEnd: '|', paused: '#', linkDown: 'x', end: '*', failed: '!', cursor: 'v', faults: ['.', ':', '=', '%']};

/** The glyphs for the theme: ASCII under --ascii or a locale that is not UTF-8 (theme.ts decides). */
export function timelineMarks(theme: Theme): Marks {
	return theme.ascii ? asciiMarks : unicodeMarks;
}

export interface TimelineRun {
	algorithm: Algorithm;
	events: readonly MigrationEvent[];
}

/** Columns of a row's label (the algorithm's name). */
export const TIMELINE_LABEL = 10;
const LABEL = TIMELINE_LABEL;

type Cell = {ch: string; paint: (s: string) => string; rank: number};

/**
 * `rows` lines of `width` columns: an axis (when rows > runs) then a row per run. Columns
 * before now show what happened; the cursor's column is now; later columns are empty.
 */
export function timelineLines(theme: Theme, runs: readonly TimelineRun[], nowMs: number, spanMs: number, width: number, rows: number): string[] {
	const m = timelineMarks(theme);
	const p = theme.paint;
	const cols = Math.max(1, width - LABEL);
	const span = Math.max(spanMs, nowMs, 1);
	const col = (t: number) => Math.min(cols - 1, Math.max(0, Math.floor((t / span) * cols)));
	const nowCol = col(nowMs);
	const lines: string[] = [];
	if (rows > runs.length) lines.push(axisLine(theme, m, cols, span, nowCol));
	for (const run of runs.slice(0, Math.max(0, rows - lines.length))) lines.push(fit(p.dim(algorithmNames[run.algorithm].padEnd(LABEL - 1).slice(0, LABEL - 1)) + ' ' + runTrack(theme, m, run.events, cols, nowCol, nowMs, col), width));
	return lines;
}

function axisLine(theme: Theme, m: Marks, cols: number, span: number, nowCol: number): string {
	const axis = Array.from({length: cols}, () => ' ');
	// Time labels at the quarters, where they fit. No clock here (the panels show theirs): the
	// row changes only when the cursor moves a column, so it costs few bytes to redraw.
	for (const q of [0, 0.25, 0.5, 0.75]) {
		const label = q === 0 ? '0' : formatMs(span * q);
		const at = Math.floor(q * cols);
		// A label under the cursor would be cut by it: left out.
		if (at <= nowCol && nowCol < at + label.length) continue;
		if (at + label.length < cols) for (let i = 0; i < label.length; i++) axis[at + i] = label[i];
	}
	const before = axis.slice(0, nowCol).join('');
	const after = axis.slice(nowCol + 1).join('');
	return theme.paint.dim('time'.padEnd(LABEL)) + theme.paint.dim(before) + theme.paint.accent(m.cursor) + theme.paint.dim(after);
}

function runTrack(theme: Theme, m: Marks, events: readonly MigrationEvent[], cols: number, nowCol: number, nowMs: number, col: (t: number) => number): string {
	const p = theme.paint;
	const cells: Array<Cell | null> = Array.from({length: cols}, () => null);
	const put = (c: number, cell: Cell) => {
		if (c <= nowCol && (!cells[c] || cells[c]!.rank <= cell.rank)) cells[c] = cell;
	};
	const faults = new Array<number>(cols).fill(0);
	let pausedAt: number | null = null;
	let downAt: number | null = null;
	let endCol = Infinity;
	for (const ev of events) {
		if (ev.t > nowMs) break;
		switch (ev.type) {
			case 'round-end':
				if (ev.kind === 'live') put(col(ev.t), {ch: m.roundEnd, paint: p.value, rank: 1});
				break;
			case 'vm-paused':
				pausedAt = ev.t;
				break;
			case 'switchover':
				for (let c = col(pausedAt ?? ev.t); c <= col(ev.t); c++) put(c, {ch: m.paused, paint: p.bad, rank: 3});
				pausedAt = null;
				break;
			case 'link-down':
				downAt = ev.t;
				break;
			case 'link-up':
				for (let c = col(downAt ?? ev.t); c <= col(ev.t); c++) put(c, {ch: m.linkDown, paint: p.bad, rank: 2});
				downAt = null;
				break;
			case 'first-fault':
				faults[col(ev.t)] += 1;
				break;
			case 'fault-burst':
				// A window's faults spread evenly over its columns.
				for (let c = col(ev.fromMs), last = col(ev.toMs); c <= last; c++) faults[c] += ev.faults / (last - col(ev.fromMs) + 1);
				break;
			case 'end':
				endCol = col(ev.t);
				put(endCol, ev.outcome === 'completed' ? {ch: m.end, paint: p.good, rank: 4} : {ch: m.failed, paint: p.bad, rank: 4});
				break;
		}
	}
	// Still under way at now (or at the run's end, if it ended first): a pause or an outage runs up to there.
	const upTo = Math.min(nowCol, endCol);
	if (pausedAt !== null) for (let c = col(pausedAt); c <= upTo; c++) put(c, {ch: m.paused, paint: p.bad, rank: 3});
	if (downAt !== null) for (let c = col(downAt); c <= upTo; c++) put(c, {ch: m.linkDown, paint: p.bad, rank: 2});
	const peak = Math.max(0, ...faults);
	let out = '';
	for (let c = 0; c < cols; c++) {
		let cell = cells[c];
		if (!cell && c <= nowCol && faults[c] > 0) {
			// Density relative to the busiest column, so one fault still shows.
			const level = Math.min(m.faults.length - 1, Math.floor((faults[c] / peak) * m.faults.length));
			cell = {ch: m.faults[level], paint: p.warn, rank: 0};
		}
		if (cell) out += cell.paint(cell.ch);
		// After the run's end marker the track stops.
		else out += c <= nowCol && c < endCol ? p.dim(m.track) : ' ';
	}
	return out;
}
