// A race over 2^22 pages runs on worker threads; with a trace, the worker must replay the
// very trace the main thread has (it used to get the scenario without the trace's arrays).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveOptions} from '../../source/config/resolve.js';
import {buildReport} from '../../source/report/report.js';
import {runAll} from '../../source/run/headless.js';
import {runOne} from '../../source/run/run-one.js';
import {attachTrace} from '../../source/config/trace-attach.js';
import {cli, cliPath} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-worker-trace-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

// 32 GiB of 4 KiB pages: 2^23 pages, past the race's worker threshold. The accesses land
// early, on pages far apart, so every algorithm's figures depend on them.
const trace = join(dir, 't.txt');
writeFileSync(trace, ['0.1 5 w', '0.3 8000000 w', '0.5 70 r', '1 3 w', '2 4194304 r', '3 8388607 w', ''].join('\n'));
const flags = {workload: 'trace', trace, memory: '32GiB', bandwidth: '100Gbit/s', algorithms: 'precopy,postcopy,hybrid'};
const argv = ['race', '--json', '--workload', 'trace', '--trace', trace, '--memory', '32GiB', '--bandwidth', '100Gbit/s', '--algorithms', 'precopy,postcopy,hybrid'];

/** The same race, resolved and run in this thread, one algorithm after another. */
async function singleThread() {
	const run = resolveOptions(flags);
	await attachTrace(run);
	expect(run.scenario.trace?.writeTimes.length).toBe(4);
	return {scenario: run.scenario, results: runAll(run.scenario, run.algorithms)};
}

describe('trace replay on worker threads', () => {
	it('race --json over 2^22 pages gives the report a single-thread run gives', async () => {
		const r = cli(argv);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const {scenario, results} = await singleThread();
		expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(buildReport(scenario, results))));
	});

	it('a job run on a worker (forced, whatever the core count) equals the same job run here', async () => {
		// The built pool: under vitest the source pool has no built worker file to start.
		const pool = (await import(cliPath.replace(/cli\.js$/, 'run/pool.js'))) as typeof import('../../source/run/pool.js');
		const {scenario} = await singleThread();
		for (const algorithm of ['postcopy', 'precopy'] as const) {
			const far = pool.runInWorker({scenario, algorithm, forkHybrid: algorithm === 'precopy'});
			expect(far).not.toBeNull();
			const here = runOne(scenario, algorithm, algorithm === 'precopy');
			expect(await far).toEqual(here);
		}
	});
});
