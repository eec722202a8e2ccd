import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/basics/errors.js';
import {defaultScenario, MiB} from '../../source/core/index.js';
import {applyTrace} from '../../source/config/trace-attach.js';
import type {LoadedTrace} from '../../source/trace/format.js';
import {loadTrace} from '../../source/trace/load.js';
import {TraceParser, type TraceVm} from '../../source/trace/parse.js';

const vm: TraceVm = {memoryBytes: 64 * MiB, pageSizeBytes: 4096}; // 16,384 pages
const dir = mkdtempSync(join(tmpdir(), 'livemig-trace-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function parse(text: string, chunks: number[] = [], where: TraceVm | null = vm): LoadedTrace {
	const p = new TraceParser('t.trace', where);
	const bytes = Buffer.from(text, 'latin1');
	let at = 0;
	for (const size of chunks) {
		p.push(bytes.subarray(at, at + size));
		at += size;
	}
	p.push(bytes.subarray(at));
	return p.finish();
}

function errorOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}
	throw new Error('expected a UsageError');
}

describe('trace format', () => {
	it('reads accesses, comments, blank lines, tabs, CRLF and trailing comments', () => {
		const t = parse('# a trace\n\n0 5 w\r\n  0.5\t7\tr  # a read\n1e3 16383 w\n2000 0 r');
		expect([...t.writeTimes]).toEqual([0, 1000]);
		expect([...t.writePages]).toEqual([5, 16383]);
		expect([...t.readTimes]).toEqual([0.5, 2000]);
		expect([...t.readPages]).toEqual([7, 0]);
		expect(t.durationMs).toBe(2000);
		expect(t.maxPage).toBe(16383);
		expect(t.header).toBeNull();
	});

	it('takes page size, memory and duration from the header', () => {
		const t = parse('# x\nlivemig-trace v1 page-size=4KiB memory=1GiB duration=5s\n10 131071 w\n', [], vm);
		expect(t.header).toMatchObject({pageSizeBytes: 4096, memoryBytes: 2 ** 30, durationMs: 5000, line: 2});
		expect(t.durationMs).toBe(5000);
	});

	it('gives the same arrays however the bytes are split into chunks', () => {
		const text = 'livemig-trace memory=64MiB\n# c\n0 1 w\n0.25 2 r\r\n3.125 3 w # x\n\n4 4 r\n5 16383 w\n';
		const whole = parse(text);
		fc.assert(
			fc.property(fc.array(fc.integer({min: 0, max: 12}), {maxLength: 30}), (chunks) => {
				const t = parse(text, chunks);
				expect([...t.writeTimes, ...t.writePages, ...t.readTimes, ...t.readPages]).toEqual([...whole.writeTimes, ...whole.writePages, ...whole.readTimes, ...whole.readPages]);
			}),
		);
	});

	it('reads back every time written with String(t), exactly', () => {
		fc.assert(
			fc.property(fc.array(fc.double({min: 0, max: 1e15, noNaN: true}), {minLength: 1, maxLength: 50}), (raw) => {
				const times = [...raw].sort((a, b) => a - b);
				const t = parse(times.map((x, i) => `${x} ${i % 100} w\n`).join(''));
				expect([...t.writeTimes]).toEqual(times);
			}),
			{numRuns: 300},
		);
	});
});

