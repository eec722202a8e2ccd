// `livemig watch` and `replay` from the built CLI, headless (stdout a pipe), against the fake
// QMP server: every bad input is one line and exit 2; QEMU vanishing or a failed migration is
// one line and exit 1 with the recording whole; a run that never converges gets the stall
// and the recommendation; a recording replays to the same lines and to a JSON report.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {reportSchema} from '../../source/report/report-schema.js';
import {cli} from '../e2e/pty.js';
import {type FakeQmp, fakeQmp, neverConverges} from './fake-qmp.js';

const fakes: FakeQmp[] = [];
afterEach(async () => {
	for (const f of fakes.splice(0)) await f.close();
});
async function fake(o: Parameters<typeof fakeQmp>[0]): Promise<FakeQmp> {
	const f = await fakeQmp(o);
	fakes.push(f);
	return f;
}

function run(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [cli, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, CI: 'true'}});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('exit', (code) => resolve({code, stdout, stderr}));
	});
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-watch-test-'));
const MiB = 1024 * 1024;

describe('watch: bad input is one line and exit 2', () => {
	it('no socket at the path', async () => {
		const r = await run(['watch', '--qmp', '/nonexistent/qmp.sock']);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('livemig: --qmp /nonexistent/qmp.sock: no such file (is QEMU running with -qmp unix:PATH,server=on,wait=off?)\n');
	});
	it('a regular file, not a socket', async () => {
		const f = path.join(tmp(), 'plain');
		fs.writeFileSync(f, 'x');
		const r = await run(['watch', '--qmp', f]);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(new RegExp(`^livemig: --qmp ${f}: not a socket .*\\n$`));
	});
	it('a socket that is not QMP (and no empty recording is left)', async () => {
		const f = await fake({migrate: () => ({}), greeting: 'garbage'});
		const record = path.join(tmp(), 'never.jsonl');
		const r = await run(['watch', '--qmp', f.path, '--record', record]);
		expect(r.code).toBe(2);
		expect(fs.existsSync(record)).toBe(false);
		// An old recording at that path is left as it was.
		fs.writeFileSync(record, 'old\n');
		expect((await run(['watch', '--qmp', f.path, '--record', record])).code).toBe(2);
		expect(fs.readFileSync(record, 'utf8')).toBe('old\n');
		expect(r.stderr).toMatch(/^livemig: --qmp .*qmp\.sock: not a QMP socket \(it said "SSH-2\.0-OpenSSH_9\.2"\)\n$/);
	});
	it('a socket that never greets: busy with another client (as QEMU does), or not QMP', async () => {
		const f = await fake({migrate: () => ({}), greeting: 'silent'});
		const r = await run(['watch', '--qmp', f.path]);
		expect(r.code).toBe(2);
		expect(r.stderr).toBe(`livemig: --qmp ${f.path}: no QMP greeting within 3 s: another client holds it (QEMU serves one client per QMP socket; add a -qmp socket for livemig), or it is not QMP\n`);
	});
	it('no --qmp, a bad --poll-interval, an unwritable --record', async () => {
		expect((await run(['watch'])).stderr).toBe('livemig: --qmp: watch needs --qmp PATH, the source QEMU\'s QMP socket\n');
		const f = await fake({migrate: () => ({})});
		const bad = await run(['watch', '--qmp', f.path, '--poll-interval', '1ms']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe('livemig: --poll-interval: 10ms to 10s, got 1ms\n');
		const rec = await run(['watch', '--qmp', f.path, '--record', '/nonexistent/run.jsonl']);
		expect(rec.code).toBe(2);
		expect(rec.stderr).toBe('livemig: --record /nonexistent/run.jsonl: cannot write it (its folder does not exist)\n');
		expect(f.received).not.toContain('query-migrate');
	});
});

describe('watch: a run that goes wrong', () => {
	it('QEMU going away mid-run: one line, exit 1, the recording whole', async () => {
		const f = await fake({migrate: neverConverges(1000), dieAtPoll: 6});
		const record = path.join(tmp(), 'run.jsonl');
		const r = await run(['watch', '--qmp', f.path, '--poll-interval', '20ms', '--record', record]);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`livemig: ${f.path}: QEMU went away (connection closed) (the recording ${record} is kept, whole lines up to here)\n`);
		const text = fs.readFileSync(record, 'utf8');
		expect(text.endsWith('\n')).toBe(true);
		const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(lines.filter((l) => l.type === 'poll')).toHaveLength(6);
		expect(lines.at(-1)).toMatchObject({type: 'end', reason: 'qemu-gone'});
	});
	it('a failed migration: one line naming it and QEMU\'s reason, exit 1', async () => {
		const f = await fake({migrate: (n) => (n < 3 ? neverConverges(1000)(n, []) : {status: 'failed', 'error-desc': 'Unable to write to socket: Broken pipe', 'total-time': 60})});
		const r = await run(['watch', '--qmp', f.path, '--poll-interval', '20ms']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`livemig: --qmp ${f.path}: the migration failed: Unable to write to socket: Broken pipe\n`);
		expect(r.stdout).toContain('failed after 60 ms: Unable to write to socket: Broken pipe');
	});
});

