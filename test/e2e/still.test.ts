// `s` in the live console, in a real pty: a still lands in the working directory, the footer
// says which, a second press never overwrites it, and a directory that cannot take one is
// named in the footer while the console goes on.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {XMLValidator} from 'fast-xml-parser';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {cli, panelClock, type Session, spawnCli} from './pty.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
});
const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

function startIn(dir: string, args: string): Session {
	const s = spawnCli([], {columns: 100, rows: 30, shell: `cd "${dir}" && exec "${process.execPath}" "${cli}" ${args}`});
	sessions.push(s);
	return s;
}

const panelsUp = (s: Session) => /PRE-COPY/.test(s.text()) && /POST-COPY/.test(s.text());
const footer = (s: Session) => s.rows().filter((r) => r.trim()).at(-1) ?? '';

describe('s in the console', () => {
	it('writes the frame as an SVG file in the working directory, named in the footer, never over another', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'livemig-still-'));
		dirs.push(dir);
		const s = startIn(dir, '--memory 256MiB --speed 2');
		await s.waitFor('the panels', (x) => panelsUp(x) && panelClock(x) > 0);
		// Paused, so both presses take the same simulated time (and so the same name).
		s.press(' ');
		await s.waitFor('PAUSED', () => s.rows()[0].includes('PAUSED'));
		s.press('s');
		await s.waitFor('the footer naming the still', () => /still saved: livemig-precopy-postcopy-[\d.]+s\.svg/.test(footer(s)), 15_000);
		const name = /still saved: (\S+\.svg)/.exec(footer(s))![1];
		expect(readdirSync(dir)).toEqual([name]);
		const svg = readFileSync(join(dir, name), 'utf8');
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toContain('PRE-COPY (xen)');
		expect(svg).toContain('width="924"');
		s.press('s');
		const second = name.replace(/\.svg$/, '-2.svg');
		await s.waitFor('the second still', () => footer(s).includes(second), 15_000);
		expect(readdirSync(dir).sort()).toEqual([name, second].sort());
		expect(readFileSync(join(dir, name), 'utf8')).toBe(svg);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	}, 60_000);

	it('says in the footer when the working directory cannot take a still, and goes on', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'livemig-still-gone-'));
		dirs.push(dir);
		const s = startIn(dir, '--memory 256MiB --speed 2');
		await s.waitFor('the panels', (x) => panelsUp(x) && panelClock(x) > 0);
		rmSync(dir, {recursive: true});
		s.press('s');
		await s.waitFor('the footer saying why', () => /still not saved: cannot write in .*: no such file or directory/.test(footer(s)), 15_000);
		expect(existsSync(dir)).toBe(false);
		const t = panelClock(s);
		await s.waitFor('the clock going on', () => panelClock(s) > t, 5000);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	}, 60_000);
});
