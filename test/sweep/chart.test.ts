import {describe, expect, it} from 'vitest';
import {asciiGlyphs, chartGeometry, type ChartOptions, type ChartSeries, renderChart, unicodeGlyphs} from '../../source/sweep/chart.js';
import {columnOf, innerTicks, niceTicks, rowOf, yDomain} from '../../source/sweep/scale.js';

const options = (over: Partial<ChartOptions> = {}): ChartOptions => ({
	width: 60,
	height: 11,
	log: false,
	xDomain: [0, 100],
	xLabel: 'dirty rate (pages/s)',
	yLabel: 'downtime (ms)',
	glyphs: asciiGlyphs,
	paint: (_, t) => t,
	...over,
});

const rising: ChartSeries = {label: 'pre-copy', points: [[0, 0], [50, 50], [100, 100]]};
const flat: ChartSeries = {label: 'post-copy', points: [[0, 20], [100, 20]]};

/** The character a data point is drawn at, found through the chart's own geometry. */
function at(lines: string[], o: ChartOptions, series: ChartSeries[], x: number, y: number): string {
	const g = chartGeometry(series, o);
	const {row, col} = g.cell(x, y);
	return lines[g.plotTop + row][g.plotLeft + col];
}

describe('scales', () => {
	it('picks 1/2/5 steps that cover the range', () => {
		expect(niceTicks(0, 97, 5)).toEqual({ticks: [0, 20, 40, 60, 80, 100], step: 20});
		expect(niceTicks(3.1, 3.62, 4).ticks).toEqual([3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7]);
		// Values equal but for float noise make a flat range, not ~1e14 ticks.
		expect(yDomain([61.879999999999995, 61.88], 4).ticks.length).toBeLessThan(20);
		expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
	});

	it('starts the y axis at zero, however far above it the data sits', () => {
		expect(yDomain([10, 100], 4).ticks[0]).toBe(0);
		// sweep --param wss: downtimes of 3.1 to 3.6 ms drew an axis from 3.0 ms, a 10% rise as a cliff.
		expect(yDomain([3.1, 3.6], 4).ticks[0]).toBe(0);
		expect(yDomain([-2, 5], 4).ticks[0]).toBeLessThanOrEqual(-2);
		expect(yDomain([0, 0], 4).ticks.slice(0, 1).concat(yDomain([0, 0], 4).ticks.slice(-1))).toEqual([0, 1]);
	});

	it('maps the ends of the domain to the first and last cell, log geometrically', () => {
		expect(columnOf(0, 0, 100, 50, false)).toBe(0);
		expect(columnOf(100, 0, 100, 50, false)).toBe(49);
		expect(columnOf(50, 0, 100, 51, false)).toBe(25);
		expect(columnOf(10, 1, 100, 51, true)).toBe(25);
		expect(rowOf(100, 0, 100, 11)).toBe(0);
		expect(rowOf(0, 0, 100, 11)).toBe(10);
		expect(rowOf(50, 0, 100, 11)).toBe(5);
	});

	it('puts 1, 2 and 5 of each decade on a log axis', () => {
		expect(innerTicks(0.5, 10, 5, true)).toEqual([0.5, 1, 2, 5, 10]);
		expect(innerTicks(0, 100, 4, false)).toEqual([0, 20, 40, 60, 80, 100]);
	});
});

describe('renderChart', () => {
	it('draws each measured point in the cell its value maps to, with its series glyph', () => {
		const o = options();
		const lines = renderChart([rising, flat], o);
		const g = chartGeometry([rising, flat], o);
		// y ticks 0..100 over 11 rows: 50 is row 5 and 100 the top row; x 0..100 over the plot width.
		expect(g.cell(50, 50).row).toBe(5);
		expect(g.cell(100, 100)).toEqual({row: 0, col: g.plotWidth - 1});
		expect(at(lines, o, [rising, flat], 0, 0)).toBe('O');
		expect(at(lines, o, [rising, flat], 50, 50)).toBe('O');
		expect(at(lines, o, [rising, flat], 100, 100)).toBe('O');
		expect(at(lines, o, [rising, flat], 0, 20)).toBe('X');
		expect(at(lines, o, [rising, flat], 100, 20)).toBe('X');
		// Between the points, each series leaves its own trail glyph.
		const {row, col} = g.cell(25, 25);
		expect([lines[g.plotTop + row - 1][g.plotLeft + col], lines[g.plotTop + row][g.plotLeft + col], lines[g.plotTop + row + 1][g.plotLeft + col]]).toContain('o');
		expect(at(lines, o, [rising, flat], 75, 20)).toBe('x');
	});

	it('labels the axes with their units and ticks, and keeps inside the width', () => {
		const o = options();
		const lines = renderChart([rising, flat], o);
		expect(lines[0]).toBe('downtime (ms)');
		expect(lines.some((l) => /^100 \+/.test(l))).toBe(true);
		expect(lines.some((l) => /^ {2}0 \+/.test(l))).toBe(true);
		const ticks = lines[o.height + 2];
		for (const label of ['0', '20', '40', '60', '80', '100']) expect(ticks.split(/\s+/)).toContain(label);
		expect(lines).toContain(`${' '.repeat(lines.find((l) => l.includes('dirty rate'))!.indexOf('dirty'))}dirty rate (pages/s)`);
		expect(lines[lines.length - 1]).toBe('  O pre-copy   X post-copy');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(o.width);
	});

	it('tells series apart by glyph in Unicode too, and marks a shared cell', () => {
		const o = options({glyphs: unicodeGlyphs});
		const same: ChartSeries = {label: 'hybrid', points: [[0, 0], [100, 50]]};
		const lines = renderChart([rising, same], o);
		expect(at(lines, o, [rising, same], 0, 0)).toBe('◈');
		expect(at(lines, o, [rising, same], 100, 100)).toBe('●');
		expect(at(lines, o, [rising, same], 100, 50)).toBe('■');
		expect(lines[lines.length - 1]).toContain('◈ same cell');
	});

	it('places points geometrically on a log x axis', () => {
		const s: ChartSeries = {label: 'a', points: [[1, 1], [10, 1], [100, 1]]};
		const o = options({log: true, xDomain: [1, 100], width: 61});
		const g = chartGeometry([s], o);
		expect(g.cell(10, 1).col).toBe(Math.round((g.plotWidth - 1) / 2));
		expect(at(renderChart([s], o), o, [s], 10, 1)).toBe('O');
	});

	it('paints only the series glyphs', () => {
		const o = options({paint: (i, t) => `<${i}>${t}</>`});
		const lines = renderChart([rising], o).join('\n');
		expect(lines).toContain('<0>O</>');
		expect(lines).not.toMatch(/<0>[^Oo]/);
	});
});