describe('watch: a migration that never converges', () => {
	it('says it stalled and what to do, records it, and replays to the same lines and a report', async () => {
		const f = await fake({migrate: neverConverges(24)});
		const record = path.join(tmp(), 'stall.jsonl');
		const r = await run(['watch', '--qmp', f.path, '--poll-interval', '20ms', '--record', record]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		if (process.env.SHOW) console.log(r.stdout);
		// The sent rate is measured between polls on the host clock: about 32 MiB/s.
		expect(lines.find((l) => l.startsWith('stalled'))).toMatch(/^stalled: remaining has not shrunk in 3 passes \(dirty 60 MiB\/s, sent \d+(\.\d+)? MiB\/s, expected downtime 1,500 ms vs limit 300 ms\)$/);
		expect(lines.findIndex((l) => l.startsWith('stalled'))).toBe(lines.findIndex((l) => l.startsWith('pass 4')) + 1);
		const advice = lines.find((l) => l.startsWith('recommendation: '));
		expect(advice).toContain('not converging (remaining has not shrunk in 3 passes)');
		expect(advice).toContain('enable auto-converge');
		expect(advice).toContain('raise downtime-limit from 300 ms to about 1500 ms');
		expect(advice).toContain('postcopy-ram');
		expect(lines.at(-1)).toMatch(/^cancelled after \d+ ms$/);
		// Never changed the migration: only reads, and the events capability.
		expect(new Set(f.received)).toEqual(new Set(['qmp_capabilities', 'query-migrate-parameters', 'query-migrate-capabilities', 'migrate-set-capabilities', 'query-migrate']));

		const replayed = await run(['replay', record]);
		expect(replayed.code).toBe(0);
		expect(replayed.stdout.trimEnd().split('\n').filter((l) => !l.startsWith('waiting'))).toEqual(lines.filter((l) => !l.startsWith('waiting')));
		const json = await run(['replay', record, '--json']);
		expect(json.code).toBe(0);
		const report = reportSchema.parse(JSON.parse(json.stdout));
		const res = report.results[0]!;
		expect(res.outcome).toBe('cancelled');
		expect(res.algorithm).toBe('precopy');
		expect(res.bytesTransferred).toBe(Math.round(24 * 0.64 * MiB));
		expect(res.rounds.length).toBe(9);
		expect(report.scenario.memoryBytes).toBe(128 * MiB);
		expect(report.scenario.precopy.policy).toBe('qemu');
	});
});

describe('replay: bad input', () => {
	it('a missing file, and a file that is not a recording', async () => {
		const missing = await run(['replay', '/nonexistent.jsonl']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe('livemig: /nonexistent.jsonl: cannot read it (no such file)\n');
		const f = path.join(tmp(), 'x.jsonl');
		fs.writeFileSync(f, '{"type":"poll","atMs":1}\n');
		const bad = await run(['replay', f]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe(`livemig: ${f}:1: the first line must be the "start" line, and only it\n`);
	});
});

describe('watch: interrupted', () => {
	it('SIGINT without a terminal: exit 130, the recording closed with an end line, the migration untouched', async () => {
		const f = await fake({migrate: neverConverges(100_000)});
		const record = path.join(tmp(), 'int.jsonl');
		const child = spawn(process.execPath, [cli, 'watch', '--qmp', f.path, '--poll-interval', '20ms', '--record', record], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		while (!out.includes('pass 2')) await new Promise((r) => setTimeout(r, 20));
		child.kill('SIGINT');
		const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
		expect(code).toBe(130);
		const lines = fs.readFileSync(record, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(lines.at(-1)).toMatchObject({type: 'end', reason: 'interrupted'});
		expect(f.received).not.toContain('migrate_cancel');
	});
});
