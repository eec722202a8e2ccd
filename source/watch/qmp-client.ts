// A QMP client for `watch`: one UNIX socket, the greeting, qmp_capabilities, commands matched
// to replies by id, and every event passed on. Unlike the validation harness's client it does
// not retry: a socket that is missing, not a socket, or not QMP is the user's mistake, said in
// one line naming the path (a UsageError, exit 2); a QEMU that goes away later is a WatchError.
import fs from 'node:fs';
import net from 'node:net';
import {UsageError} from '../basics/errors.js';
import {LineSplitter, parseQmpLine, qmpCommand, type QmpMessage} from './qmp-wire.js';

export type QmpEvent = Extract<QmpMessage, {kind: 'event'}>;

/** Something went wrong after the start (QEMU gone, the migration failed): exit 1. */
export class WatchError extends Error {}

export class QmpCommandError extends Error {
	constructor(
		readonly command: string,
		readonly errorClass: string,
		readonly desc: string,
	) {
		super(`${command}: ${errorClass}: ${desc}`);
	}
}

type Pending = {command: string; resolve: (v: unknown) => void; reject: (e: Error) => void};

/** How long a QMP socket may take to greet: QEMU greets at once on accept (monitor/qmp.c). */
const GREETING_MS = 3000;

export class QmpClient {
	version = 'unknown';
	private readonly splitter = new LineSplitter();
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private closed: Error | undefined;
	private listeners: Array<(e: QmpEvent) => void> = [];
	private closeListeners: Array<(e: Error) => void> = [];
	private onGreeting: ((m: QmpMessage) => void) | undefined;

	private constructor(
		private readonly socket: net.Socket,
		readonly path: string,
	) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			for (const line of this.splitter.push(chunk)) this.dispatch(parseQmpLine(line));
		});
		const fail = (e: Error) => {
			if (this.closed) return;
			this.closed = new WatchError(`${path}: QEMU went away (${e.message})`);
			for (const p of this.pending.values()) p.reject(this.closed);
			this.pending.clear();
			for (const l of this.closeListeners) l(this.closed);
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new Error('connection closed')));
	}

	/** Connects, reads the greeting and enters command mode; every failure names `flag` and `path`. */
	static async connect(path: string, flag: string): Promise<QmpClient> {
		const refuse = (reason: string) => new UsageError(`${flag} ${path}: ${reason}`);
		let stat: fs.Stats;
		try {
			stat = fs.statSync(path);
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			throw refuse(code === 'ENOENT' ? 'no such file (is QEMU running with -qmp unix:PATH,server=on,wait=off?)' : `cannot read it (${code ?? (e as Error).message})`);
		}
		if (!stat.isSocket()) throw refuse(stat.isDirectory() ? 'is a directory, not a QMP socket' : 'not a socket (QEMU\'s -qmp unix:PATH,server=on makes one)');
		const socket = await new Promise<net.Socket>((resolve, reject) => {
			const s = net.createConnection(path);
			s.once('connect', () => resolve(s));
			s.once('error', (e: NodeJS.ErrnoException) =>
				reject(refuse(e.code === 'ECONNREFUSED' ? 'nothing listens on it (a socket file left behind: has QEMU exited?)' : `cannot connect (${e.code ?? e.message})`)),
			);
		});
		const client = new QmpClient(socket, path);
		try {
			await client.greeting(refuse);
			await client.execute('qmp_capabilities');
		} catch (e) {
			client.close();
			throw e instanceof UsageError ? e : refuse(`not a QMP socket (${(e as Error).message})`);
		}
		return client;
	}

	private greeting(refuse: (reason: string) => Error): Promise<void> {
		return new Promise((resolve, reject) => {
			const t = setTimeout(() => reject(refuse(`no QMP greeting within ${GREETING_MS / 1000} s: another client holds it (QEMU serves one client per QMP socket; add a -qmp socket for livemig), or it is not QMP`)), GREETING_MS);
			this.onClose((e) => {
				clearTimeout(t);
				reject(refuse(`not a QMP socket (it closed before greeting: ${e.message})`));
			});
			this.onGreeting = (m) => {
				clearTimeout(t);
				if (m.kind === 'greeting') resolve();
				else reject(refuse(`not a QMP socket (it said ${JSON.stringify(m.kind === 'garbage' ? m.line.slice(0, 40) : m.kind)})`));
			};
		});
	}

	private dispatch(m: QmpMessage): void {
		if (this.onGreeting) {
			const g = this.onGreeting;
			this.onGreeting = undefined;
			if (m.kind === 'greeting') this.version = m.version;
			g(m);
			return;
		}
		if (m.kind === 'event') for (const l of this.listeners) l(m);
		else if (m.kind === 'return' || m.kind === 'error') {
			const p = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
			if (!p) return;
			this.pending.delete(m.id as number);
			if (m.kind === 'return') p.resolve(m.value);
			else p.reject(new QmpCommandError(p.command, m.errorClass, m.desc));
		}
	}

	execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
		if (this.closed) return Promise.reject(this.closed);
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, {command, resolve: resolve as (v: unknown) => void, reject});
			this.socket.write(qmpCommand(command, id, args));
		});
	}

	onEvent(l: (e: QmpEvent) => void): void {
		this.listeners.push(l);
	}

	onClose(l: (e: Error) => void): void {
		this.closeListeners.push(l);
	}

	close(): void {
		this.closed ??= new WatchError(`${this.path}: closed`);
		this.socket.destroy();
	}
}
