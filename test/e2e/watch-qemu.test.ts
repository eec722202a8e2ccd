// `livemig watch` on a real QEMU 7.2 pre-copy migration (TCG, a 64 MiB guest dirtying 8 MiB/s,
// loopback, max-bandwidth 16 MiB/s: a few passes, then completed), read through a pty and a
// headless xterm; then `replay --json` of its recording gives QMP's own totals.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {reportSchema} from '../../source/report/report-schema.js';
import {cli, type Session, spawnCli} from './pty.js';
import {type QemuPair, qemuMissing, startPair} from './qemu-pair.js';

const missing = qemuMissing();
if (missing) console.warn(`skipping the real-QEMU watch test: ${missing}`);

const MiB = 1024 * 1024;

describe.skipIf(missing !== null)('livemig watch on a real QEMU migration', () => {
	let pair: QemuPair;
	let session: Session | undefined;
	beforeAll(async () => {
		pair = await startPair(64, {rate: 2048, wssPages: 2048, basePage: 512, fillMiB: 32, pattern: 'random', seed: 1});
	}, 60_000);
	afterAll(async () => {
		session?.close();
		await pair?.close();
	});

	it('shows the passes to completed with QMP\'s downtime, and the recording replays to the same totals', async () => {
		const record = path.join(pair.dir, 'run.jsonl');
		session = spawnCli(['watch', '--qmp', pair.watchSocket, '--qmp-dest', pair.destWatchSocket, '--record', record], {columns: 100, rows: 30});
		const s = session;
		await s.waitFor('the console waiting', (x) => x.text().includes('waiting for a migration'), 15_000);
		const caps = (names: string[]) => ({capabilities: names.map((capability) => ({capability, state: true}))});
		await pair.src.execute('migrate-set-capabilities', caps(['events']));
		await pair.dst.execute('migrate-set-capabilities', caps(['events']));
		await pair.src.execute('migrate-set-parameters', {'max-bandwidth': 16 * MiB, 'downtime-limit': 300});
		await pair.dst.execute('migrate-incoming', {uri: `tcp:127.0.0.1:${pair.port}`});
		await pair.guestReady();
		await pair.src.execute('migrate', {uri: `tcp:127.0.0.1:${pair.port}`});
		await s.waitFor('a pre-copy pass', (x) => /pre-copy pass \d/.test(x.text()), 20_000);
		await s.waitFor('completed', (x) => /completed: downtime \d/.test(x.text()), 90_000);
		let info: {status: string; downtime: number; 'total-time': number; ram: {transferred: number}};
		for (;;) {
			info = await pair.src.execute('query-migrate');
			if (info.status === 'completed' && info['total-time'] > 0) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const screen = s.text();
		if (process.env.SHOW_SCREEN) console.log(screen);
		expect(screen).toContain(`completed: downtime ${info.downtime.toLocaleString('en-US')} ms, total time ${info['total-time'].toLocaleString('en-US')} ms`);
		expect(screen).toMatch(/passes \([2-9]\d*\)/);
		s.press('q');
		const exit = await s.exited;
		expect(exit.exitCode).toBe(0);
		// The terminal is restored: the alternate screen left, the cursor shown.
		expect(s.output()).toContain('\u001B[?1049l');
		expect(s.output().lastIndexOf('\u001B[?25h')).toBeGreaterThan(s.output().lastIndexOf('\u001B[?25l'));

		if (process.env.SHOW_SCREEN) fs.copyFileSync(record, '/tmp/watch-run.jsonl');
		const lines = fs.readFileSync(record, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(lines[0].type).toBe('start');
		expect(lines.at(-1)).toMatchObject({type: 'end', reason: 'completed'});
		expect(lines.some((l) => l.type === 'event' && l.event === 'MIGRATION_PASS')).toBe(true);
		const out = spawnSync(process.execPath, [cli, 'replay', record, '--json'], {encoding: 'utf8'});
		expect(out.status).toBe(0);
		const report = reportSchema.parse(JSON.parse(out.stdout));
		const r = report.results[0]!;
		expect(r.outcome).toBe('completed');
		expect(r.totalTimeMs).toBe(info['total-time']);
		expect(r.downtimeMs).toBe(info.downtime);
		expect(r.bytesTransferred).toBe(info.ram.transferred);
		expect(r.qemu.downtime).toBe(info.downtime);
		expect(r.rounds.length).toBeGreaterThanOrEqual(2);
	}, 120_000);
});
