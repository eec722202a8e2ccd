// The numbers under each chart: one row per swept value, one column per algorithm, the
// mean over the seeds and, with more than one seed, the range. Each column has its own unit
// (metrics.ts picks it from the column's values), and the better value of a row is marked
// by report/compare.ts, the rule of the summary's and the scoreboard's marks.

import {bestRuns} from '../report/compare.js';
import type {Figure} from '../report/figures.js';
import type {DisplayUnit, SweepParam} from './params.js';
import type {Stat} from './sweep-data.js';

/** "dirty rate (pages/s)", but "max rounds" rather than "max rounds (rounds)". */
export function axisLabel(label: string, unit: string): string {
	return unit === '' || label.endsWith(unit) ? label : `${label} (${unit})`;
}

/** A figure in its display unit: grouped thousands, fewer decimals as it grows. */
export function formatFigure(v: number): string {
	const a = Math.abs(v);
	const digits = a >= 100 || Number.isInteger(v) ? 0 : a >= 10 ? 1 : 2;
	return v.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/**
 * Swept values in their display unit: whole numbers in full, fractions to the fewest
 * significant figures (3 or more) that tell the points apart.
 */
export function formatPoints(values: number[], unit: DisplayUnit): string[] {
	for (let figures = 3; ; figures++) {
		const texts = values.map((v) => {
			const x = v / unit.scale;
			const decimals = x === 0 ? 0 : Math.max(0, Math.min(12, figures - 1 - Math.floor(Math.log10(Math.abs(x)))));
			return x.toLocaleString('en-US', {maximumFractionDigits: decimals});
		});
		if (figures >= 12 || new Set(texts).size === texts.length) return texts;
	}
}

export interface TableInput {
	/** What the figures are: "network faults". */
	title: string;
	figure: Figure;
	param: SweepParam;
	xUnit: DisplayUnit;
	values: number[];
	labels: string[];
	/** stats[series][point], in base units. */
	stats: Stat[][];
	/** Per series: the unit of its column. */
	units: DisplayUnit[];
	repeat: number;
	dash: string;
}

export function sweepTable(t: TableInput): string[] {
	const header = [axisLabel(t.param.label, t.xUnit.unit), ...t.labels.map((l, a) => (t.units[a].unit ? `${l}, ${t.units[a].unit}` : l))];
	const over = t.repeat > 1 ? `mean (min${t.dash}max) over ${t.repeat} seeds` : 'one seed';
	const caption = `  ${t.title}, ${over}`;
	const points = formatPoints(t.values, t.xUnit);
	// A run that did not complete stopped early: its figure competes with nothing.
	const best = t.values.map((_, p) =>
		bestRuns(
			t.stats.map((series) => ({outcome: series[p].incomplete ? 'incomplete' : 'completed', mean: series[p].mean})),
			(s) => s.mean,
			t.figure,
		),
	);
	const marked = best.some((row) => row.some(Boolean));
	const rows = t.values.map((_, p) => [
		points[p],
		...t.stats.map((series, a) => {
			const s = series[p];
			const f = (x: number) => formatFigure(x / t.units[a].scale);
			const range = t.repeat > 1 ? ` (${f(s.min)}${t.dash}${f(s.max)})` : '';
			// Marks in columns of their own after the figure, so they never shift it.
			return `${f(s.mean)}${range}${marked ? (best[p][a] ? ' *' : '  ') : ''}${s.incomplete ? ' !' : '  '}`;
		}),
	]);
	const pad = marked ? '    ' : '  ';
	const table = [header.map((h, c) => (c === 0 ? h : `${h}${pad}`)), ...rows];
	const widths = header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
	const lines = [caption, ...table.map((r) => `  ${r.map((cell, c) => cell.padStart(widths[c])).join('  ')}`.trimEnd())];
	if (marked) lines.push('  * better at that value');
	if (t.stats.some((series) => series.some((s) => s.incomplete)))
		lines.push('  ! not every run completed (aborted or VM lost): the figures are where it stopped');
	return lines;
}
