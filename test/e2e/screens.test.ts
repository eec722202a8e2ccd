// Screens that work everywhere (issue 14), as a user meets them in a real pty: the end
// screen keeps its panels, the staircase shows whole, no blank band opens between rounds and
// heatmap, TERM=dumb gets no cursor addressing, TERM=linux no glyphs its font lacks, demo
// captions wrap at words. Frames stay at most rows-1 tall.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {type Session, spawnCli} from './pty.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
});
function start(args: string[], o: Parameters<typeof spawnCli>[1]): Session {
	const s = spawnCli(args, o);
	sessions.push(s);
	return s;
}

/** The longest run of blank rows strictly inside a panel (between its borders). */
function longestBlankBand(rows: string[], from: number, to: number): number {
	let most = 0;
	let run = 0;
	for (let y = from; y < to; y++) {
		run = /^[│|]\s*[│|]$/.test(rows[y].trim()) ? run + 1 : 0;
		most = Math.max(most, run);
	}
	return most;
}

describe('screens in a terminal', () => {
	it('at 80x24 the three-way race ends with its panels compacted above the scoreboard', async () => {
		const s = start(['--algorithms', 'precopy,postcopy,hybrid', '--memory', '256MiB', '--speed', '20'], {columns: 80, rows: 24});
		await s.waitFor('the scoreboard', () => s.text().includes('SCOREBOARD'), 25_000);
		const rows = s.rows();
		const text = rows.join('\n');
		for (const name of ['PRE-COPY', 'POST-COPY', 'HYBRID']) expect(text).toContain(name);
		expect(text.indexOf('HYBRID')).toBeLessThan(text.indexOf('SCOREBOARD'));
		expect(rows[23].trim()).toBe('');
		expect(rows[22]).toContain('q quit');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('at 160x50 a finished pre-copy shows its whole staircase, 0 to the stop round, the heatmap right under it', async () => {
		const s = start(['run', 'precopy', '--memory', '512MiB', '--speed', '20'], {columns: 160, rows: 50});
		await s.waitFor('the scoreboard', () => s.text().includes('SCOREBOARD'), 25_000);
		const rows = s.rows();
		const text = rows.join('\n');
		expect(text).not.toContain('more round');
		const header = rows.findIndex((r) => /rnd\s+pages\s+sent\s+progress/.test(r));
		expect(header).toBeGreaterThan(0);
		expect(rows[header]).toContain('new dirty/s');
		expect(rows[header + 1]).toMatch(/^│\s+0\s/);
		const stop = rows.findIndex((r) => /^│ stop\s/.test(r));
		expect(stop).toBeGreaterThan(header + 2);
		// Every round in between, numbered from 0, then the legend at once.
		for (let y = header + 1; y < stop; y++) expect(rows[y]).toMatch(new RegExp(`^│\\s+${y - header - 1}\\s`));
		expect(rows[stop + 1]).toMatch(/not sent/);
		expect(rows[stop + 1]).toMatch(/1 block = /);
		const bottom = rows.findIndex((r, y) => y > stop && r.startsWith('╰'));
		expect(longestBlankBand(rows, 2, bottom)).toBeLessThanOrEqual(2);
		expect(rows[49].trim()).toBe('');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('at 80x24 during the race no blank rows open between the rounds and the heatmap', async () => {
		const s = start(['--speed', '2'], {columns: 80, rows: 24});
		await s.waitFor('both panels', (x) => /PRE-COPY/.test(x.text()) && /unsent/.test(x.text()) && x.rows()[22].includes('q quit'));
		const rows = s.rows();
		const bottom = rows.findIndex((r, y) => y > 1 && r.startsWith('╰'));
		expect(bottom).toBeGreaterThan(0);
		const legend = rows.findIndex((r) => r.includes('unsent'));
		// Between the rounds header and the legend, nothing blank.
		const header = rows.findIndex((r) => r.includes('rnd'));
		for (let y = header; y < legend; y++) expect(rows[y].slice(0, 40).replace(/[│ ]/g, '')).not.toBe('');
		expect(rows[23].trim()).toBe('');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('on TERM=dumb prints the summary: no alternate screen, no cursor addressing', async () => {
		const s = start(['--memory', '256MiB'], {columns: 80, rows: 24, env: {TERM: 'dumb'}});
		const {exitCode} = await s.exited;
		expect(exitCode).toBe(0);
		const out = s.output();
		expect(out).toContain('total time');
		expect(out).not.toContain('\u001B[?1049h');
		expect(out).not.toMatch(/\u001B\[\d*(;\d+)?[ABCDHJK]/);
	}, 30_000);

	it('on TERM=linux draws only glyphs the console font has', async () => {
		const s = start(['--speed', '2'], {columns: 80, rows: 24, env: {TERM: 'linux'}});
		await s.waitFor('both panels and the footer', (x) => /PRE-COPY/.test(x.text()) && /POST-COPY/.test(x.text()) && x.rows()[22].includes('q quit'));
		const text = s.text();
		expect(text).toContain('┌');
		for (const g of ['╭', '╮', '╰', '╯', '▏', '▎', '▍', '▋', '▊', '▉', '★', '✓', '▶', '‖', '…']) expect(text, g).not.toContain(g);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('wraps demo captions at words at 80x24 (postcopy-wins ended "so pre-copy sends memo")', async () => {
		const demo = JSON.parse(readFileSync(new URL('../../demos/postcopy-wins.json', import.meta.url), 'utf8')) as {title: string; description: string};
		const words = new Set(`${demo.title} ${demo.description}`.split(/\s+/));
		const s = start(['demo', 'postcopy-wins'], {columns: 80, rows: 24});
		const captionRows = (x: Session) => x.rows().slice(20, 22);
		await s.waitFor('the second sentence', (x) => captionRows(x).join(' ').includes('over and over'), 25_000);
		const shown = captionRows(s).join(' ').split(/\s+/).filter(Boolean);
		for (const w of shown) expect(words.has(w) || words.has(w.replace(/…$/, '')), w).toBe(true);
		expect(shown.join(' ')).toContain('stop-and-copy.');
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});
});
