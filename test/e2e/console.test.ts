// The console as a user meets it: the built CLI in a real pty, at 80x24 and 160x50.
import {afterEach, describe, expect, it} from 'vitest';
import {cursorShown, panelClock, type Session, sleep, spawnCli} from './pty.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
});
function start(args: string[], o: Parameters<typeof spawnCli>[1]): Session {
	const s = spawnCli(args, o);
	sessions.push(s);
	return s;
}

/** The last panel clock ("t 1.23 s") written in raw output, in ms. */
function lastPanelClock(raw: string): number {
	const m = [...raw.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').matchAll(/\bt (\d+(?:\.\d+)?) (ms|s)\b/g)].at(-1);
	return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : Number.NaN;
}

const panelsUp = (s: Session) => /PRE-COPY/.test(s.text()) && /POST-COPY/.test(s.text()) && /downtime/.test(s.text());

describe('the live console in a terminal', () => {
	it('at 80x24: both panels and the legend, a ticking clock, pause, help, and q exits 0 restored', async () => {
		const s = start([], {columns: 80, rows: 24, shell: `node "${process.cwd()}/dist/source/cli.js" --speed 2; echo EXIT=$?; stty -a`});
		await s.waitFor('both panels and the footer', (x) => panelsUp(x) && x.rows()[22].includes('q quit'));
		const rows = s.rows();
		expect(rows[0]).toContain('livemig');
		expect(rows.join('\n')).toMatch(/unsent .*target/);
		expect(rows[22]).toContain('q quit');
		expect(rows[23].trim()).toBe(''); // the frame stays at most rows-1 high
		// Colour is on here (the NO_COLOR test below checks it goes away).
		const line = s.term.buffer.active.getLine(s.term.buffer.active.viewportY + 1)!;
		expect(Array.from({length: 80}, (_, x) => line.getCell(x)!.isFgDefault()).some((d) => !d)).toBe(true);

		// The clock advances...
		await s.waitFor('the clock to start', () => panelClock(s) > 0);
		const t1 = panelClock(s);
		await s.waitFor('the clock to advance', () => panelClock(s) > t1, 5000);
		// ...and space stops it.
		s.press(' ');
		await s.waitFor('PAUSED', () => s.rows()[0].includes('PAUSED'));
		const frozen = panelClock(s);
		await sleep(600);
		expect(panelClock(s)).toBe(frozen);
		s.press(' ');
		await s.waitFor('running again', () => !s.rows()[0].includes('PAUSED') && panelClock(s) > frozen, 5000);

		s.press('?');
		await s.waitFor('help', () => s.text().includes('HELP') && s.text().includes('pause / resume'));
		s.press('x');
		await s.waitFor('help closed', () => !s.text().includes('HELP'));

		s.press('q');
		await s.waitFor('exit status', () => /EXIT=\d+/.test(s.output()), 5000);
		expect(s.output()).toContain('EXIT=0');
		expect(cursorShown(s.output())).toBe(true);
		expect(s.term.buffer.active.type).toBe('normal');
		// Raw mode is off again: the line discipline echoes and reads lines.
		await s.waitFor('stty', () => /speed \d+ baud/.test(s.output()));
		const stty = s.output().slice(s.output().indexOf('EXIT=0'));
		expect(stty).toMatch(/(^|\s)icanon\b/);
		expect(stty).toMatch(/(^|\s)echo\b/);
		// The standings are left on the normal screen.
		expect(s.text()).toContain('STOPPED AT');
	});

	it('? holds the simulation while help is open; q in help closes it (any key does) and does not quit', async () => {
		const s = start([], {columns: 80, rows: 24, shell: `node "${process.cwd()}/dist/source/cli.js" --speed 2; echo EXIT=$?`});
		await s.waitFor('the clock to start', () => panelsUp(s) && panelClock(s) > 0);
		s.press('?');
		await s.waitFor('help', () => s.text().includes('HELP'));
		// The clock's last reading before help is gone from the screen: take it from the output.
		const before = lastPanelClock(s.output().slice(0, s.output().lastIndexOf('HELP')));
		await sleep(1500);
		s.press('q');
		await s.waitFor('help closed, panels back', () => !s.text().includes('HELP') && panelsUp(s));
		// 1.5 s of wall time at speed 2 would be 3 s of simulated time; held, it is a frame or two.
		expect(panelClock(s) - before).toBeLessThan(500);
		await sleep(300);
		expect(s.output()).not.toContain('EXIT=');
		await s.waitFor('the clock to run again', () => panelClock(s) > before + 100, 5000);
		s.press('q');
		await s.waitFor('exit status', () => /EXIT=\d+/.test(s.output()), 5000);
		expect(s.output()).toContain('EXIT=0');
	});

	it('at 160x50: panels side by side with a big heatmap; a resize to 80x24 re-lays the screen', async () => {
		const s = start(['--speed', '2'], {columns: 160, rows: 50});
		await s.waitFor('both panels and the footer', (x) => panelsUp(x) && x.rows()[48].includes('quit'));
		const wide = s.rows();
		expect(wide[1].indexOf('POST-COPY')).toBeGreaterThan(79);
		expect(wide.join('\n')).toContain('not sent');
		expect(wide[48]).toContain('quit');
		expect(wide[49].trim()).toBe('');

		s.resize(80, 24);
		await s.waitFor('the 80x24 layout', () => {
			const r = s.rows();
			return r[22]?.includes('q quit') && r[1]?.includes('PRE-COPY') && r[1].indexOf('POST-COPY') > 0 && r[1].indexOf('POST-COPY') < 80;
		});
		const narrow = s.rows();
		expect(narrow[23].trim()).toBe('');
		expect(narrow.join('\n')).not.toContain('not sent'); // the short legend
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('with NO_COLOR=1 writes no colour at all', async () => {
		const s = start(['--speed', '2'], {columns: 80, rows: 24, env: {NO_COLOR: '1'}});
		await s.waitFor('both panels and the footer', (x) => panelsUp(x) && x.rows()[22].includes('q quit'));
		await sleep(300);
		const b = s.term.buffer.active;
		for (let y = 0; y < 24; y++) {
			const line = b.getLine(b.viewportY + y)!;
			for (let x = 0; x < 80; x++) {
				const cell = line.getCell(x)!;
				expect(cell.isFgDefault() && cell.isBgDefault(), `colour at ${x},${y}`).toBe(true);
			}
		}
		expect(s.output()).not.toMatch(/\u001B\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|38;|48;)[0-9;]*m/);
		s.press('\u0003'); // Ctrl-C quits like q, as an interrupted program does
		expect((await s.exited).exitCode).toBe(130);
	});

	it('restores the terminal on SIGTERM, and draws ASCII when the locale is not UTF-8', async () => {
		const s = start(['--speed', '2'], {columns: 80, rows: 24, env: {LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined}});
		await s.waitFor('both panels and the footer', (x) => panelsUp(x) && x.rows()[22].includes('q quit'));
		expect(s.rows()[1]).toMatch(/^\+- PRE-COPY/);
		expect(s.text()).not.toMatch(/[█▀╭│]/);
		s.child.kill('SIGTERM');
		const {exitCode} = await s.exited;
		expect(exitCode).toBe(143);
		await sleep(100);
		expect(cursorShown(s.output())).toBe(true);
		expect(s.term.buffer.active.type).toBe('normal');
	});

	it('restores the terminal on SIGHUP and on an uncaught error', async () => {
		const hup = start(['--speed', '2'], {columns: 80, rows: 24});
		await hup.waitFor('both panels', panelsUp);
		hup.child.kill('SIGHUP');
		expect((await hup.exited).exitCode).toBe(129);
		await sleep(100);
		expect(cursorShown(hup.output())).toBe(true);
		expect(hup.term.buffer.active.type).toBe('normal');

		// An error thrown from a timer, as a bug in a callback would: preloaded, so the
		// product carries no test hook.
		const boom = 'data:text/javascript,setTimeout(()=>{throw new Error("boom from a timer")},1200)';
		const crash = start([], {columns: 80, rows: 24, shell: `node --import '${boom}' "${process.cwd()}/dist/source/cli.js" --speed 2; echo EXIT=$?; stty -a`});
		await crash.waitFor('exit status', () => /EXIT=\d+/.test(crash.output()), 10_000);
		expect(crash.output()).toContain('EXIT=1');
		expect(crash.output()).toContain('boom from a timer');
		expect(cursorShown(crash.output())).toBe(true);
		// stty's lines may arrive in several chunks: wait for the one that names icanon.
		const afterExit = () => crash.output().slice(crash.output().indexOf('EXIT=1'));
		await crash.waitFor('stty', () => /(^|\s)-?icanon\b/.test(afterExit()));
		expect(afterExit()).toMatch(/(^|\s)icanon\b/);
		expect(crash.term.buffer.active.type).toBe('normal');
	});

	it('plays a demo with captions, and q ends it (the timeline\'s pending steps do not keep it alive)', async () => {
		const s = start([], {columns: 100, rows: 30, shell: `node "${process.cwd()}/dist/source/cli.js" demo mmuncher; echo EXIT=$?`});
		await s.waitFor('the first caption', (x) => x.text().includes('mmuncher dirties memory'), 8000);
		s.press('q');
		await s.waitFor('exit status', () => /EXIT=\d+/.test(s.output()), 5000);
		expect(s.output()).toContain('EXIT=0');
	});

	it('plays a scenario file\'s title in the captions row of the race (the demo modules loaded behind the first frame)', async () => {
		const s = start(['race', '--scenario', 'mmuncher', '--speed', '5'], {columns: 100, rows: 30});
		await s.waitFor('the title caption under the panels', (x) => panelsUp(x) && x.text().includes('Pre-copy never converges (mmuncher)'), 15_000);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('ends a short race with the scoreboard and leaves it in the terminal', async () => {
		const s = start(['--memory', '256MiB', '--speed', '20'], {columns: 80, rows: 24});
		await s.waitFor('the scoreboard', () => s.text().includes('SCOREBOARD'), 18_000);
		expect(s.rows()[0]).toContain('finished');
		expect(s.text()).toContain('★');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
		await sleep(100);
		expect(s.term.buffer.active.type).toBe('normal');
		expect(s.text()).toContain('SCOREBOARD');
		expect(s.text()).toMatch(/total time .*★/);
	});
});