describe('bad traces: one error naming the file and the line', () => {
	it.each([
		['0 1 w\n1 2\n', 2, /expected "TIME_MS PAGE r\|w", got "1 2"/],
		['0 1 w\n\n1 2 x\n', 3, /the access is r or w/],
		['0 1 w\n1 2 w extra\n', 2, /expected "TIME_MS PAGE r\|w"/],
		['# c\nabc 1 w\n', 2, /expected "TIME_MS PAGE/],
		['1.5.2 1 w\n', 1, /expected "TIME_MS PAGE/],
		['10 1 w\n# c\n9.5 1 r\n', 3, /time 9.5 ms goes backwards \(line 1 is at 10 ms\)/],
		['0 1 w\n0 16384 r\n', 2, /page 16384 is past the end of memory \(16384 pages of 4 KiB: 0 to 16383\)/],
		['livemig-trace memory=1MiB\n0 256 w\n', 2, /page 256 is past the end of memory \(256 pages/],
		['-1 1 w\n', 1, /time -1 is negative/],
		['1e999 1 w\n', 1, /not a finite number/],
		['0 1 w\nlivemig-trace memory=1GiB\n', 2, /header must come before the first access/],
		['livemig-trace memory=1GiB\nlivemig-trace memory=1GiB\n', 2, /a second header \(the first is on line 1\)/],
		['livemig-trace colour=red\n', 1, /unknown header key "colour"/],
		['livemig-trace v9\n', 1, /unknown trace format version "v9"/],
		['livemig-trace memory=lots\n', 1, /memory: must be a size/],
		['livemig-trace page-size=3000\n', 1, /page-size must be 4KiB/],
		// A trace counts 4 KiB pages: the host page size is --page-size, not the trace's.
		['livemig-trace page-size=2MiB\n', 1, /page-size must be 4KiB \(a trace counts 4 KiB pages; the host page size is --page-size\), got 2 MiB/],
		['livemig-trace duration=1s\n0 1 w\n1001 1 w\n', 3, /past the header's duration \(1000 ms, line 1\)/],
		['0 1 w\n1 99999999999 w\n', 2, /past the largest VM the model takes/],
		[`0 1 w\n${'9'.repeat(5000)}`, 2, /longer than 4096 bytes/],
	])('%j', (text, line, message) => {
		const m = errorOf(() => parse(text));
		expect(m).toMatch(new RegExp(`^t\\.trace:${line}: `));
		expect(m).toMatch(message);
		// Split anywhere, the error is the same.
		expect(errorOf(() => parse(text, [1, 2, 3]))).toBe(m);
	});
});

describe('trace files', () => {
	const text = '# t\n0 1 w\n1 2 r\n';

	it('tells gzip by its magic bytes, not its name', async () => {
		writeFileSync(join(dir, 'packed.txt'), gzipSync(text));
		writeFileSync(join(dir, 'plain.gz'), text);
		for (const name of ['packed.txt', 'plain.gz']) {
			const t = await loadTrace(join(dir, name), vm);
			expect([...t.writePages, ...t.readPages]).toEqual([1, 2]);
		}
	});

	it('refuses a missing file and damaged gzip in one line', async () => {
		await expect(loadTrace(join(dir, 'nope'), vm)).rejects.toThrow(/^--trace: cannot read .*nope: no such file$/);
		writeFileSync(join(dir, 'bad.gz'), gzipSync(text).subarray(0, 12));
		await expect(loadTrace(join(dir, 'bad.gz'), vm)).rejects.toThrow(/bad\.gz: the gzip data is damaged|bad\.gz/);
	});

	it('checks pages against a smaller memory later, still naming the line', async () => {
		writeFileSync(join(dir, 'wide.trace'), '# c\n0 1 w\n1 5000 r\n2 9000 w\n');
		const t = await loadTrace(join(dir, 'wide.trace'), null);
		const s = defaultScenario();
		s.memoryBytes = 16 * MiB; // 4,096 pages
		s.workload = {...s.workload, kind: 'trace', pattern: 'trace'};
		await expect(applyTrace(s, t, false)).rejects.toThrow(/wide\.trace:3: page 5000 is past the end of memory \(4096 pages/);
	});

	it('refuses a trace that uses a page ballooning left free, naming the line', async () => {
		const s = defaultScenario();
		s.memoryBytes = 64 * MiB;
		s.workload = {...s.workload, kind: 'trace', pattern: 'trace'};
		s.freeFraction = 0.5;
		s.postcopy.balloon = true;
		const lines = Array.from({length: 16384}, (_, p) => `${p} ${p} w`).join('\n');
		writeFileSync(join(dir, 'all.trace'), `# every page\n${lines}\n`);
		const t = await loadTrace(join(dir, 'all.trace'), s);
		const error = await applyTrace(s, t, false).catch((e: Error) => e);
		expect(error).toBeInstanceOf(UsageError);
		const [, line, page] = /all\.trace:(\d+): page (\d+) is free memory here \(--free-memory 50%, seed 42\)/.exec((error as Error).message)!;
		expect(Number(line)).toBe(Number(page) + 2);
		// Without --balloon the same trace replays: free pages are then ordinary memory.
		s.postcopy.balloon = false;
		await applyTrace(s, t, false);
		expect(s.trace?.writeTimes.length).toBe(16384);
	});
});
