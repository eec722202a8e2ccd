// Memory as a grid of blocks, in address order, left to right and top to bottom. Two modes:
// "where" (source only / at target / dirtied again / faulted in) and "writes" (how often the
// block's pages were written: the writable working set shows up as hot spots). With colour
// and Unicode each character holds two blocks (upper half-block: fg = top, bg = bottom);
// otherwise one block per character, told apart by glyph density, so it reads without hue.
import {memo} from 'react';
import {type Algorithm, cellCountFor, type HeatmapData, type Snapshot, TARGET_PAGE_BYTES} from '../../core/index.js';
import type {HeatSource} from '../layout.js';
import {formatSize} from '../../basics/units.js';
import {fit, width as textWidth} from '../format.js';
import {type CellState, huePainter, type Hue, type Theme} from '../theme.js';
import {Lines} from './Lines.js';

export type HeatMode = 'where' | 'writes';

/** Blocks a heatmap of cols x rows characters shows under this theme. */
export function heatmapBlocks(theme: Theme, cols: number, rows: number): number {
	return Math.max(0, cols * rows * (theme.halfBlocks ? 2 : 1));
}

/** The most blocks a memory's heatmap can tell apart, and how many a character holds. */
export function heatSourceFor(memoryBytes: number, theme: Theme): HeatSource {
	return {cells: cellCountFor(Math.floor(memoryBytes / TARGET_PAGE_BYTES)), perChar: theme.halfBlocks ? 2 : 1};
}

/**
 * Where a block's pages are. A block of a thousand pages is mixed, so the minority that
 * tells the story wins: a single page faulted in marks its block (post-copy's faults are a
 * few pages among many: a share threshold hid all 14,105 of the default race), on a
 * two-step density scale (some, then half or more). A block still mostly at the source stays
 * "source" until its faults are half of it, so the push's progress shows: with faults spread
 * over the whole working set, marking every block that had one painted all of memory
 * "faulted" from the first seconds of post-copy. Pages pre-copy passed over without
 * sending are "skipped", apart from pages not reached yet: Xen's loop skips a page dirtied
 * again during its round, it goes next round (xc_domain_save.c). In the first round those
 * are the pages out of the send set and not at the target; after it, every page the target
 * lacks was skipped once (the first round offers them all).
 */
export function cellState(h: HeatmapData, b: number, balloon: boolean, pass: PrecopyPass = 'none'): CellState {
	const pages = h.pages[b];
	const movable = balloon ? pages - h.free[b] : pages;
	if (movable <= 0) return 'free';
	if (h.faulted[b] * 2 >= movable) return 'faulted';
	if (h.present[b] * 2 < movable) {
		const away = movable - h.present[b];
		const skipped = pass === 'later' ? away : pass === 'first' ? Math.max(0, away - h.pending[b]) : 0;
		return skipped * 2 >= away && skipped > 0 ? 'skipped' : 'source';
	}
	if (h.faulted[b] > 0) return 'someFaulted';
	if (h.stale[b] * 5 >= movable) return 'stale';
	return 'target';
}

/** Where pre-copy's live rounds are: none (post-copy, or done), the first, or a later one. */
export type PrecopyPass = 'none' | 'first' | 'later';

/** Write-density level 0..5 (0: never written; then < .01, < .1, < 1, < 10, 10+ per page). */
export function heatLevel(h: HeatmapData, b: number): number {
	const w = h.writes[b];
	if (w <= 0) return 0;
	const perPage = w / Math.max(1, h.pages[b]);
	return perPage < 0.01 ? 1 : perPage < 0.1 ? 2 : perPage < 1 ? 3 : perPage < 10 ? 4 : 5;
}

interface Classifier {
	hue(b: number): Hue | null;
	glyph(b: number): string;
}

function classifier(theme: Theme, h: HeatmapData, mode: HeatMode, balloon: boolean, pass: PrecopyPass): Classifier {
	if (mode === 'writes') return {hue: (b) => theme.heatHue[heatLevel(h, b)], glyph: (b) => theme.glyph.heatRamp[heatLevel(h, b)]};
	return {hue: (b) => theme.stateHue[cellState(h, b, balloon, pass)], glyph: (b) => theme.glyph.state[cellState(h, b, balloon, pass)]};
}

/** Appends runs of equally painted characters, so a row has few colour changes. */
class RowBuilder {
	private out = '';
	private run = '';
	private paint: ((s: string) => string) | null = null;
	push(paint: (s: string) => string, ch: string): void {
		if (paint !== this.paint) this.flush(paint);
		this.run += ch;
	}
	private flush(next: ((s: string) => string) | null): void {
		if (this.run && this.paint) this.out += this.paint(this.run);
		this.run = '';
		this.paint = next;
	}
	done(): string {
		this.flush(null);
		return this.out;
	}
}

