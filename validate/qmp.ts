// A QMP client over a UNIX socket: greeting, qmp_capabilities, commands matched to replies by
// id, and every event kept with its QMP timestamp (the guest's pause is measured from those).
import net from 'node:net';
import {LineSplitter, parseQmpLine, qmpCommand, type QmpMessage} from './qmp-parse.js';

export type QmpEvent = Extract<QmpMessage, {kind: 'event'}>;

export class QmpError extends Error {
	constructor(
		readonly command: string,
		readonly errorClass: string,
		desc: string,
	) {
		super(`${command}: ${errorClass}: ${desc}`);
	}
}

type Pending = {command: string; resolve: (v: unknown) => void; reject: (e: Error) => void};

export class QmpClient {
	readonly events: QmpEvent[] = [];
	version = 'unknown';
	private readonly splitter = new LineSplitter();
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private closed: Error | undefined;
	private greeted: (() => void) | undefined;
	private listeners: Array<(e: QmpEvent) => void> = [];

	private constructor(private readonly socket: net.Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			for (const line of this.splitter.push(chunk)) this.dispatch(parseQmpLine(line));
		});
		const fail = (e: Error) => {
			this.closed ??= e;
			for (const p of this.pending.values()) p.reject(e);
			this.pending.clear();
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new Error('QMP connection closed')));
	}

	/** Connects (retrying while QEMU creates the socket), reads the greeting, enters command mode. */
	static async connect(path: string, timeoutMs = 20_000): Promise<QmpClient> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const socket = await new Promise<net.Socket>((resolve, reject) => {
					const s = net.createConnection(path);
					s.once('connect', () => resolve(s));
					s.once('error', reject);
				});
				const c = new QmpClient(socket);
				await c.waitGreeting(Math.max(1000, deadline - Date.now()));
				await c.execute('qmp_capabilities');
				return c;
			} catch (e) {
				if (Date.now() > deadline) throw new Error(`QMP ${path}: ${(e as Error).message}`);
				await new Promise((r) => setTimeout(r, 50));
			}
		}
	}

	private waitGreeting(timeoutMs: number): Promise<void> {
		if (this.version !== 'unknown') return Promise.resolve();
		return new Promise((resolve, reject) => {
			const t = setTimeout(() => reject(new Error('no QMP greeting')), timeoutMs);
			this.greeted = () => {
				clearTimeout(t);
				resolve();
			};
		});
	}

	private dispatch(m: QmpMessage): void {
		if (m.kind === 'greeting') {
			this.version = m.version;
			this.greeted?.();
		} else if (m.kind === 'event') {
			this.events.push(m);
			for (const l of this.listeners) l(m);
		} else if (m.kind === 'return' || m.kind === 'error') {
			const p = typeof m.id === 'number' ? this.pending.get(m.id) : undefined;
			if (!p) return;
			this.pending.delete(m.id as number);
			if (m.kind === 'return') p.resolve(m.value);
			else p.reject(new QmpError(p.command, m.errorClass, m.desc));
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

	/** Resolves with the first event (already received or to come) that matches. */
	waitEvent(match: (e: QmpEvent) => boolean, timeoutMs: number): Promise<QmpEvent | undefined> {
		const seen = this.events.find(match);
		if (seen) return Promise.resolve(seen);
		return new Promise((resolve) => {
			const t = setTimeout(() => done(undefined), timeoutMs);
			t.unref(); // a wait nobody needs any more must not keep the harness alive
			const l = (e: QmpEvent) => {
				if (match(e)) done(e);
			};
			const done = (e: QmpEvent | undefined) => {
				clearTimeout(t);
				this.listeners = this.listeners.filter((x) => x !== l);
				resolve(e);
			};
			this.listeners.push(l);
		});
	}

	close(): void {
		this.socket.destroy();
	}
}
