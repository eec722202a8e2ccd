import {describe, expect, it} from 'vitest';
import {bestRuns, compareFigures, TOLERANCE} from '../../source/report/compare.js';
import {type Figure, figures} from '../../source/report/figures.js';

const run = (outcome: string, value: number) => ({outcome, value});
const bestOf = (figure: Figure, ...runs: Array<{outcome: string; value: number}>) => bestRuns(runs, (r) => r.value, figure);
const best = (...runs: Array<{outcome: string; value: number}>) => bestOf(figures.totalTime, ...runs);

describe('bestRuns', () => {
	it('marks the lowest value among completed runs', () => {
		expect(best(run('completed', 3000), run('completed', 2000), run('completed', 5000))).toEqual([false, true, false]);
	});

	it('never marks a run that did not complete, however low its value (aborted, lost, cancelled as not converged, running)', () => {
		for (const outcome of ['aborted', 'vm-lost', 'cancelled', 'running'])
			expect(best(run(outcome, 1000), run('completed', 2000), run('completed', 3000)), outcome).toEqual([false, true, false]);
	});

	it('marks nothing when fewer than two runs completed', () => {
		expect(best(run('aborted', 1000), run('completed', 2000))).toEqual([false, false]);
		expect(best(run('completed', 2000))).toEqual([false]);
		expect(best()).toEqual([]);
	});

	it('treats values equal up to float noise as a tie: all of them best, or none when all tie', () => {
		// precopy-wins: the console showed "4.097 ms   4.097 ms ★" for these two downtimes.
		expect(bestOf(figures.downtime, run('completed', 4.097152000002097), run('completed', 4.0971519999999995))).toEqual([false, false]);
		expect(best(run('completed', 62.88000000000102), run('completed', 62.88))).toEqual([false, false]);
		expect(best(run('completed', 63), run('completed', 61.88), run('completed', 61.8799999999992))).toEqual([false, true, true]);
		expect(best(run('completed', 4.097152000002097), run('completed', 4.0971519999999995), run('completed', 5))).toEqual([true, true, false]);
		expect(best(run('completed', 0), run('completed', 0), run('completed', 1))).toEqual([true, true, false]);
	});

	it('ties a lead within the tolerance, relative or absolute, and marks one past it', () => {
		// 0.5% apart: the same figure for a lesson (37.68 s vs 37.50 s).
		expect(best(run('completed', 37680), run('completed', 37500))).toEqual([false, false]);
		// 9% apart: the default race's total times.
		expect(best(run('completed', 37680), run('completed', 34490))).toEqual([false, true]);
		// Near zero the absolute part decides: a stall of 50 us is no stall worth a star, 3 ms is.
		expect(bestOf(figures.stall, run('completed', 0), run('completed', 0.05))).toEqual([false, false]);
		expect(bestOf(figures.stall, run('completed', 0), run('completed', 3))).toEqual([true, false]);
		// Counts: one fault more than none is a difference.
		expect(bestOf(figures.faults, run('completed', 0), run('completed', 1))).toEqual([true, false]);
		expect(bestOf(figures.pages, run('completed', 1_048_576), run('completed', 1_050_000))).toEqual([false, false]);
	});

	it('never marks rounds: fewer rounds is not better in itself', () => {
		expect(bestOf(figures.rounds, run('completed', 19), run('completed', 1))).toEqual([false, false]);
	});
});

describe('compareFigures', () => {
	it('is a tie within the tolerance, and where the display shows the same digits', () => {
		expect(compareFigures(1e12, 1e12 + 1, 'bytes')).toBe(0);
		expect(compareFigures(-3, -3, 'count')).toBe(0);
		expect(compareFigures(100, 100 * (1 + TOLERANCE.time.relative / 2), 'time')).toBe(0);
		expect(compareFigures(100, 100 * (1 + TOLERANCE.time.relative * 2), 'time')).toBe(-1);
		expect(compareFigures(3000, 2000, 'time')).toBe(1);
		// Past the tolerance but the same on screen (a sweep's mean count over seeds): 2 and 2.4 both read "2".
		expect(compareFigures(2, 2.4, 'count')).toBe(0);
		expect(compareFigures(2, 2.6, 'count')).toBe(-1);
	});
});
