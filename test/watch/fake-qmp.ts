// A fake QEMU QMP server on a UNIX socket, for watch's tests: the greeting, qmp_capabilities,
// the commands watch sends, and query-migrate answered from a script (one reply per poll), so
// a test can play a migration that never converges, one that fails, or a QEMU that vanishes.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {QueryMigrate} from '../../source/watch/samples.js';

export interface FakeOptions {
	/** The reply to the nth query-migrate (0-based); the commands received so far are passed too. */
	migrate: (n: number, received: string[]) => QueryMigrate;
	/** What the socket says first: the QMP greeting (default), a line of something else, or nothing. */
	greeting?: 'qmp' | 'garbage' | 'silent';
	/** Closes the connection (QEMU killed) on this query-migrate, 0-based. */
	dieAtPoll?: number;
	/** Events to send after the nth query-migrate's reply. */
	eventsAfter?: (n: number) => Array<{event: string; data?: Record<string, unknown>}>;
	parameters?: Record<string, unknown>;
}

export interface FakeQmp {
	path: string;
	/** Every command executed, in order. */
	received: string[];
	close(): Promise<void>;
}

export async function fakeQmp(o: FakeOptions): Promise<FakeQmp> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-fakeqmp-'));
	const socketPath = path.join(dir, 'qmp.sock');
	const received: string[] = [];
	let polls = 0;
	const server = net.createServer((socket) => {
		const send = (v: unknown) => socket.write(`${JSON.stringify(v)}\r\n`);
		if (o.greeting === 'garbage') socket.write('SSH-2.0-OpenSSH_9.2\r\n');
		else if (o.greeting !== 'silent') send({QMP: {version: {qemu: {micro: 0, minor: 2, major: 7}, package: 'fake'}, capabilities: ['oob']}});
		let rest = '';
		socket.on('data', (chunk) => {
			rest += chunk.toString('utf8');
			const lines = rest.split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) {
				if (!line.trim()) continue;
				const {execute, id} = JSON.parse(line) as {execute: string; id: number};
				received.push(execute);
				if (execute === 'query-migrate') {
					const n = polls++;
					if (o.dieAtPoll !== undefined && n >= o.dieAtPoll) {
						socket.destroy();
						return;
					}
					send({return: o.migrate(n, received), id});
					const now = Date.now();
					for (const e of o.eventsAfter?.(n) ?? []) send({event: e.event, data: e.data ?? {}, timestamp: {seconds: Math.floor(now / 1000), microseconds: (now % 1000) * 1000}});
				} else if (execute === 'query-migrate-parameters') send({return: o.parameters ?? {'downtime-limit': 300, 'max-bandwidth': 134217728}, id});
				else if (execute === 'query-migrate-capabilities') send({return: [{capability: 'events', state: false}, {capability: 'auto-converge', state: false}, {capability: 'postcopy-ram', state: false}], id});
				else send({return: {}, id});
			}
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(socketPath, resolve));
	return {
		path: socketPath,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => {
					fs.rmSync(dir, {recursive: true, force: true});
					resolve();
				});
			}),
	};
}

const MiB = 1024 * 1024;

/**
 * A pre-copy that never converges: a sync every 3 polls, each finding the same 48 MiB dirty,
 * the guest dirtying 60 MiB/s against a 32 MiB/s stream; `cancelAt`: the poll it ends cancelled.
 */
export function neverConverges(cancelAt: number): FakeOptions['migrate'] {
	return (n, received) => {
		const t = n * 20;
		const cancelled = n >= cancelAt || received.includes('migrate_cancel');
		const sync = 1 + Math.floor(n / 3);
		const info: QueryMigrate = {
			status: cancelled ? 'cancelled' : 'active',
			'total-time': t,
			'expected-downtime': 1500,
			'setup-time': 5,
			'cpu-throttle-percentage': 0,
			ram: {transferred: Math.round(n * 0.64 * MiB), remaining: sync === 1 ? 128 * MiB - n * MiB : 48 * MiB - (n % 3) * MiB, total: 128 * MiB, duplicate: 0, normal: n * 160, mbps: 268, 'dirty-sync-count': sync, 'dirty-pages-rate': 15360, 'postcopy-requests': 0, 'page-size': 4096},
		};
		return info;
	};
}
