// Screens that work everywhere (issue 14): themes legible on light and dark backgrounds, the
// Linux console's glyphs, text that wraps at words, rounds counted from 0, and the rows
// going to the staircase first, the heatmap taking only what it can fill.
import {EventEmitter} from 'node:events';
import React from 'react';
import {render} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultScenario, MiB} from '../../source/core/index.js';
import {ConsoleApp} from '../../source/ui/app.js';
import {createVirtualClock} from '../../source/ui/clock.js';
import {renderNow} from '../../source/ui/render-now.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import {createTheme, type Theme, themeNameFor} from '../../source/ui/theme.js';
import type {MigrationEvent} from '../../source/core/index.js';
import {captionLines} from '../../source/ui/components/Caption.js';
import {eventLogLines} from '../../source/ui/components/EventLog.js';
import {qemuLines} from '../../source/ui/components/QemuView.js';
import {roundLines, roundRowsWanted} from '../../source/ui/components/RoundTable.js';
import {cutAtWord, wrapToRows} from '../../source/ui/format.js';
import {panelLayout, screenLayout, usefulHeatRows} from '../../source/ui/layout.js';
import {resolveOptions} from '../../source/config/resolve.js';
import {CAPTION_CHARS, captionPieces, timelineOf} from '../../source/demo/timeline.js';
import {plain, round, snapshot, strip} from './fixtures.js';

class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (s: string) => {
		this.frames.push(s);
		return true;
	};
}

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const m of mounted.splice(0)) m.unmount();
});

