// A built-in workload written out as a trace replays to the same results, figure for figure.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveOptions} from '../../source/config/resolve.js';
import type {MigrationResult, Scenario} from '../../source/core/index.js';
import {runAll} from '../../source/run/headless.js';
import {applyTrace} from '../../source/config/trace-attach.js';
import {TraceParser} from '../../source/trace/parse.js';
import {type TraceCounts, traceText} from '../../source/trace/write.js';
import {cli} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-replay-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const algorithms = ['precopy', 'postcopy', 'hybrid'] as const;

/** The trace of `flags`' workload, parsed back in small chunks, on a trace scenario. */
async function replayScenario(flags: Record<string, string | boolean>, durationMs: number): Promise<Scenario> {
	const {scenario} = resolveOptions(flags);
	const counts: TraceCounts = {writes: 0, reads: 0};
	const parser = new TraceParser('synth.trace', null);
	for (const chunk of traceText(scenario, durationMs, ['synthesized'], counts)) {
		const bytes = Buffer.from(chunk);
		for (let at = 0; at < bytes.length; at += 4093) parser.push(bytes.subarray(at, at + 4093));
	}
	const replay = resolveOptions({...flags, workload: 'trace', trace: 'synth.trace'}).scenario;
	replay.memoryBytes = 1; // the header must put it back
	await applyTrace(replay, parser.finish(), false);
	return replay;
}

function figures(results: MigrationResult[]): MigrationResult[] {
	return results.map((r) => ({...r}));
}

describe('replaying a synthesized trace', () => {
	const cases: Array<[string, Record<string, string | boolean>]> = [
		['hotspot', {workload: 'hotspot', memory: '64MiB'}],
		['uniform, 2 MiB host pages (a trace counts 4 KiB pages whatever the host page)', {workload: 'uniform', memory: '64MiB', pageSize: '2MiB', seed: '7'}],
		['sequential', {workload: 'sequential', memory: '64MiB', wss: '16MiB'}],
		// A trace is one access stream: the built-in side of a 2-vCPU preset runs on one too.
		['web, qemu policy with auto-converge (throttling delays VM time)', {workload: 'web', vcpus: '1', memory: '64MiB', policy: 'qemu', autoConverge: true, dirtyRate: '40000'}],
		['mmuncher, xen with rate limiting', {workload: 'mmuncher', memory: '64MiB', rateLimit: true}],
		['kernel-compile, hybrid after 3 rounds, no pre-paging', {workload: 'kernel-compile', vcpus: '1', memory: '128MiB', precopyRounds: '3', prepaging: false}],
		['game over a slow, far link that fails and recovers', {workload: 'game', memory: '64MiB', bandwidth: '200Mbit/s', rtt: '20ms', linkDownAt: '3s', linkDownFor: '500ms'}],
		['idle', {workload: 'idle', memory: '64MiB'}],
	];

	it.each(cases)('%s: every figure equal', async (_, raw) => {
		// Non-pageable memory keeps out of the working set, which a trace does not carry (it
		// keeps out of the pages the trace writes): compared without it, as QEMU has none.
		const flags = {...raw, nonPageable: '0', algorithms: algorithms.join(',')};
		const durationMs = 30_000;
		const builtin = runAll(resolveOptions(flags).scenario, algorithms);
		// The claim holds while the migration ends inside the trace.
		for (const r of builtin) expect(r.totalTimeMs).toBeLessThan(durationMs);
		const replay = runAll(await replayScenario(flags, durationMs), algorithms);
		expect(figures(replay)).toEqual(figures(builtin));
	});
});

