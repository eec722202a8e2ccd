// The guard's decisions without a terminal: what restore writes, and what a signal or an
// uncaught error does before and after the console is up. Its handlers are taken from
// process.on and called directly (emitting real signals would reach the test runner).
import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {guardTerminal, type TerminalGuard} from '../../source/ui/terminal-guard.js';

class FakeTty extends EventEmitter {
	isTTY = true;
	isRaw = false;
	written = '';
	paused = false;
	write = (s: string) => {
		this.written += s;
		return true;
	};
	setRawMode = (on: boolean) => {
		this.isRaw = on;
		return this;
	};
	pause = () => {
		this.paused = true;
		return this;
	};
}

const realOn = process.on.bind(process);
const guards: TerminalGuard[] = [];
afterEach(() => {
	for (const g of guards.splice(0)) g.release();
	vi.restoreAllMocks();
});

function setup() {
	const handlers = new Map<string, (arg?: unknown) => void>();
	vi.spyOn(process, 'on').mockImplementation(((event: string, fn: (arg?: unknown) => void) => {
		handlers.set(event, fn);
		return realOn(event as 'SIGTERM', fn as () => void);
	}) as typeof process.on);
	const stdout = new FakeTty();
	const stdin = new FakeTty();
	const stderr = new FakeTty();
	const exits: number[] = [];
	const guard = guardTerminal({stdout: stdout as never, stdin: stdin as never, stderr: stderr as never, exit: (c) => exits.push(c)});
	guards.push(guard);
	return {guard, stdout, stdin, stderr, exits, fire: (event: string, arg?: unknown) => handlers.get(event)!(arg ?? event)};
}

describe('guardTerminal', () => {
	it('handles SIGINT, SIGTERM, SIGHUP, SIGQUIT and uncaught errors from the start', () => {
		const {fire, exits} = setup();
		for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) fire(s);
		expect(exits).toEqual([130, 143, 129, 131]);
	});

	it('restores the terminal when something else ends the process (process.exit)', () => {
		const {guard, stdout, stdin, fire} = setup();
		guard.enterAlternateScreen();
		guard.rawMode();
		fire('exit', 1);
		expect(stdout.written).toContain('\u001B[?1049l');
		expect(stdout.written).toContain('\u001B[?25h');
		expect(stdin.isRaw).toBe(false);
	});

	it('leaves a terminal it never touched alone', () => {
		const {guard, stdout, fire, exits} = setup();
		fire('SIGTERM');
		guard.restore();
		expect(stdout.written).toBe('');
		expect(exits).toEqual([143]);
	});

	it('undoes the alternate screen, the hidden cursor and raw mode, once', () => {
		const {guard, stdout, stdin} = setup();
		guard.enterAlternateScreen('BOOT');
		guard.rawMode();
		expect(stdout.written).toBe('\u001B[?1049h\u001B[?25lBOOT');
		expect(stdin.isRaw).toBe(true);
		guard.restore();
		guard.restore();
		expect(stdout.written).toBe('\u001B[?1049h\u001B[?25lBOOT\u001B[0m\u001B[?1049l\u001B[?25h');
		expect(stdin.isRaw).toBe(false);
		expect(stdin.paused).toBe(true);
	});

	it('before the console is up a signal restores and exits at once; once up it asks the console to stop, and a second signal exits', () => {
		const early = setup();
		early.guard.enterAlternateScreen();
		early.fire('SIGHUP');
		expect(early.stdout.written.endsWith('\u001B[?1049l\u001B[?25h')).toBe(true);
		expect(early.exits).toEqual([129]);

		const up = setup();
		const stops: number[] = [];
		let unmounted = 0;
		up.guard.enterAlternateScreen();
		up.guard.beforeRestore(() => unmounted++);
		up.guard.onStop((c) => stops.push(c));
		up.fire('SIGINT');
		expect({stops, exits: up.exits}).toEqual({stops: [130], exits: []});
		up.fire('SIGINT');
		expect(up.exits).toEqual([130]);
		expect(unmounted).toBe(1);
		expect(up.stdout.written.endsWith('\u001B[?1049l\u001B[?25h')).toBe(true);
	});

	it('an uncaught error restores, says one line and exits 1', () => {
		const {guard, stdout, stderr, exits, fire} = setup();
		guard.enterAlternateScreen();
		fire('uncaughtException', new Error('kaput'));
		expect(stdout.written.endsWith('\u001B[?1049l\u001B[?25h')).toBe(true);
		expect(stderr.written).toBe('livemig: internal error: kaput\n');
		expect(exits).toEqual([1]);
	});

	it("an uncaught error's message reaches the terminal without its escape sequences", () => {
		const {guard, stderr, fire} = setup();
		guard.enterAlternateScreen();
		fire('uncaughtException', new Error('bad \u001B]0;pwned\u0007title \u001B[2Jhere'));
		expect(stderr.written).toBe('livemig: internal error: bad title here\n');
	});

	it('after a hangup, a failed write to the gone terminal still exits 129, not as an internal error', () => {
		const {guard, stderr, exits, fire} = setup();
		guard.enterAlternateScreen();
		guard.onStop(() => undefined);
		fire('SIGHUP');
		fire('uncaughtException', Object.assign(new Error('write EIO'), {code: 'EIO'}));
		expect(exits).toEqual([129]);
		expect(stderr.written).toBe('');
	});
});
