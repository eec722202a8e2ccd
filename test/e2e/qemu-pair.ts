// Two real QEMUs on loopback for the watch tests, from the validation harness's pieces
// (validate/qemu.ts's command line, validate/guest's dirtying guest, validate/qmp.ts's
// client): TCG, a small guest, the destination waiting with -incoming defer. The source has
// two QMP sockets: QEMU serves one client per socket, and the test drives the migration on
// one while `livemig watch` reads the other.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {buildGuest, guestCommandLine, type GuestParams, parseGuestOutput} from '../../validate/guest.js';
import {qemuArgs} from '../../validate/qemu.js';
import {QmpClient} from '../../validate/qmp.js';

export function qemuMissing(): string | null {
	try {
		execFileSync('qemu-system-x86_64', ['--version'], {stdio: 'ignore'});
		execFileSync('as', ['--version'], {stdio: 'ignore'});
		return null;
	} catch {
		return 'qemu-system-x86_64 (or binutils\' as) is not installed: apt-get install qemu-system-x86 binutils';
	}
}

export interface QemuPair {
	dir: string;
	/** The source's second QMP socket, for livemig watch. */
	watchSocket: string;
	destWatchSocket: string;
	src: QmpClient;
	dst: QmpClient;
	port: number;
	/** Waits until the guest has dirtied for a while (it prints READY after its fill). */
	guestReady(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as net.AddressInfo).port;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export async function startPair(memoryMiB: number, guest: GuestParams): Promise<QemuPair> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-watch-'));
	const kernel = buildGuest(process.cwd(), dir);
	const children: ChildProcess[] = [];
	const side = (role: 'source' | 'destination') => {
		const q = {role, memoryMiB, kernel, append: guestCommandLine(guest), qmpSocket: path.join(dir, `${role}.qmp`), debugFile: path.join(dir, `${role}.debug`)};
		const watch = path.join(dir, `${role}-watch.qmp`);
		const child = spawn('qemu-system-x86_64', [...qemuArgs(q), '-qmp', `unix:${watch},server=on,wait=off`], {stdio: ['ignore', 'ignore', 'inherit']});
		children.push(child);
		return {q, watch};
	};
	const s = side('source');
	const d = side('destination');
	const [src, dst] = await Promise.all([QmpClient.connect(s.q.qmpSocket), QmpClient.connect(d.q.qmpSocket)]);
	const port = await freePort();
	return {
		dir,
		watchSocket: s.watch,
		destWatchSocket: d.watch,
		src,
		dst,
		port,
		async guestReady(timeoutMs = 30_000) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const text = fs.existsSync(s.q.debugFile) ? fs.readFileSync(s.q.debugFile, 'utf8') : '';
				const g = parseGuestOutput(text);
				if (g.error) throw new Error(`guest: ${g.error}`);
				if (g.ready && (g.reports.at(-1)?.guestMs ?? 0) >= 300) return;
				if (Date.now() > end) throw new Error('guest did not start dirtying');
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		async close() {
			for (const c of [src, dst]) c.close();
			for (const c of children) c.kill('SIGKILL');
			await new Promise((r) => setTimeout(r, 100));
			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}