describe('trace command and replay through the CLI', () => {
	// Without non-pageable memory: see above.
	const flags = ['--workload', 'web', '--memory', '128MiB', '--seed', '9', '--non-pageable', '0', '--algorithms', 'precopy,postcopy,hybrid'];
	const file = join(dir, 'web.trace.gz');
	// trace writes accesses only: --non-pageable and --algorithms do not apply to it.
	const written = cli(['trace', ...flags.slice(0, -4), '--duration', '20s', '--out', file]);

	it('writes a gzipped trace that race replays to the same results', () => {
		expect(written.status).toBe(0);
		expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
		// The trace is one stream: web's two vCPUs as one.
		const builtin = JSON.parse(cli(['race', '--json', '--vcpus', '1', ...flags]).stdout);
		const replay = cli(['race', '--json', ...flags.slice(2), '--workload', 'trace', '--trace', file]);
		expect(replay.status).toBe(0);
		expect(JSON.parse(replay.stdout).results).toEqual(builtin.results);
	});

	it('sweeps over a trace, sharing it with worker threads, the same with one worker or two', () => {
		const args = ['sweep', '--workload', 'trace', '--trace', file, '--param', 'bandwidth', '--from', '500Mbit/s', '--to', '4Gbit/s', '--steps', '4', '--log', '--algorithms', 'postcopy,hybrid'];
		const one = cli([...args, '--workers', '1', '--csv', join(dir, 'one.csv')]);
		const two = cli([...args, '--workers', '2', '--csv', join(dir, 'two.csv')]);
		expect(one.status).toBe(0);
		expect(two.stdout).toBe(one.stdout);
		expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one.csv'), 'utf8'));
		// The header's 128 MiB, not the default 4 GiB, is the VM swept.
		expect(one.stdout).toContain('128 MiB VM');
	});

	it('writes the documented text format', () => {
		const out = cli(['trace', '--workload', 'hotspot', '--memory', '64MiB', '--duration', '5ms', '--out', '-']);
		expect(out.status).toBe(0);
		const lines = out.stdout.trimEnd().split('\n');
		expect(lines.filter((l) => l.startsWith('#')).length).toBeGreaterThan(0);
		expect(lines).toContain('livemig-trace v1 page-size=4096 memory=67108864 duration=5');
		const accesses = lines.filter((l) => /^\d/.test(l));
		expect(accesses.length).toBe(300); // 20,000 writes/s and 40,000 reads/s for 5 ms
		for (const l of accesses) expect(l).toMatch(/^[0-9.e+-]+ \d+ [rw]$/);
	});

	it('loops the trace with --trace-loop (the VM keeps writing after it ends)', () => {
		const file = join(dir, 'short.trace');
		expect(cli(['trace', '--workload', 'hotspot', '--memory', '64MiB', '--duration', '50ms', '--out', file]).status).toBe(0);
		const base = ['race', '--json', '--workload', 'trace', '--trace', file, '--algorithms', 'precopy'];
		const once = JSON.parse(cli(base).stdout).results[0];
		const looped = JSON.parse(cli([...base, '--trace-loop']).stdout).results[0];
		expect(looped.pagesTransferred).toBeGreaterThan(once.pagesTransferred);
	});

	it.each([
		['0 1 w\n5 2 r\n3 1 w\n', /bad\.trace:3: time 3 ms goes backwards/],
		['livemig-trace memory=1MiB\n0 300 w\n', /bad\.trace:2: page 300 is past the end of memory/],
		['0 1 q\n', /bad\.trace:1: expected "TIME_MS PAGE r\|w"/],
	])('refuses a bad trace with its line number, exit 2, nothing run: %j', (text, message) => {
		const file = join(dir, 'bad.trace');
		writeFileSync(file, text);
		const r = cli(['race', '--json', '--workload', 'trace', '--trace', file]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(r.stderr).toMatch(message);
	});

	it('refuses trace flags that do not fit, naming the flag', () => {
		expect(cli(['trace', '--workload', 'hotspot']).stderr).toMatch(/^livemig: --out: /);
		expect(cli(['trace', '--workload', 'hotspot', '--out', '-', '--duration', 'soon']).stderr).toMatch(/^livemig: --duration: /);
		expect(cli(['trace', '--workload', 'hotspot', '--out', '-', '--duration', '1000h']).stderr).toMatch(/^livemig: --duration: about [\d,]+ accesses/);
		const sweep = cli(['sweep', '--workload', 'trace', '--trace', join(dir, 'short.trace'), '--param', 'dirty-rate', '--from', '1', '--to', '2']);
		expect(sweep.status).toBe(2);
		expect(sweep.stderr).toMatch(/^livemig: --param: dirty-rate does not change a trace workload/);
	});
});