export function heatmapLines(theme: Theme, h: HeatmapData | null, mode: HeatMode, cols: number, rows: number, balloon = false, pass: PrecopyPass = 'none'): string[] {
	if (!h || rows <= 0 || cols <= 0) return Array.from({length: Math.max(0, rows)}, () => ' '.repeat(Math.max(0, cols)));
	const c = classifier(theme, h, mode, balloon, pass);
	const lines: string[] = [];
	const at = (row: number, col: number) => Math.min(h.blocks - 1, row * cols + col);
	for (let r = 0; r < rows; r++) {
		const row = new RowBuilder();
		for (let col = 0; col < cols; col++) {
			if (theme.halfBlocks) {
				const top = c.hue(at(2 * r, col));
				const bottom = c.hue(at(2 * r + 1, col));
				if (top === bottom) row.push(huePainter(theme, top, null), top ? theme.glyph.swatch : ' ');
				else if (top === null) row.push(huePainter(theme, bottom, null), theme.glyph.lowerHalf);
				else row.push(huePainter(theme, top, bottom), theme.glyph.upperHalf);
			} else {
				const b = at(r, col);
				row.push(huePainter(theme, c.hue(b), null), c.glyph(b));
			}
		}
		lines.push(row.done());
	}
	return lines;
}

/** Legend entries: the states each swatch group stands for, long and short labels. */
interface LegendEntry {
	states: CellState[];
	label: [string, string];
}

const legendEntries: Record<Exclude<CellState, 'someFaulted'>, LegendEntry> = {
	source: {states: ['source'], label: ['not sent', 'unsent']},
	skipped: {states: ['skipped'], label: ['skipped', 'skip']},
	target: {states: ['target'], label: ['at target', 'target']},
	stale: {states: ['stale'], label: ['dirtied again', 'dirty']},
	// The density scale: some pages of the block faulted in, then most.
	faulted: {states: ['someFaulted', 'faulted'], label: ['faulted in', 'fault']},
	free: {states: ['free'], label: ['free', 'free']},
};

/** The states a panel's heatmap can show, in legend order (a faulted entry stands for both steps). */
export function legendStates(algorithm: Algorithm, balloon: boolean): CellState[] {
	const states: CellState[] = ['source', 'target'];
	if (algorithm !== 'postcopy') states.push('skipped', 'stale');
	if (algorithm !== 'precopy') states.push('faulted');
	if (balloon) states.push('free');
	return states;
}

function swatch(theme: Theme, hue: Hue | null, glyph: string): string {
	if (theme.halfBlocks) return hue ? huePainter(theme, hue, null)(theme.glyph.swatch) : ' ';
	return huePainter(theme, hue, null)(glyph);
}

/**
 * The legend: one line of exactly `width` columns, long labels when they fit. It says what
 * a block is (how much memory) before anything is dropped but the labels' long forms.
 */
export function legendLine(theme: Theme, mode: HeatMode, algorithm: Algorithm, width: number, blockBytes: number, balloon = false): string {
	const p = theme.paint;
	const size = blockBytes > 0 ? formatSize(blockBytes) : '';
	const tight = size.replace(' ', '');
	const scales = size ? [p.dim(`1 block = ${size}`), p.dim(`block ${tight}`), p.dim(`${theme.glyph.swatch}=${tight}`)] : [''];
	const build = (long: boolean): string => {
		if (mode === 'writes') {
			const cuts = ['never', '<.01', '<.1', '<1', '<10', '10+'];
			const items = cuts.map((cut, level) => (level === 0 && !long ? '' : `${swatch(theme, theme.heatHue[level], theme.glyph.heatRamp[level] === ' ' ? ' ' : theme.glyph.heatRamp[level])}${cut}`)).filter(Boolean);
			return `${p.label(long ? 'writes/page' : 'wr/pg')} ${items.join(' ')}`;
		}
		return legendStates(algorithm, balloon)
			.map((s) => {
				const e = legendEntries[s as keyof typeof legendEntries];
				const marks = e.states.map((st) => swatch(theme, theme.stateHue[st], theme.glyph.state[st])).join('');
				return `${marks}${long ? ' ' : ''}${p.label(e.label[long ? 0 : 1])}`;
			})
			.join(long ? '  ' : ' ');
	};
	for (const long of [true, false]) {
		const text = build(long);
		for (const scale of scales) {
			if (scale && textWidth(text) + 2 + textWidth(scale) <= width) return fit(`${text}  ${scale}`, width);
		}
		if (!size && textWidth(text) <= width) return fit(text, width);
	}
	return fit(build(false), width);
}

export interface HeatmapProps {
	theme: Theme;
	heatmap: HeatmapData | null;
	mode: HeatMode;
	algorithm: Algorithm;
	cols: number;
	rows: number;
	/** Bytes of memory one block stands for (for the legend). */
	blockBytes: number;
	balloon?: boolean;
	legend?: boolean;
	/** Pre-copy's pass, which tells skipped pages from pages not reached (cellState). */
	pass?: PrecopyPass;
}

/** The pass of a snapshot: pre-copy (or hybrid) in its live rounds or their stop-and-copy. */
export function precopyPass(s: Snapshot): PrecopyPass {
	if (s.algorithm === 'postcopy') return 'none';
	const live = s.rounds.filter((r) => r.kind === 'live').length;
	if (s.phase === 'precopy') return live === 0 ? 'first' : 'later';
	return s.phase === 'stop-and-copy' && live > 0 ? 'later' : 'none';
}

/** Memoised on the heatmap object: it re-renders only when a new heatmap is taken. */
export const Heatmap = memo(function Heatmap({theme, heatmap, mode, algorithm, cols, rows, blockBytes, balloon = false, legend = true, pass = 'none'}: HeatmapProps) {
	const lines = heatmapLines(theme, heatmap, mode, cols, rows, balloon, pass);
	return <Lines lines={legend ? [legendLine(theme, mode, algorithm, cols, blockBytes, balloon), ...lines] : lines} />;
});
