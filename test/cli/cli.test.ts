import {describe, expect, it} from 'vitest';
import {reportSchema} from '../../source/report/report-schema.js';
import {cli} from './helpers.js';

describe('headless CLI', () => {
	it('race --json prints a report that follows the schema', () => {
		const r = cli(['race', '--json', '--memory', '256MiB', '--algorithms', 'precopy,postcopy,hybrid']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const report = reportSchema.parse(JSON.parse(r.stdout));
		expect(report.results.map((x) => x.algorithm)).toEqual(['precopy', 'postcopy', 'hybrid']);
		expect(report.scenario.memoryBytes).toBe(256 * 1024 * 1024);
		for (const x of report.results) expect(x.verified).toBe(true);
	});

	it('a big race (worker thread, hybrid forked off pre-copy) reports what each run alone reports', () => {
		const flags = ['--json', '--memory', '16GiB', '--bandwidth', '10Gbit/s', '--workload', 'game'];
		const race = cli(['race', ...flags, '--algorithms', 'precopy,postcopy,hybrid']);
		expect(race.status).toBe(0);
		const results = JSON.parse(race.stdout).results;
		for (const [i, algorithm] of ['precopy', 'postcopy', 'hybrid'].entries()) {
			const alone = cli(['run', algorithm, ...flags]);
			expect(JSON.stringify(results[i])).toBe(JSON.stringify(JSON.parse(alone.stdout).results[0]));
		}
	});

	it('run <algorithm> --json reports that algorithm only', () => {
		const r = cli(['run', 'hybrid', '--json', '--memory', '128MiB', '--precopy-rounds', '2']);
		expect(r.status).toBe(0);
		const report = reportSchema.parse(JSON.parse(r.stdout));
		expect(report.results).toHaveLength(1);
		expect(report.results[0].rounds.filter((x) => x.kind === 'live')).toHaveLength(2);
	});

	it('takes units on sizes, rates and times', () => {
		const r = cli(['run', 'precopy', '--json', '--memory', '0.5GiB', '--bandwidth', '10Gbit/s', '--rtt', '2ms', '--downtime-limit', '1s', '--policy', 'qemu']);
		expect(r.status).toBe(0);
		const s = JSON.parse(r.stdout).scenario;
		expect(s.memoryBytes).toBe(512 * 1024 * 1024);
		expect(s.bandwidthBitsPerSec).toBe(1e10);
		expect(s.rttMs).toBe(2);
		expect(s.precopy.downtimeLimitMs).toBe(1000);
	});

	it('without --json and without a TTY prints the summary table', () => {
		const r = cli(['--memory', '128MiB']);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/total time/);
		expect(r.stdout).toMatch(/pre-copy \(xen\)\s+post-copy/);
	});

	const bad: Array<[string[], RegExp]> = [
		[['--frobnicate'], /--frobnicate/],
		[['--algorithms', 'precopy,teleport'], /--algorithms: unknown algorithm "teleport"/],
		[['run', 'teleport'], /unknown algorithm "teleport"/],
		[['--workload', 'bitcoin'], /--workload: unknown workload "bitcoin"/],
		[['--memory', '-4GiB'], /--memory: must be a size/],
		[['--memory', '0'], /--memory: .*above zero/],
		[['--bandwidth', '0Gbit/s'], /--bandwidth: .*above zero/],
		[['--bandwidth', '1Gbananas'], /--bandwidth: must be a rate/],
		[['--memory', '4XB'], /--memory: must be a size/],
		[['--rtt', '5 parsecs'], /--rtt: must be a time/],
		[['--memory', '64TiB'], /--memory: .*past what the model supports/],
		[['--page-size', '3KiB'], /--page-size: the host page size must be 4KiB, 2MiB or 1GiB/],
		[['--free-memory', '120%'], /--free-memory/],
		[['--link-down-for', '2s'], /--link-down-for: needs --link-down-at/],
		[['--policy', 'vmware'], /--policy: must be xen, xen-today, qemu/],
		[['--max-rounds', '2.5'], /--max-rounds: must be a whole number/],
		[['teleport'], /unknown command "teleport"/],
		[['--memory'], /--memory: needs a value/],
		[['--scenario='], /--scenario: needs a file or a shipped scenario name/],
	];
	for (const [args, message] of bad) {
		it(`refuses ${args.join(' ')} with exit 2 and one line naming it`, () => {
			const r = cli([...args, '--json']);
			expect(r.status).toBe(2);
			expect(r.stdout).toBe('');
			expect(r.stderr).toMatch(message);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
		});
	}
});
