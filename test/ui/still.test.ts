// Stills: the console's frame as SVG. Parsed back with a real XML parser (fast-xml-parser's
// validator and parser), so "is it SVG, what does it say, in which colours" is read, not
// pattern-matched.
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {XMLParser, XMLValidator} from 'fast-xml-parser';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultScenario, MiB} from '../../source/core/index.js';
import type {ThemeName} from '../../source/basics/display-options.js';
import type {ConsoleRun} from '../../source/ui/render.js';
import {cellsOfFrame} from '../../source/ui/still/cells.js';
import {stillFileName, writeStillFile} from '../../source/ui/still/file.js';
import {stillPalette} from '../../source/ui/still/palette.js';
import {parseStillTime, snapshotSvg} from '../../source/ui/still/snapshot.js';
import {svgOfCells, xmlText} from '../../source/ui/still/svg.js';

function race(theme: ThemeName = 'dark'): ConsoleRun {
	const scenario = defaultScenario();
	scenario.memoryBytes = 512 * MiB;
	return {scenario, algorithms: ['precopy', 'postcopy'], display: {speed: null, fps: 30, color: true, ascii: false, theme}};
}

interface Parsed {
	background: string;
	rects: Array<{x: number; y: number; width: number; height: number; fill: string; opacity: number}>;
	texts: Array<{xs: number[]; y: number; fill: string; text: string}>;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The SVG read back: the page's background, every rectangle, every text run. */
function parse(svg: string): Parsed {
	expect(XMLValidator.validate(svg)).toBe(true);
	const doc = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseAttributeValue: false, textNodeName: '#text'}).parse(svg);
	const root = doc.svg;
	expect(root.xmlns).toBe('http://www.w3.org/2000/svg');
	const groups = asArray(root.g);
	const rects = groups.flatMap((g) => asArray(g.rect)).map((r) => ({x: +r.x, y: +r.y, width: +r.width, height: +r.height, fill: r.fill, opacity: r['fill-opacity'] === undefined ? 1 : +r['fill-opacity']}));
	const texts = groups
		.flatMap((g) => asArray(g.text))
		.map((t) => ({xs: String(t.x).split(' ').map(Number), y: +t.y, fill: t.fill, text: String(t['#text'] ?? '')}));
	return {background: asArray(root.rect)[0].fill, rects, texts};
}

/** What the still says, row by row: its text runs at their rows, in column order. */
function words(p: Parsed): string {
	return [...p.texts].sort((a, b) => a.y - b.y || a.xs[0] - b.xs[0]).map((t) => t.text).join(' ');
}

describe('snapshot: the race at a simulated time as SVG', () => {
	it('parses as SVG and holds the panel titles, the clock and the counters', async () => {
		const p = parse(await snapshotSvg(race(), {kind: 'time', ms: 3000}, {columns: 100, rows: 30}));
		const text = words(p);
		for (const title of ['PRE-COPY (xen)', 'POST-COPY', 'downtime (VM paused)', 'stalled on faults', 'livemig']) expect(text).toContain(title);
		// The panels' clocks read the time asked for.
		expect(text.match(/t 3\.000 s|t 3\.00 s/g)?.length).toBe(2);
		// The heatmap and the bars are rectangles (block elements drawn as such).
		expect(p.rects.length).toBeGreaterThan(20);
		for (const t of p.texts) {
			// One x per character; no blank at an end or two in a row, which a viewer's
			// white-space handling could collapse and so shift what follows.
			expect(t.xs).toHaveLength([...t.text].length);
			expect(t.text).not.toMatch(/^ | $| {2}/);
		}
	});

	it('gives the same bytes for the same run and time, and another frame for another time', async () => {
		const a = await snapshotSvg(race(), {kind: 'time', ms: 2500}, {columns: 90, rows: 28});
		const b = await snapshotSvg(race(), {kind: 'time', ms: 2500}, {columns: 90, rows: 28});
		const c = await snapshotSvg(race(), {kind: 'time', ms: 5000}, {columns: 90, rows: 28});
		expect(b).toBe(a);
		expect(c).not.toBe(a);
	});

	it.each(['dark', 'light', 'mono'] as const)('%s: no text is drawn in the colour it stands on', async (theme) => {
		const p = parse(await snapshotSvg(race(theme), {kind: 'event', type: 'stop'}, {columns: 100, rows: 30}));
		expect(p.background).toBe(stillPalette(theme).background);
		// Backgrounds are the opaque rectangles; a character stands on the last one drawn under it.
		const under = (x: number, y: number) => p.rects.filter((r) => r.opacity === 1 && x >= r.x && x < r.x + r.width && y > r.y && y <= r.y + r.height).at(-1)?.fill ?? p.background;
		let checked = 0;
		for (const t of p.texts)
			[...t.text].forEach((ch, i) => {
				// A blank inside a run draws nothing (it may stand over a block drawn as a rectangle).
				if (ch === ' ') return;
				expect(t.fill, `"${ch}" of "${t.text}" at ${t.xs[i]},${t.y}`).not.toBe(under(t.xs[i] + 1, t.y - 4));
				checked++;
			});
		expect(checked).toBeGreaterThan(500);
		const fills = new Set(p.texts.map((t) => t.fill));
		// Colour themes paint; mono draws everything in the one foreground.
		if (theme === 'mono') expect([...fills]).toEqual([stillPalette('mono').foreground]);
		else expect(fills.size).toBeGreaterThan(3);
		// The stop-and-copy: the VM PAUSED tag, on red in colour, in brackets in mono.
		expect(words(p)).toMatch(theme === 'mono' ? /\[ \S+ VM PAUSED \]/ : /VM PAUSED/);
		if (theme !== 'mono') expect(p.rects.some((r) => r.fill === stillPalette(theme).ansi[1])).toBe(true);
	});
});

