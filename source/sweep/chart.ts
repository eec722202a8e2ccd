// A line chart drawn in text cells: one series per algorithm, each with its own glyph, so
// it reads the same without colour. Hand-written because the terminal chart libraries
// tell series apart by colour alone and draw no x axis.

import {columnOf, innerTicks, rowOf, tickLabel, yDomain} from './scale.js';

export interface ChartSeries {
	label: string;
	/** [x, y] in display units; x inside the chart's x domain. */
	points: ReadonlyArray<readonly [number, number]>;
}

export interface Glyphs {
	/** Per series: the mark at a measured point, and the trail between points. */
	marks: string[];
	trails: string[];
	/** Two series measured in the same cell. */
	overlap: string;
	vertical: string;
	yTick: string;
	corner: string;
	horizontal: string;
	xTick: string;
}

export const unicodeGlyphs: Glyphs = {
	marks: ['●', '■', '▲', '◆'],
	trails: ['•', '▪', '▴', '◇'],
	overlap: '◈',
	vertical: '│',
	yTick: '┤',
	corner: '└',
	horizontal: '─',
	xTick: '┬',
};

export const asciiGlyphs: Glyphs = {
	marks: ['O', 'X', 'A', '#'],
	trails: ['o', 'x', '^', '='],
	overlap: '&',
	vertical: '|',
	yTick: '+',
	corner: '+',
	horizontal: '-',
	xTick: '+',
};

export interface ChartOptions {
	/** Columns for the whole chart, labels included. */
	width: number;
	/** Rows of the plot area. */
	height: number;
	log: boolean;
	xDomain: readonly [number, number];
	xLabel: string;
	yLabel: string;
	glyphs: Glyphs;
	/** Colours series i's glyphs (identity without colour). */
	paint: (series: number, text: string) => string;
}

export interface ChartGeometry {
	xTicks: number[];
	yTicks: number[];
	yStep: number;
	/** String index of plot column 0 in every plot line. */
	plotLeft: number;
	/** Line index of plot row 0 (the top). */
	plotTop: number;
	plotWidth: number;
	plotHeight: number;
	labelWidth: number;
	/** Plot column and row (0 = top) of a data point. */
	cell: (x: number, y: number) => {col: number; row: number};
}

export function chartGeometry(series: ChartSeries[], o: ChartOptions): ChartGeometry {
	const [x0, x1] = o.xDomain;
	const {ticks: yTicks, step: yStep} = yDomain(
		series.flatMap((s) => s.points.map((p) => p[1])),
		Math.max(2, Math.floor(o.height / 3)),
	);
	const labelWidth = Math.max(...yTicks.map((t) => tickLabel(t, yStep).length));
	const plotLeft = labelWidth + 2;
	const rightPad = Math.ceil(xLabelOf(x1, x1 - x0, o.log).length / 2);
	const plotWidth = Math.max(10, o.width - plotLeft - rightPad);
	const xTicks = innerTicks(x0, x1, Math.max(2, Math.floor(plotWidth / 12)), o.log);
	const y0 = yTicks[0];
	const y1 = yTicks[yTicks.length - 1];
	return {
		xTicks,
		yTicks,
		yStep,
		plotLeft,
		plotTop: 1,
		plotWidth,
		plotHeight: o.height,
		labelWidth,
		cell: (x, y) => ({col: columnOf(x, x0, x1, plotWidth, o.log), row: rowOf(y, y0, y1, o.height)}),
	};
}

function xLabelOf(v: number, span: number, log: boolean): string {
	const step = log ? 10 ** Math.floor(Math.log10(Math.abs(v) || 1)) : 10 ** Math.floor(Math.log10(span / 5 || 1));
	return tickLabel(v, step);
}

interface Cell {
	glyph: string;
	series: number;
	mark: boolean;
}

