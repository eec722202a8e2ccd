// --page-size is the host page size (4KiB, 2MiB, 1GiB) and --fault-around a power of two 1 to
// 512: anything else is one line naming the flag, and exit code 2.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveOptions} from '../../source/config/resolve.js';
import {cli} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-hostpage-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function expectRefused(args: string[], message: RegExp) {
	const r = cli([...args, '--json']);
	expect(r.status).toBe(2);
	expect(r.stdout).toBe('');
	expect(r.stderr).toMatch(message);
	expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('--page-size and --fault-around', () => {
	const cases: Array<[string[], RegExp]> = [
		[['--page-size', '8KiB'], /^livemig: --page-size: the host page size must be 4KiB, 2MiB or 1GiB \(x86's page sizes\), got 8KiB$/m],
		[['--page-size', '512'], /^livemig: --page-size: the host page size must be 4KiB, 2MiB or 1GiB/],
		[['--page-size', '2MiB', '--memory', '3MiB'], /^livemig: --memory: must be a whole number of 2 MiB host pages \(--page-size\), got 3 MiB$/m],
		[['--fault-around', '3'], /^livemig: --fault-around: must be a power of two from 1 to 512 pages, got 3$/m],
		[['--fault-around', '1024'], /^livemig: --fault-around: must be a power of two from 1 to 512 pages, got 1024$/m],
		[['--fault-around', '0'], /^livemig: --fault-around: /],
		[['--fault-around', 'x'], /^livemig: --fault-around: /],
	];
	for (const [args, message] of cases) it(`refuses ${args.join(' ')}`, () => expectRefused(args, message));

	it('a trace whose header counts other than 4 KiB pages is refused', () => {
		const trace = join(dir, 't.txt');
		writeFileSync(trace, 'livemig-trace v1 page-size=8192 memory=64MiB duration=10\n1 5 w\n');
		expectRefused(['run', 'precopy', '--workload', 'trace', '--trace', trace], /page-size must be 4KiB \(a trace counts 4 KiB pages; the host page size is --page-size\), got 8 KiB/);
	});

	it('the scenario and the report carry fault-around only above 1: xen faults around 8 by default, qemu not at all', () => {
		expect(resolveOptions({}).scenario.postcopy.faultAroundPages).toBe(8);
		expect(resolveOptions({policy: 'qemu'}).scenario.postcopy.faultAroundPages).toBeUndefined();
		expect(resolveOptions({faultAround: '1'}).scenario.postcopy.faultAroundPages).toBeUndefined();
		const s = resolveOptions({faultAround: '16', pageSize: '2MiB'}).scenario;
		expect(s.postcopy.faultAroundPages).toBe(16);
		expect(s.pageSizeBytes).toBe(2 * 1024 * 1024);
		const r = cli(['run', 'postcopy', '--memory', '256MiB', '--json']);
		expect(r.status).toBe(0);
		const report = JSON.parse(r.stdout);
		expect(report.scenario.postcopy.faultAroundPages).toBe(8);
		expect(report.results[0].pagesReadahead).toBeGreaterThan(0);
		const plain = JSON.parse(cli(['run', 'postcopy', '--memory', '256MiB', '--policy', 'qemu', '--json']).stdout);
		expect(plain.results[0].pagesReadahead).toBeUndefined();
		expect('faultAroundPages' in plain.scenario.postcopy).toBe(false);
	});

	it('a scenario file sets them (vm.pageSize, postcopy.faultAround)', () => {
		const file = join(dir, 's.json');
		writeFileSync(file, JSON.stringify({$schema: './scenario.schema.json', vm: {memory: '256MiB', pageSize: '2MiB'}, postcopy: {faultAround: 16}}));
		const r = cli(['run', 'postcopy', '--scenario', file, '--json']);
		expect(r.stderr).toBe('');
		const report = JSON.parse(r.stdout);
		expect(report.scenario.pageSizeBytes).toBe(2 * 1024 * 1024);
		expect(report.scenario.postcopy.faultAroundPages).toBe(16);
	});
});
