// The built CLI in a real pseudo-terminal, its output fed into a headless xterm so tests
// read the screen a user would see. CI=false in the child: Ink draws only the last frame
// when CI is set (and CI sets it).
import {fileURLToPath} from 'node:url';
import pty, {type IPty} from '@lydell/node-pty';
import xterm from '@xterm/headless';

const {Terminal} = xterm;
export type Term = InstanceType<typeof Terminal>;

export const cli = fileURLToPath(new URL('../../dist/source/cli.js', import.meta.url));

export interface Session {
	child: IPty;
	term: Term;
	/** Everything the child wrote, escape codes and all. */
	output(): string;
	rows(): string[];
	text(): string;
	exited: Promise<{exitCode: number; signal?: number}>;
	waitFor(what: string, test: (s: Session) => boolean, timeoutMs?: number): Promise<void>;
	press(keys: string): void;
	resize(columns: number, rows: number): void;
	close(): void;
}

export interface SpawnOptions {
	columns: number;
	rows: number;
	env?: Record<string, string | undefined>;
	/** Run through /bin/sh -c with this command line instead of node directly. */
	shell?: string;
}

export function spawnCli(args: string[], o: SpawnOptions): Session {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries({...process.env, CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8', FORCE_COLOR: '1', ...o.env}))
		if (v !== undefined && k !== 'CONTINUOUS_INTEGRATION' && k !== 'NO_COLOR') env[k] = v;
	if (o.env?.NO_COLOR !== undefined) env.NO_COLOR = o.env.NO_COLOR;
	const [file, argv] = o.shell ? ['/bin/sh', ['-c', o.shell]] : [process.execPath, [cli, ...args]];
	// node-pty sets TERM to its `name`: the one the test asked for.
	const child = pty.spawn(file, argv, {cols: o.columns, rows: o.rows, env, name: env.TERM ?? 'xterm-256color'});
	const term = new Terminal({cols: o.columns, rows: o.rows, allowProposedApi: true, scrollback: 100});
	let raw = '';
	let writing = Promise.resolve();
	child.onData((d) => {
		raw += d;
		writing = writing.then(() => new Promise<void>((resolve) => term.write(d, resolve)));
	});
	const exited = new Promise<{exitCode: number; signal?: number}>((resolve) => child.onExit((e) => resolve(e)));
	const s: Session = {
		child,
		term,
		output: () => raw,
		exited,
		rows() {
			const b = term.buffer.active;
			const out: string[] = [];
			for (let y = 0; y < term.rows; y++) out.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
			return out;
		},
		text: () => s.rows().join('\n'),
		async waitFor(what, test, timeoutMs = 10_000) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				await writing;
				if (test(s)) return;
				if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s.text()}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		press: (keys) => child.write(keys),
		resize(columns, rows) {
			child.resize(columns, rows);
			term.resize(columns, rows);
		},
		close() {
			try {
				child.kill();
			} catch {
				// already gone
			}
			term.dispose();
		},
	};
	return s;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cursor was shown again after it was last hidden. */
export function cursorShown(raw: string): boolean {
	return raw.lastIndexOf('\u001B[?25h') > raw.lastIndexOf('\u001B[?25l');
}

/** A panel's simulated clock ("t 1.23 s") in ms, from the top border of the panels. */
export function panelClock(s: Session, index = 0): number {
	const m = [...(s.rows()[1] ?? '').matchAll(/t ([\d.]+) (ms|s)\b/g)][index];
	if (!m) return Number.NaN;
	return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}
