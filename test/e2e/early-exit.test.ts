// The terminal is restored however the console ends, from its first millisecond: a signal
// while Node starts, while the boot frame is up and Ink still loads, or once it runs; an
// uncaught error while it loads. Each run goes through signal-harness.mjs inside the pty,
// which signals the CLI and then runs `stty -a` on the same terminal.
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {cli, type Session, spawnCli} from './pty.js';

const harness = fileURLToPath(new URL('signal-harness.mjs', import.meta.url));

interface Ended {
	status: number;
	output: string;
	/** What is wrong with the terminal the run left behind (empty: nothing). */
	damage: string[];
}

/**
 * Runs the CLI with args through the harness in an 80x24 pty; `act` may signal it once it is
 * up (the harness prints its pid). Each test closes its own sessions: they run concurrently.
 */
async function endWith(signal: NodeJS.Signals | 'none', delayMs: number, args: string[], nodeArgs: string[] = [], act?: (s: Session) => Promise<void>): Promise<Ended> {
	const quoted = [signal, String(delayMs), ...nodeArgs, '--', cli, ...args].map((a) => `'${a}'`).join(' ');
	const s = spawnCli([], {columns: 80, rows: 24, shell: `node '${harness}' ${quoted}`});
	try {
		await act?.(s);
		await s.waitFor('the harness to finish', (x) => x.output().includes('HARNESS-DONE'), 30_000);
		const output = s.output();
		return {status: Number(/EXIT=(\d+)/.exec(output)?.[1]), output, damage: damageOf(s)};
	} finally {
		s.close();
	}
}

function damageOf(session: Session): string[] {
	const output = session.output();
	const wrong: string[] = [];
	if (session.term.buffer.active.type !== 'normal') wrong.push('still on the alternate screen');
	const hidden = output.lastIndexOf('\u001B[?25l');
	if (hidden >= 0 && output.lastIndexOf('\u001B[?25h') < hidden) wrong.push('cursor hidden');
	const stty = output.slice(output.indexOf('EXIT='));
	if (!/(^|\s)icanon\b/.test(stty)) wrong.push('-icanon');
	if (!/(^|\s)echo\b/.test(stty)) wrong.push('-echo');
	if (/^\s+at .+:\d+:\d+\)?\s*$/m.test(output)) wrong.push('a stack trace');
	return wrong;
}

const codes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131} as const;
const signals = Object.keys(codes) as Array<keyof typeof codes>;
const BOOT = '\u001B[?1049h';
const cliPid = (s: Session) => Number(/CLI-PID=(\d+)/.exec(s.output())?.[1]);

/** Polls the raw output more often than waitFor does: a signal is to land right after it. */
async function untilOutput(s: Session, text: string, timeoutMs = 20_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!s.output().includes(text)) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${JSON.stringify(text)}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

// The harness's delays: 0 lands while Node starts; 50 to 300 while the boot frame is up
// and Ink loads, or about when it is up (on a busy machine each lands earlier in that
// sequence). The "boot frame" runs aim at the loading window itself: signalled as soon as
// the alternate screen is seen, a third of a second before Ink is up.
const delays = [0, 50, 150, 300];

describe.concurrent('the console ended early', () => {
	for (const signal of signals) {
		it(`by ${signal} at ${delays.join(', ')} ms after launch and right after the boot frame: terminal restored, exit ${codes[signal]}`, async () => {
			for (const delay of delays) {
				const ended = await endWith(signal, delay, ['--speed', '2']);
				expect({delay, status: ended.status, damage: ended.damage}).toEqual({delay, status: codes[signal], damage: []});
			}
			const ended = await endWith('none', 0, ['--speed', '2'], [], async (s) => {
				await untilOutput(s, BOOT);
				process.kill(cliPid(s), signal);
			});
			expect({delay: 'boot frame', status: ended.status, damage: ended.damage}).toEqual({delay: 'boot frame', status: codes[signal], damage: []});
		});
	}

	it('by a signal while a demo starts, and by SIGQUIT once it plays: terminal restored', async () => {
		for (const [signal, delay] of [
			['SIGTERM', 150],
			['SIGHUP', 300],
		] as const) {
			const ended = await endWith(signal, delay, ['demo', 'mmuncher']);
			expect({signal, status: ended.status, damage: ended.damage}).toEqual({signal, status: codes[signal], damage: []});
		}
		const ended = await endWith('none', 0, ['demo', 'mmuncher'], [], async (s) => {
			await s.waitFor('the first caption', (x) => x.text().includes('mmuncher dirties memory'), 20_000);
			process.kill(cliPid(s), 'SIGQUIT');
		});
		expect({signal: 'SIGQUIT', status: ended.status, damage: ended.damage}).toEqual({signal: 'SIGQUIT', status: codes.SIGQUIT, damage: []});
	});

	it('by an uncaught error or rejection while Ink loads: terminal restored, one line on stderr, exit 1', async () => {
		// Preloaded, so the product carries no test hook: arms once the boot frame is written.
		const preload = (what: string, ms: number) =>
			`data:text/javascript,${encodeURIComponent(
				`const w=process.stdout.write.bind(process.stdout);let armed=false;process.stdout.write=(c,...a)=>{const r=w(c,...a);if(!armed&&String(c).includes("\\u001b[?1049h")){armed=true;setTimeout(()=>{${what}},${ms})}return r};`,
			)}`;
		for (const [what, ms, text] of [
			['throw new Error("early boom")', 0, 'early boom'],
			['throw new Error("early boom")', 120, 'early boom'],
			['Promise.reject(new Error("early rejection"))', 60, 'early rejection'],
		] as const) {
			const ended = await endWith('none', 0, ['--speed', '2'], ['--import', preload(what, ms)]);
			expect({what, ms, status: ended.status, damage: ended.damage}).toEqual({what, ms, status: 1, damage: []});
			expect(ended.output).toContain(`livemig: internal error: ${text}`);
		}
	});
});

describe.concurrent('the console ended once it runs', () => {
	// The boot frame looks like the panels: Ink is up once the panel clock moves.
	const ticking = (s: Session) => /t (0\.0*[1-9]|[1-9])[\d.]* m?s/.test(s.rows()[1] ?? '');
	for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
		it(`by ${signal}: terminal restored, exit ${codes[signal]}`, async () => {
			const ended = await endWith('none', 0, ['--speed', '2'], [], async (s) => {
				await s.waitFor('the clock to tick', ticking, 20_000);
				process.kill(cliPid(s), signal);
			});
			expect({status: ended.status, damage: ended.damage}).toEqual({status: codes[signal], damage: []});
			// Stopped like q: the standings are left on the normal screen.
			expect(ended.output).toContain('STOPPED AT');
		});
	}

	it('by Ctrl-C (exit 130) and by q (exit 0)', async () => {
		for (const [key, status] of [
			['\u0003', 130],
			['q', 0],
		] as const) {
			const ended = await endWith('none', 0, ['--speed', '2'], [], async (s) => {
				await s.waitFor('the clock to tick', ticking, 20_000);
				s.press(key);
			});
			expect({key, status: ended.status, damage: ended.damage}).toEqual({key, status, damage: []});
		}
	});
});
