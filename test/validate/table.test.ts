import {describe, expect, it} from 'vitest';
import type {LivemigRun} from '../../validate/livemig-side.js';
import type {RealRun} from '../../validate/migrate.js';
import {caseRows, formatError, formatMarkdown, formatText, headline, median, withinBand} from '../../validate/table.js';

const real = (over: Partial<RealRun> = {}): RealRun => ({
	status: 'completed',
	totalTimeMs: 5000,
	setupTimeMs: 1,
	qemuDowntimeMs: 5,
	downtimeNote: null,
	pauseMs: 6,
	ramTransferredBytes: 80 * 1024 * 1024,
	normalPages: 20000,
	duplicatePages: 16000,
	dirtySyncCount: 6,
	livePasses: 5,
	syncsBeforeStop: 6,
	passEvents: 6,
	postcopyRequests: 0,
	maxThrottlePercent: 0,
	maxExpectedDowntimeMs: 100,
	queuedMedianBytes: null,
	queuedMaxBytes: null,
	samples: 50,
	wireBytes: 81 * 1024 * 1024,
	rateAsked: 2000,
	rateBefore: 1900,
	rateDuring: 1850,
	blockedMs: null,
	blocktimeMs: null,
	wallMs: 5050,
	series: [],
	...over,
});

const sim: LivemigRun = {
	outcome: 'completed',
	reason: '',
	totalTimeMs: 5500,
	downtimeMs: 150,
	bytesTransferred: 88 * 1024 * 1024,
	normalPages: 21000,
	zeroPages: 15500,
	liveRounds: 3,
	dirtySyncCount: 4,
	postcopyRequests: 0,
	stallMs: 0,
	maxThrottlePercent: 0,
	args: [],
};

