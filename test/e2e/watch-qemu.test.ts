// `livemig watch` on a real QEMU 7.2 pre-copy and post-copy migration (TCG, a 64 MiB guest dirtying 8 MiB/s,
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

interface Qmp {
	status: string;
	downtime: number;
	'total-time': number;
	ram: {transferred: number};
}

/** Waits for QEMU's final figures (query-migrate says `completed` before it fills them in). */
async function finalInfo(pair: QemuPair): Promise<Qmp> {
	for (;;) {
		const info = await pair.src.execute<Qmp>('query-migrate');
		if (info.status === 'completed' && info['total-time'] > 0) return info;
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Starts watch on the pair, then the migration as `begin` says; returns the session and recording. */
async function watchMigration(pair: QemuPair, caps: string[], begin: () => Promise<void>): Promise<{s: Session; record: string}> {
	const record = path.join(pair.dir, 'run.jsonl');
	const s = spawnCli(['watch', '--qmp', pair.watchSocket, '--qmp-dest', pair.destWatchSocket, '--record', record], {columns: 100, rows: 30});
	await s.waitFor('the console waiting', (x) => x.text().includes('waiting for a migration'), 15_000);
	const set = (names: string[]) => ({capabilities: names.map((capability) => ({capability, state: true}))});
	await pair.src.execute('migrate-set-capabilities', set(['events', ...caps]));
	await pair.dst.execute('migrate-set-capabilities', set(['events', ...caps]));
	await pair.src.execute('migrate-set-parameters', {'max-bandwidth': 16 * MiB, 'downtime-limit': 300});
	await pair.dst.execute('migrate-incoming', {uri: `tcp:127.0.0.1:${pair.port}`});
	await pair.guestReady();
	await begin();
	return {s, record};
}

/**
 * The final line watch must show: QMP's own downtime and total time, unless QEMU 7.2's quirk
 * struck (a downtime longer than the whole migration, the host's uptime: seen here in
 * post-copy), when watch says so and shows STOP to RESUME instead.
 */
function expectFinal(screen: string, info: Qmp): number | null {
	const total = info['total-time'].toLocaleString('en-US');
	if (info.downtime <= info['total-time']) {
		expect(screen).toContain(`completed: downtime ${info.downtime.toLocaleString('en-US')} ms, total time ${total} ms`);
		return info.downtime;
	}
	expect(screen.replace(/\s+/g, ' ')).toContain(`QEMU said downtime ${info.downtime} ms, longer than the whole migration (${info['total-time']} ms): shown is STOP to RESUME`);
	const shown = new RegExp(`completed: downtime (\\d+) ms, total time ${total} ms`).exec(screen);
	expect(shown).not.toBeNull();
	return Number(shown![1]);
}

function replayJson(record: string) {
	const out = spawnSync(process.execPath, [cli, 'replay', record, '--json'], {encoding: 'utf8'});
	expect(out.status).toBe(0);
	return reportSchema.parse(JSON.parse(out.stdout)).results[0]!;
}

const guest = {rate: 2048, wssPages: 2048, basePage: 512, fillMiB: 32, pattern: 'random', seed: 1} as const;

describe.skipIf(missing !== null)('livemig watch on a real QEMU pre-copy', () => {
	let pair: QemuPair;
	let session: Session | undefined;
	beforeAll(async () => {
		pair = await startPair(64, guest);
	}, 60_000);
	afterAll(async () => {
		session?.close();
		await pair?.close();
	});

	it('shows the passes to completed with QMP\'s downtime, and the recording replays to the same totals', async () => {
		const {s, record} = await watchMigration(pair, [], () => pair.src.execute('migrate', {uri: `tcp:127.0.0.1:${pair.port}`}));
		session = s;
		await s.waitFor('a pre-copy pass', (x) => /pre-copy pass \d/.test(x.text()), 20_000);
		await s.waitFor('completed', (x) => /completed: downtime \d/.test(x.text()), 90_000);
		const info = await finalInfo(pair);
		const screen = s.text();
		if (process.env.SHOW_SCREEN) console.log(screen);
		const downtime = expectFinal(screen, info);
		expect(screen).toMatch(/passes \([2-9]\d*\)/);
		expect(screen).toContain('(VM paused)');
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
		const r = replayJson(record);
		expect(r.outcome).toBe('completed');
		expect(r.algorithm).toBe('precopy');
		expect(r.totalTimeMs).toBe(info['total-time']);
		expect(r.downtimeMs).toBe(downtime);
		expect(r.bytesTransferred).toBe(info.ram.transferred);
		expect(r.qemu.downtime).toBe(downtime);
		expect(r.rounds.length).toBeGreaterThanOrEqual(2);
	}, 120_000);
});

/** Post-copy's destination needs userfaultfd: root, or vm.unprivileged_userfaultfd = 1. */
function userfaultfdMissing(): string | null {
	if (process.getuid?.() === 0) return null;
	try {
		if (fs.readFileSync('/proc/sys/vm/unprivileged_userfaultfd', 'utf8').trim() === '1') return null;
	} catch {
		// no such sysctl: an older kernel lets anyone use it
		return null;
	}
	return 'post-copy needs userfaultfd: run as root or set vm.unprivileged_userfaultfd=1';
}
const noPostcopy = missing ?? userfaultfdMissing();
if (!missing && noPostcopy) console.warn(`skipping the real-QEMU post-copy watch test: ${noPostcopy}`);

describe.skipIf(noPostcopy !== null)('livemig watch on a real QEMU post-copy', () => {
	let pair: QemuPair;
	let session: Session | undefined;
	beforeAll(async () => {
		pair = await startPair(64, guest);
	}, 60_000);
	afterAll(async () => {
		session?.close();
		await pair?.close();
	});

	it('shows postcopy-active and its requests, then QMP\'s downtime; the replay is post-copy with the same totals', async () => {
		const {s, record} = await watchMigration(pair, ['postcopy-ram'], async () => {
			// Capped, so post-copy lasts long enough (~2 s) to be seen at 10 Hz.
			await pair.src.execute('migrate-set-parameters', {'max-postcopy-bandwidth': 16 * MiB});
			await pair.src.execute('migrate', {uri: `tcp:127.0.0.1:${pair.port}`});
			await pair.src.execute('migrate-start-postcopy');
		});
		session = s;
		await s.waitFor('post-copy', (x) => /phase +postcopy-active/.test(x.text()) && /post-copy requests [1-9]\d*\/s/.test(x.text()), 20_000);
		await s.waitFor('completed', (x) => /completed: downtime \d/.test(x.text()), 90_000);
		const info = await finalInfo(pair);
		if (process.env.SHOW_SCREEN) console.log(s.text());
		const downtime = expectFinal(s.text(), info);
		expect(s.text()).toContain('(post-copy)');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
		const r = replayJson(record);
		expect(r.algorithm === 'postcopy' || r.algorithm === 'hybrid').toBe(true);
		expect(r.totalTimeMs).toBe(info['total-time']);
		expect(r.downtimeMs).toBe(downtime);
		expect(r.bytesTransferred).toBe(info.ram.transferred);
	}, 120_000);
});
