// The timeline strip: its rows at every size (the frame stays rows-1 high, the strip goes
// when the panels need the rows), its markers, ASCII and no colour.
import {describe, expect, it} from 'vitest';
import type {MigrationEvent} from '../../source/core/index.js';
import {screenWithLog, screenWithTimeline} from '../../source/ui/layout.js';
import {createTheme} from '../../source/ui/theme.js';
import {timelineLines} from '../../source/ui/timeline-lines.js';
import {width} from '../../source/ui/format.js';

const utf8 = {LANG: 'en_US.UTF-8'};
const ev = (e: Partial<MigrationEvent> & {type: MigrationEvent['type']; t: number}) => e as MigrationEvent;

const precopy: MigrationEvent[] = [
	ev({type: 'round-end', t: 30_000, round: 0, kind: 'live'}),
	ev({type: 'round-end', t: 34_000, round: 1, kind: 'live'}),
	ev({type: 'stop', t: 34_000, round: 1}),
	ev({type: 'vm-paused', t: 34_000}),
	ev({type: 'switchover', t: 34_100}),
	ev({type: 'end', t: 34_100, outcome: 'completed'}),
];
const postcopy: MigrationEvent[] = [
	ev({type: 'vm-paused', t: 0}),
	ev({type: 'switchover', t: 600}),
	ev({type: 'first-fault', t: 600}),
	ev({type: 'fault-burst', t: 1600, fromMs: 600, toMs: 1500, faults: 300}),
	ev({type: 'link-down', t: 10_000}),
	ev({type: 'link-up', t: 15_000}),
];
const runs = [
	{algorithm: 'precopy' as const, events: precopy},
	{algorithm: 'postcopy' as const, events: postcopy},
];

describe('timeline layout', () => {
	it.each([
		[80, 24, 2],
		[160, 50, 2],
		[160, 50, 3],
		[100, 30, 3],
	])('at %ix%i with %i panels: an axis and a row per run, the frame at most rows-1', (columns, rows, panels) => {
		const l = screenWithTimeline({columns, rows}, {panels, caption: true});
		expect(l.fits && l.showPanels).toBe(true);
		expect(l.timelineRows).toBe(panels + 1);
		// title + main + timeline + strip + caption + footer
		expect(1 + l.mainRows + l.timelineRows + l.stripRows + 1 + 1).toBeLessThanOrEqual(rows - 1);
	});

	it('drops the axis, then the strip, rather than change the panels; the frame stays rows-1 high', () => {
		const counts = new Map<number, number>();
		for (let columns = 40; columns <= 200; columns += 7)
			for (let rows = 8; rows <= 60; rows++)
				for (const panels of [1, 2, 3])
					for (const caption of [false, true]) {
						const base = screenWithLog({columns, rows}, {panels, caption});
						const l = screenWithTimeline({columns, rows}, {panels, caption});
						expect(l.fits).toBe(base.fits);
						if (!l.fits) continue;
						expect(l.showPanels).toBe(base.showPanels);
						expect(l.direction).toBe(base.direction);
						expect(1 + l.mainRows + l.timelineRows + l.stripRows + (caption ? 1 : 0) + 1).toBeLessThanOrEqual(rows - 1);
						const kind = l.timelineRows === 0 ? 0 : l.timelineRows === panels ? 1 : 2;
						counts.set(kind, (counts.get(kind) ?? 0) + 1);
					}
		// Each of the three happens somewhere: none, rows without the axis, the axis too.
		expect([...counts.keys()].sort()).toEqual([0, 1, 2]);
	});
});

describe('timeline lines', () => {
	const theme = createTheme({color: true, ascii: false, level: 1, env: utf8});
	it('marks round ends, the pause, faults, the outage and the end, up to now only', () => {
		const lines = timelineLines(theme, runs, 20_000, 40_000, 90, 3);
		expect(lines).toHaveLength(3);
		for (const line of lines) expect(width(line)).toBe(90);
		const plain = createTheme({color: false, ascii: false, env: utf8});
		const [axis, pre, post] = timelineLines(plain, runs, 20_000, 40_000, 90, 3);
		expect(axis).toMatch(/^time {6}0 /);
		// Now is half way: the cursor at the middle of the 80 track columns.
		expect(axis.indexOf('▼')).toBe(10 + 40);
		// Pre-copy's round ends are after now: not drawn yet.
		expect(pre).not.toMatch(/│/);
		expect(pre.slice(10, 51)).toMatch(/^─+$/);
		expect(pre.slice(51).trim()).toBe('');
		expect(post.slice(10)).toMatch(/^█+[·░▒▓]+─*╳+─+ *$/);
		const done = timelineLines(plain, runs, 40_000, 40_000, 90, 3);
		expect(done[1]).toMatch(/│.*█◆|│.*◆/);
	});

	it('without the axis when there is no room for it; ASCII and no colour', () => {
		const ascii = createTheme({color: false, ascii: true, env: {LANG: 'C'}});
		const lines = timelineLines(ascii, runs, 40_000, 40_000, 80, 2);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^pre-copy/);
		expect(lines.join('')).toMatch(/^[\x20-\x7e]+$/);
		expect(lines.join('')).not.toMatch(/\u001B/);
		expect(lines[1]).toMatch(/x+/);
		// Told apart without colour: completed, and not.
		expect(lines[0]).toMatch(/\*/);
		const aborted = [{algorithm: 'precopy' as const, events: [ev({type: 'link-down', t: 5000}), ev({type: 'end', t: 5000, outcome: 'aborted'})]}];
		const [row] = timelineLines(ascii, aborted, 40_000, 40_000, 80, 1);
		expect(row).toMatch(/^pre-copy  -+! *$/);
	});
});
