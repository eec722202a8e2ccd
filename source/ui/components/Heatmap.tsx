// Memory as a grid of blocks, in address order, left to right and top to bottom. Two modes:
// "where" (source only / at target / dirtied again / faulted in) and "writes" (how often the
// block's pages were written: the writable working set shows up as hot spots). With colour
// and Unicode each character holds two blocks (upper half-block: fg = top, bg = bottom);
// otherwise one block per character, told apart by glyph density, so it reads without hue.
import {memo} from 'react';
import type {Algorithm, HeatmapData} from '../../core/index.js';
import {formatSize} from '../../basics/units.js';
import {fit, width as textWidth} from '../format.js';
import {type CellState, huePainter, type Hue, type Theme} from '../theme.js';
import {Lines} from './Lines.js';

export type HeatMode = 'where' | 'writes';

/** Blocks a heatmap of cols x rows characters shows under this theme. */
export function heatmapBlocks(theme: Theme, cols: number, rows: number): number {
	return Math.max(0, cols * rows * (theme.halfBlocks ? 2 : 1));
}

/**
 * Where a block's pages are, by majority with thresholds: a block of a thousand pages is
 * mixed, and the thresholds make the interesting minority (faults, re-dirtied pages) show.
 */
export function cellState(h: HeatmapData, b: number, balloon: boolean): CellState {
	const pages = h.pages[b];
	const movable = balloon ? pages - h.free[b] : pages;
	if (movable <= 0) return 'free';
	if (h.faulted[b] * 10 >= movable) return 'faulted';
	if (h.present[b] * 2 < movable) return 'source';
	if (h.stale[b] * 5 >= movable) return 'stale';
	return 'target';
}

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

function classifier(theme: Theme, h: HeatmapData, mode: HeatMode, balloon: boolean): Classifier {
	if (mode === 'writes') return {hue: (b) => theme.heatHue[heatLevel(h, b)], glyph: (b) => theme.glyph.heatRamp[heatLevel(h, b)]};
	return {hue: (b) => theme.stateHue[cellState(h, b, balloon)], glyph: (b) => theme.glyph.state[cellState(h, b, balloon)]};
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

export function heatmapLines(theme: Theme, h: HeatmapData | null, mode: HeatMode, cols: number, rows: number, balloon = false): string[] {
	if (!h || rows <= 0 || cols <= 0) return Array.from({length: Math.max(0, rows)}, () => ' '.repeat(Math.max(0, cols)));
	const c = classifier(theme, h, mode, balloon);
	const lines: string[] = [];
	const at = (row: number, col: number) => Math.min(h.blocks - 1, row * cols + col);
	for (let r = 0; r < rows; r++) {
		const row = new RowBuilder();
		for (let col = 0; col < cols; col++) {
			if (theme.halfBlocks) {
				const top = c.hue(at(2 * r, col));
				const bottom = c.hue(at(2 * r + 1, col));
				if (top === bottom) row.push(huePainter(theme, top, null), top ? theme.glyph.swatch : ' ');
				else if (top === null) row.push(huePainter(theme, bottom, null), '▄');
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

const stateLabels: Record<CellState, [string, string]> = {
	source: ['source only', 'source'],
	target: ['at target', 'target'],
	stale: ['dirtied again', 'dirtied'],
	faulted: ['faulted in', 'faulted'],
	free: ['free', 'free'],
};

/** The states a panel's heatmap can show, in legend order. */
export function legendStates(algorithm: Algorithm, balloon: boolean): CellState[] {
	const states: CellState[] = ['source', 'target'];
	if (algorithm !== 'postcopy') states.push('stale');
	if (algorithm !== 'precopy') states.push('faulted');
	if (balloon) states.push('free');
	return states;
}

function swatch(theme: Theme, hue: Hue | null, glyph: string): string {
	if (theme.halfBlocks) return hue ? huePainter(theme, hue, null)(theme.glyph.swatch) : ' ';
	return huePainter(theme, hue, null)(glyph);
}

/** The legend: one line of exactly `width` columns, long labels when they fit. */
export function legendLine(theme: Theme, mode: HeatMode, algorithm: Algorithm, width: number, blockBytes: number, balloon = false): string {
	const p = theme.paint;
	const scale = blockBytes > 0 ? p.dim(`1 block = ${formatSize(blockBytes)}`) : '';
	const build = (long: boolean): string => {
		if (mode === 'writes') {
			const cuts = ['never', '<.01', '<.1', '<1', '<10', '10+'];
			const items = cuts.map((cut, level) => (level === 0 && !long ? '' : `${swatch(theme, theme.heatHue[level], theme.glyph.heatRamp[level] === ' ' ? ' ' : theme.glyph.heatRamp[level])}${cut}`)).filter(Boolean);
			return `${p.label(long ? 'writes/page' : 'wr/pg')} ${items.join(' ')}`;
		}
		return legendStates(algorithm, balloon)
			.map((s) => `${swatch(theme, theme.stateHue[s], theme.glyph.state[s])}${long ? ' ' : ''}${p.label(stateLabels[s][long ? 0 : 1])}`)
			.join(long ? '  ' : ' ');
	};
	for (const long of [true, false]) {
		const text = build(long);
		if (scale && textWidth(text) + 2 + textWidth(scale) <= width) return fit(`${text}  ${scale}`, width);
		if (textWidth(text) <= width) return fit(text, width);
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
}

/** Memoised on the heatmap object: it re-renders only when a new heatmap is taken. */
export const Heatmap = memo(function Heatmap({theme, heatmap, mode, algorithm, cols, rows, blockBytes, balloon = false, legend = true}: HeatmapProps) {
	const lines = heatmapLines(theme, heatmap, mode, cols, rows, balloon);
	return <Lines lines={legend ? [legendLine(theme, mode, algorithm, cols, blockBytes, balloon), ...lines] : lines} />;
});
