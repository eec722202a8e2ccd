// The sweep through the built CLI (npm test builds first): CSV against race --json,
// one worker against two, colour and glyph modes, and bad input.
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {csvColumns} from '../../source/sweep/csv.js';
import {cli} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-sweep-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const scenario = ['--memory', '128MiB', '--algorithms', 'precopy,postcopy,hybrid', '--policy', 'qemu', '--auto-converge'];
const sweepArgs = ['sweep', '--param', 'dirty-rate', '--from', '5000', '--to', '60000', '--steps', '4', '--repeat', '2', ...scenario];
const allMetrics = ['--metrics', 'downtime,total-time,pages,faults,degradation'];

function csvRows(file: string): string[][] {
	return readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
}

describe('livemig sweep', () => {
	const csv1 = join(dir, 'one.csv');
	const csv2 = join(dir, 'two.csv');
	const one = cli([...sweepArgs, ...allMetrics, '--workers', '1', '--csv', csv1]);
	const two = cli([...sweepArgs, ...allMetrics, '--workers', '2', '--csv', csv2]);

	it('runs headless with nothing on stderr (no progress bar off a terminal)', () => {
		expect(one.stderr).toBe('');
		expect(one.status).toBe(0);
		expect(two.status).toBe(0);
	});

	it('gives byte-identical output and CSV with one worker and with two', () => {
		expect(two.stdout).toBe(one.stdout);
		expect(readFileSync(csv2, 'utf8')).toBe(readFileSync(csv1, 'utf8'));
	});

	it('gives the same output for the same seed, byte for byte', () => {
		expect(cli([...sweepArgs, ...allMetrics]).stdout).toBe(one.stdout);
	});

	it('writes one CSV row per point, algorithm and seed, with the documented columns', () => {
		const rows = csvRows(csv1);
		expect(rows[0].join(',')).toBe('param,value,algorithm,seed,outcome,totalTimeMs,downtimeMs,pagesTransferred,bytesTransferred,networkFaults,degradationMs');
		expect(rows.length - 1).toBe(4 * 3 * 2);
		const keys = new Set(rows.slice(1).map((r) => `${r[1]}/${r[2]}/${r[3]}`));
		expect(keys.size).toBe(24);
		expect(new Set(rows.slice(1).map((r) => r[3]))).toEqual(new Set(['42', '43']));
		expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});

	it('has the figures of a single race --json at the same point and seed', () => {
		const rows = csvRows(csv1).slice(1);
		for (const [value, seed] of [['5000', '42'], ['23333.333333333332', '43'], ['60000', '43']]) {
			const race = cli(['race', '--json', ...scenario, '--dirty-rate', value, '--seed', seed]);
			expect(race.status).toBe(0);
			const results = JSON.parse(race.stdout).results as Array<Record<string, unknown>>;
			for (const r of results) {
				const row = rows.find((x) => x[1] === value && x[2] === r.algorithm && x[3] === seed);
				expect(row, `${value} ${r.algorithm} ${seed}`).toBeDefined();
				for (const [c, column] of csvColumns.entries()) if (c >= 4) expect(row![c], column).toBe(String(r[column]));
			}
		}
	});

	it('charts every metric with a legend, then its table and crossover lines', () => {
		const lines = one.stdout.split('\n');
		for (const title of [/^downtime \(ms\)$/, /^total time \((ms|s)\)$/, /^pages sent( \(thousands\))?$/, /^network faults( \(thousands\))?$/, /^degradation \((ms|s)\)$/])
			expect(lines.some((l) => title.test(l)), String(title)).toBe(true);
		expect(one.stdout).toContain('pre-copy (qemu)');
		expect(one.stdout).toMatch(/dirty rate \(pages\/s\) +pre-copy \(qemu\) +post-copy +hybrid/);
		// Two seeds: mean and range.
		expect(one.stdout).toMatch(/\d \(\d[\d,.]*[-–]\d[\d,.]*\)/);
		expect(one.stdout).toMatch(/hybrid's degradation beats pre-copy's above [\d,]+ pages\/s/);
	});

	it('prints every report with --json', () => {
		const json = cli([...sweepArgs, '--json']);
		const doc = JSON.parse(json.stdout);
		expect(doc.sweep.param).toBe('dirty-rate');
		expect(doc.runs).toHaveLength(8);
		const race = JSON.parse(cli(['race', '--json', ...scenario, '--dirty-rate', '60000', '--seed', '43']).stdout);
		expect(doc.runs.find((r: {value: number; seed: number}) => r.value === 60000 && r.seed === 43).results).toEqual(race.results);
	});
});

describe('sweep output modes', () => {
	const small = ['sweep', '--param', 'bandwidth', '--from', '1Gbit/s', '--to', '4Gbit/s', '--steps', '3', '--memory', '64MiB'];
	// Escape sequences: ESC [ ... m.
	const ansi = /\x1b\[[0-9;]*m/;

	it('colours series only when colour is wanted', () => {
		expect(cli(small, {FORCE_COLOR: '1', LANG: 'C.UTF-8'}).stdout).toMatch(ansi);
		expect(cli([...small, '--no-color'], {FORCE_COLOR: '1', LANG: 'C.UTF-8'}).stdout).not.toMatch(ansi);
		expect(cli(small, {FORCE_COLOR: '1', NO_COLOR: '1', LANG: 'C.UTF-8'}).stdout).not.toMatch(ansi);
	});

	it('uses ASCII only with --ascii or a non-UTF-8 locale, and Unicode glyphs otherwise', () => {
		const unicode = cli(small, {LANG: 'C.UTF-8', LC_ALL: ''}).stdout;
		expect(unicode).toContain('●');
		for (const out of [cli([...small, '--ascii'], {LANG: 'C.UTF-8'}).stdout, cli(small, {LANG: 'C', LC_ALL: ''}).stdout]) {
			expect(out).toMatch(/^[\x00-\x7f]*$/);
			expect(out).toContain('O pre-copy (xen)   X post-copy');
		}
	});

	it('sizes the chart to the width it is given', () => {
		const lines = cli(small, {COLUMNS: '200'}).stdout.split('\n');
		expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
	});
});

describe('sweep: bad input exits 2 with one line naming the flag', () => {
	const ok = ['sweep', '--param', 'dirty-rate', '--from', '1000', '--to', '2000', '--memory', '64MiB'];
	it.each([
		[['sweep', '--from', '1', '--to', '2'], '--param'],
		[['sweep', '--param', 'speed', '--from', '1', '--to', '2'], '--param'],
		[['sweep', '--param', 'rtt', '--from', 'soon', '--to', '2ms'], '--from'],
		[[...ok, '--steps', '0'], '--steps'],
		[[...ok, '--metrics', 'joy'], '--metrics'],
		[[...ok, '--dirty-rate', '5'], '--dirty-rate'],
		[['sweep', '--param', 'rtt', '--from', '1ms', '--to', '2ms', '--memory', 'big'], '--memory'],
		[[...ok, '--csv', join(dir, 'missing', 'x.csv')], '--csv'],
		[['sweep', '--param', 'wss', '--from', '1MiB', '--to', '128MiB', '--memory', '64MiB', '--steps', '2', '--workload', 'hotspot'], '--param wss at 128 MiB'],
		[[...ok, 'extra'], 'sweep: unexpected argument'],
		[[...ok, '--workers', 'many'], '--workers'],
	])('%j', (args, flag) => {
		const r = cli(args);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain(`livemig: ${flag}`);
	});
});
