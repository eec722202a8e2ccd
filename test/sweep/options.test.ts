import {describe, expect, it} from 'vitest';
import {UsageError} from '../../source/basics/errors.js';
import {findParam, sweepParams, sweepValues} from '../../source/sweep/params.js';
import {parseSweepOptions} from '../../source/sweep/sweep-options.js';
import {formatPoints} from '../../source/sweep/table.js';

const base = {param: 'dirty-rate', from: '1000', to: '12000', steps: '12'};

function usageError(raw: Record<string, string | boolean>): string {
	try {
		parseSweepOptions(raw, 4096);
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}
	throw new Error('expected a UsageError');
}

describe('sweep parameters', () => {
	it('covers the parameters the issue asks for', () => {
		for (const name of ['dirty-rate', 'bandwidth', 'memory', 'wss', 'rtt', 'precopy-rounds', 'downtime-limit', 'max-rounds'])
			expect(findParam(name), name).toBeDefined();
		expect(new Set(sweepParams.map((p) => p.name)).size).toBe(sweepParams.length);
	});

	it('spaces points evenly, or geometrically with --log, with exact ends', () => {
		const p = findParam('dirty-rate')!;
		expect(sweepValues(p, 1000, 12000, 12, false, 4096)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000]);
		const log = sweepValues(p, 100, 10000, 3, true, 4096);
		expect(log[0]).toBe(100);
		expect(log[1]).toBeCloseTo(1000, 9);
		expect(log[2]).toBe(10000);
	});

	it('snaps sizes to whole pages and rounds to whole numbers', () => {
		expect(sweepValues(findParam('memory')!, 1e9, 2e9, 3, false, 4096).every((v) => v % 4096 === 0)).toBe(true);
		expect(sweepValues(findParam('max-rounds')!, 1, 30, 4, false, 4096)).toEqual([1, 11, 20, 30]);
	});

	it('takes --from and --to in the flag\'s own units', () => {
		const o = parseSweepOptions({param: 'bandwidth', from: '100Mbit/s', to: '10Gbit/s', steps: '3', log: true}, 4096);
		expect(o.values[0]).toBe(1e8);
		expect(o.values[2]).toBe(1e10);
		expect(parseSweepOptions({param: 'rtt', from: '0', to: '50ms', steps: '2'}, 4096).values).toEqual([0, 50]);
		expect(parseSweepOptions({param: 'memory', from: '1GiB', to: '4GiB', steps: '4'}, 4096).values).toEqual([1, 2, 3, 4].map((g) => g * 2 ** 30));
	});

	it('shows points to the fewest figures that tell them apart', () => {
		expect(formatPoints([0.5, 0.767064, 1.17677, 10], {unit: 'Gbit/s', scale: 1})).toEqual(['0.5', '0.767', '1.18', '10']);
		expect(formatPoints([12345, 12346], {unit: 'pages/s', scale: 1})).toEqual(['12,345', '12,346']);
		expect(formatPoints([1, 1.0001], {unit: 'ms', scale: 1})).toEqual(['1', '1.0001']);
	});
});

describe('sweep options: each bad value names its flag', () => {
	it.each([
		[{...base, param: ''}, /^--param: sweep needs --param NAME/],
		[{...base, param: 'colour'}, /^--param: unknown parameter "colour" \(known: dirty-rate, /],
		[{...base, dirtyRate: '5'}, /^--dirty-rate: the sweep sets it/],
		[{...base, from: ''}, /^--from: sweep needs --from/],
		[{...base, to: 'lots'}, /^--to: must be a number/],
		[{...base, param: 'bandwidth', from: '1GB', to: '2Gbit/s'}, /^--from: must be a rate/],
		[{...base, to: '500'}, /^--to: must be above --from/],
		[{...base, from: '0', log: true}, /^--from: must be above zero with --log/],
		[{...base, steps: '1'}, /^--steps: must be at least 2/],
		[{...base, steps: '2.5'}, /^--steps: must be a whole number/],
		[{...base, param: 'max-rounds', from: '1', to: '3', steps: '5'}, /^--steps: 5 points from 1 to 3 repeat a value/],
		[{...base, repeat: '0'}, /^--repeat: must be at least 1/],
		[{...base, metrics: 'downtime,speed'}, /^--metrics: unknown metric "speed"/],
		[{...base, workers: '0'}, /^--workers: must be at least 1/],
		[{...base, workers: '99'}, /^--workers: must be at most 16/],
		[{...base, csv: true}, /^--csv: needs a value/],
	])('%o', (raw, message) => {
		expect(usageError(raw as Record<string, string | boolean>)).toMatch(message);
	});
});