/** The chart as lines: y label, plot rows, x axis, tick labels, x label, legend. */
export function renderChart(series: ChartSeries[], o: ChartOptions): string[] {
	const g = chartGeometry(series, o);
	const grid: Array<Array<Cell | null>> = Array.from({length: g.plotHeight}, () => Array<Cell | null>(g.plotWidth).fill(null));
	const put = (row: number, col: number, cell: Cell) => {
		const here = grid[row][col];
		if (!here) grid[row][col] = cell;
	};
	let overlap = false;

	// Trails first, so the measured points are drawn over them.
	series.forEach((s, i) => {
		const pts = [...s.points].sort((a, b) => a[0] - b[0]).map(([x, y]) => g.cell(x, y));
		for (let k = 1; k < pts.length; k++) {
			const a = pts[k - 1];
			const b = pts[k];
			let prev = a.row;
			for (let c = a.col; c <= b.col; c++) {
				const f = b.col === a.col ? 1 : (c - a.col) / (b.col - a.col);
				const r = Math.round(a.row + (b.row - a.row) * f);
				// Fill every row between the last column's cell and this one, so steep
				// segments stay connected; the first column starts from the point itself.
				const from = c === a.col ? a.row : prev;
				const dir = Math.sign(r - from);
				for (let rr = c === a.col || dir === 0 ? from : from + dir; ; rr += dir) {
					put(rr, c, {glyph: o.glyphs.trails[i % o.glyphs.trails.length], series: i, mark: false});
					if (rr === r) break;
				}
				prev = r;
			}
		}
	});
	series.forEach((s, i) => {
		for (const [x, y] of s.points) {
			const {row, col} = g.cell(x, y);
			const here = grid[row][col];
			if (here?.mark && here.series !== i) {
				grid[row][col] = {glyph: o.glyphs.overlap, series: -1, mark: true};
				overlap = true;
			} else if (!here?.mark) grid[row][col] = {glyph: o.glyphs.marks[i % o.glyphs.marks.length], series: i, mark: true};
		}
	});

	const lines = [o.yLabel];
	const tickRows = new Map<number, string>();
	for (const t of g.yTicks) {
		const row = rowOf(t, g.yTicks[0], g.yTicks[g.yTicks.length - 1], g.plotHeight);
		if (!tickRows.has(row)) tickRows.set(row, tickLabel(t, g.yStep));
	}
	for (let r = 0; r < g.plotHeight; r++) {
		const label = tickRows.get(r);
		const cells = grid[r].map((c) => (!c ? ' ' : c.series < 0 ? c.glyph : o.paint(c.series, c.glyph))).join('');
		lines.push(`${(label ?? '').padStart(g.labelWidth)} ${label === undefined ? o.glyphs.vertical : o.glyphs.yTick}${cells}`.trimEnd());
	}

	const tickCols = g.xTicks.map((t) => g.cell(t, 0).col);
	let axis = '';
	for (let c = 0; c < g.plotWidth; c++) axis += tickCols.includes(c) ? o.glyphs.xTick : o.glyphs.horizontal;
	lines.push(`${' '.repeat(g.labelWidth)} ${o.glyphs.corner}${axis}`);

	const labelRow = Array<string>(o.width + 16).fill(' ');
	let free = 0;
	g.xTicks.forEach((t, k) => {
		const text = o.log ? xLabelOf(t, 0, true) : tickLabel(t, g.xTicks.length > 1 ? g.xTicks[1] - g.xTicks[0] : t || 1);
		const start = Math.max(0, g.plotLeft + tickCols[k] - Math.floor(text.length / 2));
		if (start < free) return;
		for (let j = 0; j < text.length; j++) labelRow[start + j] = text[j];
		free = start + text.length + 1;
	});
	lines.push(labelRow.join('').trimEnd());
	lines.push(`${' '.repeat(Math.max(0, g.plotLeft + Math.floor((g.plotWidth - o.xLabel.length) / 2)))}${o.xLabel}`);

	const legend = series.map((s, i) => `${o.paint(i, o.glyphs.marks[i % o.glyphs.marks.length])} ${s.label}`);
	if (overlap) legend.push(`${o.glyphs.overlap} same cell`);
	lines.push(`  ${legend.join('   ')}`);
	return lines;
}