/** The console on a fake terminal with `theme`, run `ms` simulated ms; the last frame, raw. */
function frameWith(theme: Theme, ms: number, columns = 80, rows = 24): string {
	const s = defaultScenario();
	s.memoryBytes = 512 * MiB;
	const stdout = new FakeStdout(columns, rows);
	const clock = createVirtualClock(0, {step: renderNow});
	const driver = new EngineDriver({scenario: s, algorithms: ['precopy', 'postcopy'], speed: 2, budgetMs: Infinity});
	const instance = render(<ConsoleApp driver={driver} theme={theme} fps={30} clock={clock} input={false} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	mounted.push(instance);
	clock.advance(ms);
	return stdout.frames.at(-1) ?? '';
}

const utf8 = {LANG: 'C.UTF-8'};
/** Every foreground colour a string sets (SGR 30-37, 90-97). */
const foregrounds = (s: string) => [...s.matchAll(/\u001B\[([0-9;]*)m/g)].flatMap((m) => m[1].split(';').map(Number)).filter((n) => (n >= 30 && n <= 37) || (n >= 90 && n <= 97));

describe('themes', () => {
	it('draws no value in ANSI white (SGR 37), which vanishes on a light background', () => {
		for (const name of ['light', 'dark'] as const) {
			const theme = createTheme({color: true, ascii: false, theme: name, env: utf8, level: 1});
			expect(theme.name).toBe(name);
			expect(theme.paint.value('4.097 ms')).toBe('4.097 ms');
			// A whole frame mid-round (the VM runs: no alarm, white on red, anywhere).
			const frame = frameWith(theme, 400);
			expect(strip(frame)).toContain('PRE-COPY');
			expect(foregrounds(frame)).not.toContain(37);
			expect(foregrounds(frame)).not.toContain(97);
			if (name === 'light') expect(foregrounds(frame)).not.toContain(33); // yellow, faint on white
		}
	});

	it('picks the theme: --theme, else LIVEMIG_THEME, else the background COLORFGBG gives, else dark', () => {
		expect(themeNameFor({})).toBe('dark');
		expect(themeNameFor({COLORFGBG: '0;15'})).toBe('light');
		expect(themeNameFor({COLORFGBG: '0;default;7'})).toBe('light');
		expect(themeNameFor({COLORFGBG: '15;0'})).toBe('dark');
		expect(themeNameFor({COLORFGBG: '15;0', LIVEMIG_THEME: 'light'})).toBe('light');
		expect(createTheme({color: true, ascii: false, env: {...utf8, COLORFGBG: '0;15'}, level: 1}).name).toBe('light');
		expect(createTheme({color: true, ascii: false, theme: 'dark', env: {...utf8, COLORFGBG: '0;15'}, level: 1}).name).toBe('dark');
		expect(resolveOptions({theme: 'light'}).display.theme).toBe('light');
		expect(resolveOptions({}).display.theme).toBeNull();
		expect(() => resolveOptions({theme: 'solarized'})).toThrow(/--theme: must be dark, light, mono, got "solarized"/);
	});

	it('mono, NO_COLOR and --no-color draw no colour at all, whatever the theme asked', () => {
		const mono = createTheme({color: true, ascii: false, theme: 'mono', env: utf8, level: 3});
		const noColor = createTheme({color: true, ascii: false, theme: 'light', env: {...utf8, NO_COLOR: '1'}, level: 3});
		for (const t of [mono, noColor]) {
			expect(t.color).toBe(false);
			expect(t.name).toBe('mono');
			expect(frameWith(t, 400)).not.toMatch(/\u001B\[[0-9;]*m/);
		}
	});
});

describe('terminals', () => {
	it('gives the Linux console glyphs its VGA font has: no rounded corners, eighths, stars, ticks or triangles', () => {
		const linux = createTheme({color: true, ascii: false, env: {...utf8, TERM: 'linux'}, level: 1});
		expect(linux.glyph.border).toBe('single');
		const frame = strip(frameWith(linux, 400));
		expect(frame).toContain('PRE-COPY');
		expect(frame).toContain('┌');
		for (const g of ['╭', '╮', '╰', '╯', '▏', '▎', '▍', '▋', '▊', '▉', '★', '✓', '▶', '‖', '…', '→', '×']) expect(frame, g).not.toContain(g);
		// Not the Linux console: the rounded corners stay.
		expect(createTheme({color: true, ascii: false, env: {...utf8, TERM: 'xterm-256color'}, level: 1}).glyph.border).toBe('round');
	});
});

describe('text', () => {
	it('wraps captions at words, never mid-word; what does not fit ends at a word with an ellipsis', () => {
		const sentence = 'Post-copy moves each page exactly once and finishes far sooner, so pre-copy sends memory again and again while the job keeps writing it.';
		const two = captionLines(plain, sentence, 80, 2).map((l) => l.trimEnd());
		expect(two.join(' ')).toBe(sentence);
		for (const l of two) expect(l.length).toBeLessThanOrEqual(80);
		const one = wrapToRows(sentence, 80, 1, '…');
		expect(one).toHaveLength(1);
		expect(one[0]).toMatch(/ again…$|\w…$/);
		expect(sentence.startsWith(one[0].slice(0, -1))).toBe(true);
		expect(sentence.split(' ')).toContain(one[0].slice(0, -1).split(' ').at(-1));
		expect(cutAtWord('done in 34.49 s, paused 599.8 ms', 27, '...')).toBe('done in 34.49 s, paused...');
	});

	it('plays a sentence too long for two 80-column rows as two captions, split at a clause', () => {
		const long = 'Every pre-copy round finds most of the array dirty again, so pre-copy sends memory over and over until its limits stop it, then pauses for a long stop-and-copy.';
		const pieces = captionPieces(long);
		expect(pieces.length).toBeGreaterThan(1);
		expect(pieces.join(' ')).toBe(long);
		for (const p of pieces) {
			expect(p.length).toBeLessThanOrEqual(CAPTION_CHARS);
			// Each whole in two rows of 80, wrapped at words.
			expect(wrapToRows(p, 80, 2, '…').join(' ')).toBe(p);
		}
		expect(captionPieces('Short.')).toEqual(['Short.']);
		const steps = timelineOf({demo: null, title: undefined, description: `${long} Short.`});
		expect(steps.filter((x) => 'caption' in x)).toHaveLength(pieces.length + 1);
	});

	it('cuts event log lines at a word with an ellipsis (at 80x24 they ended "524k di")', () => {
		const events: MigrationEvent[] = [
			{type: 'round-start', t: 0, round: 0, kind: 'live', pagesToSend: 1_048_576, rateBitsPerSec: 1e9},
			{type: 'round-end', t: 21_390, round: 0, kind: 'live', durationMs: 21_390, pagesToSend: 1_048_576, pagesSent: 651_000, pagesSkipped: 0, pagesDirtied: 524_000, bytesSent: 1, cutOff: false},
			{type: 'round-start', t: 21_390, round: 1, kind: 'live', pagesToSend: 524_000, rateBitsPerSec: 1e9},
		];
		const lines = eventLogLines(plain, events, 'precopy', 4096, 36, 2).map((l) => l.trimEnd());
		expect(lines[1]).toBe('   0.00s round 0: all 1.05M pages…');
		expect(lines[0]).toMatch(/^▶ 21\.39s round 0: sent 651k, 524k…$/);
	});

	it('fits the i view header to a panel at 80 columns without cutting a word', () => {
		const lines = qemuLines(plain, snapshot({nowMs: 1000}), defaultScenario(), 36, 8);
		expect(lines[0].trimEnd()).toBe('QEMU query-migrate names, live');
	});
});

describe('rounds and heatmap', () => {
	const stair = [...Array.from({length: 18}, (_, i) => round({index: i, pagesToSend: 1000 - i * 50, pagesSent: 1000 - i * 50})), round({index: 18, kind: 'stop-and-copy', pagesToSend: 28, pagesSent: 28})];

	it('keeps the first rounds, an ellipsis and the last ones with the stop round when they do not fit', () => {
		const lines = roundLines(plain, snapshot({round: null, rounds: stair, phase: 'done', finished: true}), 60, 9, true);
		expect(lines).toHaveLength(9);
		expect(lines[1]).toMatch(/^\s+0 /);
		expect(lines[2]).toMatch(/… 12 more rounds/);
		expect(lines.at(-1)).toMatch(/^stop /);
		expect(lines.at(-2)).toMatch(/^\s+17 /);
		// Room for all: the whole staircase, no ellipsis.
		const all = roundLines(plain, snapshot({round: null, rounds: stair, phase: 'done', finished: true}), 60, 20, true);
		expect(all.join('\n')).not.toContain('more round');
	});

	it('gives the rounds their rows first and the heatmap no more rows than memory has blocks for', () => {
		const heat = {cells: 4096, perChar: 2 as const};
		const rounds = roundRowsWanted([snapshot({round: null, rounds: stair})]);
		expect(rounds).toBe(19);
		const l = screenLayout({columns: 160, rows: 50}, {panels: 1, heat, rounds});
		const p = panelLayout(l.panel);
		expect(p.roundRows).toBeGreaterThanOrEqual(19);
		expect(usefulHeatRows(heat, p.heatCols)).toBe(14);
		expect(p.heatRows).toBeLessThanOrEqual(14);
		// Every row accounted for: nothing blank between the sections.
		expect(1 + p.counterRows + p.logRows + 1 + p.roundRows + 1 + p.heatRows).toBe(p.rows);
		// Without hints, as before: a share for the rounds.
		expect(panelLayout(screenLayout({columns: 160, rows: 50}, {panels: 1}).panel).roundRows).toBeLessThan(19);
	});
});
