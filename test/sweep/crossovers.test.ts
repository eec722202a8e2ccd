import {describe, expect, it} from 'vitest';
import {bestThroughout, findCrossovers} from '../../source/sweep/crossovers.js';

describe('findCrossovers', () => {
	it('interpolates where one series overtakes another', () => {
		// a - b goes 10 -> -10 between x = 10 and x = 20: they cross at 15, and a wins above it.
		const c = findCrossovers([0, 10, 20, 30], [[30, 20, 10, 0], [10, 10, 20, 30]], false, false, 'count');
		expect(c).toEqual([{better: 0, worse: 1, at: 15, until: null}]);
	});

	it('names the series that is better past the crossing', () => {
		const c = findCrossovers([1, 2], [[1, 3], [2, 2]], false, false, 'count');
		expect(c).toEqual([{better: 1, worse: 0, at: 1.5, until: null}]);
	});

	it('reports a second crossing as the end of the first', () => {
		const c = findCrossovers([0, 1, 2, 3], [[0, 2, 2, 0], [1, 1, 1, 1]], false, false, 'count');
		expect(c.map((x) => [x.better, x.at, x.until])).toEqual([
			[1, 0.5, 2.5],
			[0, 2.5, null],
		]);
	});

	it('ignores differences within the comparison\'s tolerance (float noise between equal figures)', () => {
		expect(findCrossovers([0, 1, 2], [[3.1, 3.1000001, 3.1], [3.1000001, 3.1, 3.1000002]], false, false, 'count')).toEqual([]);
	});

	it('interpolates in log space on a log sweep, and takes the next point on a whole-number one', () => {
		const [log] = findCrossovers([1, 100], [[0, 2], [1, 1]], true, false, 'count');
		expect(log.at).toBeCloseTo(10, 9);
		const [whole] = findCrossovers([1, 2, 3], [[0, 0, 2], [1, 1, 1]], false, true, 'count');
		expect(whole.at).toBe(3);
	});

	it('finds the series lowest at every point when nothing crosses', () => {
		expect(bestThroughout([[3, 3], [1, 2], [1, 2.5]], 'count')).toBe(1);
		expect(bestThroughout([[1, 3], [2, 2]], 'count')).toBe(-1);
	});
});