describe('the comparison table', () => {
	it('errors are livemig relative to QEMU; counts also give the difference', () => {
		expect(formatError(5000, 5500, 'ms')).toBe('+10%');
		expect(formatError(6, 150, 'ms')).toBe('+2400%');
		expect(formatError(100, 97.5, 'bytes')).toBe('-2.5%');
		expect(formatError(5, 3, 'count')).toBe('-2 (-40%)');
		expect(formatError(0, 0, 'count')).toBe('0');
		expect(formatError(0, 12, 'count')).toBe('+12');
	});

	it('median of an even and an odd count', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('one row per metric that applies, with outcome first; zero on both sides is left out', () => {
		const rows = caseRows('cap-16', 'precopy', [real()], [sim]);
		expect(rows[0]).toEqual({caseName: 'cap-16', metric: 'outcome', qemu: 'completed', livemig: 'completed', error: 'same'});
		const by = Object.fromEntries(rows.map((r) => [r.metric, r]));
		expect(by['total time']).toMatchObject({qemu: '5000 ms', livemig: '5500 ms', error: '+10%'});
		expect(by['pause (STOP->RESUME)']).toMatchObject({qemu: '6.0 ms', livemig: '150 ms', error: '+2400%'});
		expect(by['live passes / rounds']).toMatchObject({qemu: '5', livemig: '3', error: '-2 (-40%)'});
		expect(by['post-copy requests']).toBeUndefined(); // a pre-copy case
		expect(by['max cpu throttle']).toBeUndefined(); // 0 and 0
	});

	it('a run QEMU cancelled that livemig completes is flagged', () => {
		const rows = caseRows('never', 'precopy', [real({status: 'cancelled', pauseMs: null, qemuDowntimeMs: null})], [sim]);
		expect(rows[0]).toMatchObject({qemu: 'cancelled', livemig: 'completed', error: 'DIFFERENT'});
		expect(rows.find((r) => r.metric === 'pause (STOP->RESUME)')).toMatchObject({qemu: '-', livemig: '150 ms', error: ''});
	});

	it('several runs: the median, then the band', () => {
		const rows = caseRows('pc', 'postcopy', [real({totalTimeMs: 100}), real({totalTimeMs: 140}), real({totalTimeMs: 120})], [
			{...sim, totalTimeMs: 120},
			{...sim, totalTimeMs: 180},
			{...sim, totalTimeMs: 150},
		]);
		// Both columns are medians over the runs (each real run has its own livemig run).
		expect(rows.find((r) => r.metric === 'total time')).toMatchObject({qemu: '120 ms (100 ms..140 ms)', livemig: '150 ms (120 ms..180 ms)', error: '+25%'});
		expect(rows.some((r) => r.metric === 'live passes / rounds')).toBe(false); // post-copy has none
	});

	it('text is aligned and names each case once; markdown escapes pipes', () => {
		const rows = caseRows('cap-16', 'precopy', [real()], [sim]);
		const lines = formatText(rows).split('\n');
		expect(lines[0]).toMatch(/^case\s+metric\s+QEMU\s+livemig\s+error$/);
		expect(new Set(lines.slice(2).map((l) => l.length)).size).toBeGreaterThan(0);
		expect(lines[2]!.startsWith('cap-16')).toBe(true);
		expect(lines[3]!.startsWith('      ')).toBe(true);
		// Right-aligned numbers: every "error" cell ends at the same column.
		const width = lines[0]!.length;
		for (const l of lines.slice(2)) expect(l.length).toBe(width);
		const md = formatMarkdown([{caseName: 'a|b', metric: 'm', qemu: '1', livemig: '2', error: '+1'}]);
		expect(md.split('\n')[2]).toBe('| a\\|b | m | 1 | 2 | +1 |');
	});
});

describe('the headline', () => {
	it('ranges over completed pre-copy cases, and names the cases whose outcome differs', () => {
		const h = headline([
			{name: 'a', mode: 'precopy', real: [real()], sims: [sim]},
			{name: 'b', mode: 'precopy', real: [real({totalTimeMs: 4000, pauseMs: 100, livePasses: 2})], sims: [{...sim, totalTimeMs: 3800, downtimeMs: 50, liveRounds: 2}]},
			{name: 'never', mode: 'precopy', real: [real({status: 'cancelled'})], sims: [sim]},
			{name: 'pc', mode: 'postcopy', real: [real({totalTimeMs: 1})], sims: [sim]},
		]);
		// a: +10% total, +10% bytes, pause 150/6 = 25x, rounds -2; b: -5%, +10%, 0.5x, 0.
		expect(h[0]).toBe("Completed pre-copy cases (2): livemig's total time -5% to +10% of QEMU's, bytes +10% to +10%, the guest's pause 0.50x to 25x QEMU's, live rounds -2 to +0.");
		expect(h[1]).toMatch(/^Completed post-copy and hybrid cases \(1\): total time within 10% of QEMU's band in 0 of 1 \(not pc\)/);
		expect(h[2]).toBe('Outcomes differ in never (QEMU cancelled, livemig completed); the same in the other 3.');
		expect(headline([{name: 'pc', mode: 'postcopy', real: [real()], sims: [sim]}])).toEqual([
			'No pre-copy case completed on both sides in this run.',
			"Completed post-copy and hybrid cases (1): total time within 10% of QEMU's band in 1 of 1; bytes within 5% of QEMU's band in 0 of 1 (not pc); requests within 3x of QEMU's band in 1 of 1; vCPU blocked within 2x of QEMU's band in 0 of 0.",
			'Outcomes: the same in all 1 cases.',
		]);
	});

	it("post-copy criteria compare livemig's median with QEMU's band, widened by the factor or the floor", () => {
		expect(withinBand([100, 140], 150, 1.1, 0)).toBe(true);
		expect(withinBand([100, 140], 155, 1.1, 0)).toBe(false);
		expect(withinBand([100, 140], 91, 1.1, 0)).toBe(true);
		expect(withinBand([100, 140], 90, 1.1, 0)).toBe(false);
		expect(withinBand([8, 12], 36, 3, 3)).toBe(true);
		expect(withinBand([8, 12], 37, 3, 3)).toBe(false);
		// 0 against 2 requests: inside the floor.
		expect(withinBand([0, 0], 2, 3, 3)).toBe(true);
		expect(withinBand([0, 0], 4, 3, 3)).toBe(false);
		const pc = (sims: LivemigRun[]) => headline([{name: 'pc', mode: 'postcopy', real: [real({postcopyRequests: 10, blocktimeMs: 50}), real({postcopyRequests: 14, blocktimeMs: 70})], sims}]);
		const ok = {...sim, totalTimeMs: 5000, bytesTransferred: 80 * 1024 * 1024, postcopyRequests: 30, stallMs: 100};
		expect(pc([ok, ok])[1]).toContain('requests within 3x of QEMU\'s band in 1 of 1; vCPU blocked within 2x of QEMU\'s band in 1 of 1.');
		expect(pc([{...ok, stallMs: 200}, {...ok, stallMs: 200}])[1]).toContain('vCPU blocked within 2x of QEMU\'s band in 0 of 1 (not pc)');
	});
});
