import {describe, expect, it} from 'vitest';
import {bestRuns, sameFigure} from '../../source/report/compare.js';

const run = (outcome: string, value: number) => ({outcome, value});
const best = (...runs: Array<{outcome: string; value: number}>) => bestRuns(runs, (r) => r.value);

describe('bestRuns', () => {
	it('marks the lowest value among completed runs', () => {
		expect(best(run('completed', 3), run('completed', 2), run('completed', 5))).toEqual([false, true, false]);
	});

	it('never marks a run that did not complete, however low its value', () => {
		for (const outcome of ['aborted', 'vm-lost', 'cancelled', 'running'])
			expect(best(run(outcome, 1), run('completed', 2), run('completed', 3)), outcome).toEqual([false, true, false]);
	});

	it('marks nothing when fewer than two runs completed', () => {
		expect(best(run('aborted', 1), run('completed', 2))).toEqual([false, false]);
		expect(best(run('completed', 2))).toEqual([false]);
		expect(best()).toEqual([]);
	});

	it('treats values equal up to float noise as a tie: all of them best, or none when all tie', () => {
		// Downtimes of the same length reached along two paths of arithmetic (precopy-wins, kernel-compile).
		expect(best(run('completed', 62.88000000000102), run('completed', 62.88))).toEqual([false, false]);
		expect(best(run('completed', 62.4), run('completed', 61.88), run('completed', 61.8799999999992))).toEqual([false, true, true]);
		expect(best(run('completed', 4.097152000002097), run('completed', 4.0971519999999995), run('completed', 5))).toEqual([true, true, false]);
		expect(best(run('completed', 0), run('completed', 0), run('completed', 1))).toEqual([true, true, false]);
	});

	it('still tells apart values that differ by more than float noise', () => {
		expect(best(run('completed', 61.88), run('completed', 61.881))).toEqual([true, false]);
		expect(best(run('completed', 0), run('completed', 1e-12))).toEqual([true, false]);
	});
});

describe('sameFigure', () => {
	it('is relative: a tolerance of about 1e-9 of the larger value', () => {
		expect(sameFigure(1e12, 1e12 + 1)).toBe(true);
		expect(sameFigure(1, 1 + 1e-6)).toBe(false);
		expect(sameFigure(-3, -3)).toBe(true);
	});
});
