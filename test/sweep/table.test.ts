import {describe, expect, it} from 'vitest';
import {figures} from '../../source/report/figures.js';
import {columnTimeUnit, findMetric} from '../../source/sweep/metrics.js';
import {findParam} from '../../source/sweep/params.js';
import type {Stat} from '../../source/sweep/sweep-data.js';
import {sweepTable} from '../../source/sweep/table.js';

const stat = (mean: number, incomplete = false): Stat => ({mean, min: mean, max: mean, incomplete});
const bandwidth = findParam('bandwidth')!;
const gbit = {unit: 'Gbit/s', scale: 1e9};

function table(stats: Stat[][], metric = 'downtime'): string[] {
	const m = findMetric(metric)!;
	return sweepTable({
		title: m.label,
		figure: m.figure,
		param: bandwidth,
		xUnit: gbit,
		values: stats[0].map((_, p) => (p + 1) * 1e9),
		labels: ['pre-copy (xen)', 'post-copy'],
		stats,
		units: stats.map((series) => m.tableUnitFor(series.map((s) => s.mean))),
		repeat: 1,
		dash: '-',
	});
}

describe('sweep table units', () => {
	it('picks each column\'s unit from its values so they read: ms under a second, s, min past ten minutes', () => {
		expect(columnTimeUnit([64, 27_400]).unit).toBe('ms');
		expect(columnTimeUnit([3600, 774_000]).unit).toBe('s');
		expect(columnTimeUnit([650_000, 900_000]).unit).toBe('min');
		// Zero reads in any unit: it does not pull the column down to ms.
		expect(columnTimeUnit([0, 2000, 5000]).unit).toBe('s');
		expect(columnTimeUnit([0, 0]).unit).toBe('ms');
	});

	it('shows a post-copy downtime under a second in ms, not "0.00" seconds (sweep --param bandwidth --log)', () => {
		// Pre-copy's downtime runs to 27 s at 0.1 Gbit/s; post-copy's stays near a millisecond.
		const lines = table([
			[stat(27_409), stat(10_712), stat(61.2)],
			[stat(1.1), stat(1.05), stat(0.98)],
		]);
		expect(lines[0]).toBe('  downtime, one seed');
		expect(lines[1]).toMatch(/pre-copy \(xen\), ms\s+post-copy, ms$/);
		expect(lines.join('\n')).not.toMatch(/\b0\.00\b/);
		expect(lines[2]).toMatch(/27,409\s+1\.10 \*/);
		expect(lines[4]).toMatch(/61\.2\s+0\.98 \*/);
	});

	it('gives columns their own units when their values differ in size', () => {
		const lines = table(
			[
				[stat(776_000), stat(56_700)],
				[stat(344_000), stat(3_500)],
			],
			'total-time',
		);
		expect(lines[1]).toMatch(/pre-copy \(xen\), s\s+post-copy, s$/);
		expect(lines[2]).toMatch(/776\s+344 \*/);
	});

	it('marks the better value of a row by the comparison: in its own column, never for a tie or an incomplete run', () => {
		const lines = table([
			[stat(100), stat(100.2), stat(10, true)],
			[stat(200), stat(100), stat(50)],
		]);
		expect(lines[2]).toMatch(/100 \*\s+200\s*$/);
		expect(lines[3]).toMatch(/100\s+100\s*$/);
		// The aborted run's 10 ms is no win: nothing else completed, so nothing is marked.
		expect(lines[4]).toMatch(/10\s+!\s+50\s*$/);
		// The figures end in the same column whether marked or not.
		const end = (line: string, text: string) => line.indexOf(text) + text.length;
		expect(end(lines[2], '100')).toBe(end(lines[3], '100'));
		expect(lines).toContain('  * better at that value');
		expect(figures.downtime.compared).toBe(true);
	});

	it('prints no mark column and no legend when nothing is better', () => {
		const lines = table([[stat(100), stat(200)], [stat(100), stat(200)]]);
		expect(lines.join('\n')).not.toContain('*');
	});
});
