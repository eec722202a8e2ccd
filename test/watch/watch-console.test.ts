// The watch console in a pty against the fake QMP server: the stall and the recommendation
// on screen; --control's keys ask first and send only on y; without --control they do nothing;
// QEMU vanishing restores the terminal before its one line.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cli, type Session, spawnCli} from '../e2e/pty.js';
import {type FakeQmp, fakeQmp, neverConverges} from './fake-qmp.js';

const fakes: FakeQmp[] = [];
const sessions: Session[] = [];
afterEach(async () => {
	for (const s of sessions.splice(0)) s.close();
	for (const f of fakes.splice(0)) await f.close();
});
async function setup(args: string[], o: Parameters<typeof fakeQmp>[0], size = {columns: 100, rows: 30}) {
	const f = await fakeQmp(o);
	fakes.push(f);
	const s = spawnCli(['watch', '--qmp', f.path, '--poll-interval', '50ms', ...args], size);
	sessions.push(s);
	return {f, s};
}

describe('the watch console', () => {
	it('shows the stall and the recommendation; --control cancels only after y', async () => {
		const {f, s} = await setup(['--control'], {migrate: neverConverges(100_000)});
		await s.waitFor('the stall', (x) => x.text().includes('stalled: remaining has not shrunk in 3 passes'), 20_000);
		await s.waitFor('the recommendation', (x) => /recommendation: not converging .*enable auto-converge/s.test(x.text().replace(/\s+/g, ' ')));
		expect(s.text()).toMatch(/pre-copy pass \d+/);
		// More passes than rows: the staircase shows the latest, and the frame (the wrapped
		// recommendation too) still fits the terminal: the title stays on the first row.
		await s.waitFor('pass 25', (x) => /pre-copy pass 2[5-9]/.test(x.text()), 20_000);
		expect(s.rows()[0]).toContain('livemig watch');
		expect(s.text()).toContain('stalled: remaining has not shrunk in 3 passes');
		expect(s.text()).toContain('q quit  c cancel  p post-copy  + raise downtime-limit');
		s.press('c');
		await s.waitFor('the question', (x) => x.text().includes('cancel the migration (migrate_cancel)? the VM stays at the source. y/n'));
		s.press('n');
		await s.waitFor('not sent', (x) => x.text().includes('not sent'));
		expect(f.received).not.toContain('migrate_cancel');
		s.press('+');
		await s.waitFor('the limit question', (x) => x.text().includes('set downtime-limit to 1500 ms (migrate-set-parameters)? y/n'));
		s.press('y');
		await s.waitFor('the new limit', (x) => x.text().includes('vs limit 1,500 ms'));
		expect(f.received).toContain('migrate-set-parameters');
		s.press('c');
		await s.waitFor('the question', (x) => x.text().includes('y/n'));
		s.press('y');
		await s.waitFor('cancelled', (x) => /cancelled after [\d,]+ ms/.test(x.text()));
		expect(f.received).toContain('migrate_cancel');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('without --control, c does nothing; at 80x24 the frame fits', async () => {
		const {f, s} = await setup([], {migrate: neverConverges(100_000)}, {columns: 80, rows: 24});
		await s.waitFor('a pass', (x) => /pre-copy pass 2/.test(x.text()));
		await s.waitFor('the stall', (x) => x.text().includes('stalled: remaining has not shrunk'), 20_000);
		await s.waitFor('pass 12', (x) => /pre-copy pass 1[2-9]/.test(x.text()), 20_000);
		expect(s.rows()[0]).toContain('livemig watch');
		expect(s.rows().find((r) => r.startsWith('pass '))).toMatch(/remaining 4\d MiB of 128 MiB$/);
		expect(s.text()).toContain('q quit (watching only: --control enables c, p, +)');
		s.press('c');
		await new Promise((r) => setTimeout(r, 300));
		expect(s.text()).not.toContain('y/n');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
		expect(new Set(f.received)).toEqual(new Set(['qmp_capabilities', 'query-migrate-parameters', 'query-migrate-capabilities', 'migrate-set-capabilities', 'query-migrate']));
	});

	it('QEMU going away: the terminal restored, then one line, exit 1', async () => {
		const {s} = await setup([], {migrate: neverConverges(100_000), dieAtPoll: 8});
		const exit = await s.exited;
		expect(exit.exitCode).toBe(1);
		const out = s.output();
		const restored = out.lastIndexOf('\u001B[?1049l');
		expect(restored).toBeGreaterThan(0);
		expect(out.indexOf('livemig: ')).toBeGreaterThan(restored);
		expect(out.slice(restored)).toMatch(/livemig: \S+qmp\.sock: QEMU went away \(connection closed\)\r?\n/);
	});
});

describe('the replay console', () => {
	it('plays a recording to its end, pauses with space, seeks back with the left arrow', async () => {
		const f = await fakeQmp({migrate: neverConverges(30)});
		fakes.push(f);
		const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-replay-')), 'run.jsonl');
		await new Promise((resolve) => spawn(process.execPath, [cli, 'watch', '--qmp', f.path, '--poll-interval', '50ms', '--record', record], {stdio: 'ignore'}).on('exit', resolve));
		const s = spawnCli(['replay', record], {columns: 100, rows: 30});
		sessions.push(s);
		await s.waitFor('a pass playing', (x) => /pre-copy pass [2-4]/.test(x.text()) && x.text().includes('playing at'));
		s.press(' ');
		await s.waitFor('paused', (x) => x.text().includes('paused at'));
		const at = /paused at (\S+ \S+)/.exec(s.text())![1];
		await new Promise((r) => setTimeout(r, 300));
		expect(s.text()).toContain(`paused at ${at}`);
		s.press(' ');
		await s.waitFor('the end', (x) => /cancelled after [\d,]+ ms/.test(x.text()) && x.text().includes('end at'), 15_000);
		expect(s.text()).toContain('stalled: remaining has not shrunk in 3 passes');
		s.press('\u001B[D');
		await s.waitFor('seeked back', (x) => !/cancelled after/.test(x.text()) && /pre-copy pass \d/.test(x.text()));
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});
});