describe('svg.ts', () => {
	it('escapes what XML reserves and drops what it forbids', async () => {
		const grid = await cellsOfFrame(`a<b & "c" 'd'> \u0007e`, 20, 2);
		const p = parse(svgOfCells(grid, stillPalette('dark')));
		expect(words(p)).toBe(`a<b & "c" 'd'> e`);
		expect(xmlText('x]]>y<z')).toBe('x]]&gt;y&lt;z');
	});

	it('places every character at its column, wide ones too, and swaps colours for inverse video', async () => {
		const grid = await cellsOfFrame('ab 界c\n\u001B[7minv\u001B[27m \u001B[31;42mX\u001B[0m', 12, 2);
		const palette = stillPalette('dark');
		const p = parse(svgOfCells(grid, palette));
		const first = p.texts.find((t) => t.text.startsWith('ab'))!;
		// Columns 0, 1, 2 (the blank), 3 (界, two wide), 5.
		expect(first.xs.map((x) => (x - first.xs[0]) / 9)).toEqual([0, 1, 2, 3, 5]);
		const inv = p.texts.find((t) => t.text === 'inv')!;
		expect(inv.fill).toBe(palette.background);
		expect(p.rects.some((r) => r.fill === palette.foreground && r.width === 27)).toBe(true);
		const x = p.texts.find((t) => t.text === 'X')!;
		expect(x.fill).toBe(palette.ansi[1]);
		expect(p.rects.some((r) => r.fill === palette.ansi[2] && r.width === 9)).toBe(true);
	});

	it('draws block elements as rectangles that tile their cells', async () => {
		const grid = await cellsOfFrame('███▀▄▌░', 10, 1);
		const p = parse(svgOfCells(grid, stillPalette('light')));
		expect(p.texts).toEqual([]);
		const [full, upper, lower, left, shade] = p.rects;
		expect(full).toMatchObject({width: 27, height: 18});
		expect(upper).toMatchObject({x: full.x + 27, height: 9, y: full.y});
		expect(lower).toMatchObject({x: full.x + 36, height: 9, y: full.y + 9});
		expect(left).toMatchObject({width: 4.5});
		expect(shade.opacity).toBe(0.25);
	});
});

describe('--at', () => {
	it('reads times, end and event names, and refuses the rest naming the flag', () => {
		expect(parseStillTime('20s')).toEqual({kind: 'time', ms: 20000});
		expect(parseStillTime('0')).toEqual({kind: 'time', ms: 0});
		expect(parseStillTime('end')).toEqual({kind: 'end'});
		expect(parseStillTime('stop')).toEqual({kind: 'event', type: 'stop'});
		for (const bad of ['banana', '-5s', '20x', '']) expect(() => parseStillTime(bad)).toThrow(/^--at: /);
	});

	it('lands just past the first such event in any run', async () => {
		const p = parse(await snapshotSvg(race(), {kind: 'event', type: 'switchover'}, {columns: 100, rows: 30}));
		// Post-copy switches over first: its panel shows the push, pre-copy still copies.
		expect(words(p)).toContain('round');
		expect(words(p)).not.toContain('SCOREBOARD');
	});
});

describe('the still files s writes', () => {
	const dir = mkdtempSync(join(tmpdir(), 'livemig-stills-'));
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('are named for the scenario and the simulated time', () => {
		expect(stillFileName('precopy-wins', 37612.4)).toBe('livemig-precopy-wins-37.612s.svg');
		expect(stillFileName('../my scenario.json', 0, 3)).toBe('livemig-my-scenario-0.000s-3.svg');
	});

	it('never overwrite: -2, -3 follow, and the first file keeps its bytes', async () => {
		writeFileSync(join(dir, 'livemig-race-1.000s.svg'), 'mine');
		expect(await writeStillFile(dir, 'race', 1000, '<svg/>')).toBe('livemig-race-1.000s-2.svg');
		expect(await writeStillFile(dir, 'race', 1000, '<svg/>')).toBe('livemig-race-1.000s-3.svg');
		expect(readFileSync(join(dir, 'livemig-race-1.000s.svg'), 'utf8')).toBe('mine');
		expect(readFileSync(join(dir, 'livemig-race-1.000s-3.svg'), 'utf8')).toBe('<svg/>');
	});

	it('say why when the directory cannot take one', async () => {
		const notADir = join(dir, 'plain-file');
		writeFileSync(notADir, '');
		await expect(writeStillFile(notADir, 'race', 0, '<svg/>')).rejects.toThrow(`cannot write in ${notADir}: a part of the path is not a directory`);
		await expect(writeStillFile(join(dir, 'gone'), 'race', 0, '<svg/>')).rejects.toThrow(/cannot write in .*gone: no such file or directory/);
		expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
	});
});
