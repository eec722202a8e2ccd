// The console's event log and strip (components/EventLog.tsx) and where the layout puts them.
import {describe, expect, it} from 'vitest';
import type {MigrationEvent, Snapshot} from '../../source/core/index.js';
import {phaseWords} from '../../source/report/phase-words.js';
import {eventLogLines, eventStripLines, logTime} from '../../source/ui/components/EventLog.js';
import {panelLayout, screenLayout, screenWithLog} from '../../source/ui/layout.js';
import {asciiPlain, plain} from './fixtures.js';

const events: MigrationEvent[] = [
	{type: 'round-start', t: 0, round: 0, kind: 'live', pagesToSend: 1_048_576, rateBitsPerSec: 1e9},
	{type: 'round-end', t: 31_000, round: 0, kind: 'live', durationMs: 31_000, pagesToSend: 1_048_576, pagesSent: 1_048_576, pagesSkipped: 0, pagesDirtied: 120_000, bytesSent: 1, cutOff: false},
	{type: 'link-down', t: 32_000, upAt: null, during: 'precopy'},
	{type: 'end', t: 32_000, outcome: 'aborted', cause: 'link-down', downtimeMs: 0, stallMs: 0},
];

/** A snapshot with only what phaseWords reads set. */
const snap = {phase: 'precopy', algorithm: 'precopy', policy: 'xen', finished: false, round: null, rounds: []} as unknown as Snapshot;

describe('the event log', () => {
	it('lists the newest first, with simulated time, in plain words; the end as the outcome line', () => {
		const lines = eventLogLines(plain, events.slice(0, 3), 'precopy', 4096, 64, 3);
		expect(lines.map((l) => l.trimEnd())).toEqual([
			'▶ 32.00s link down for good',
			'  31.00s round 0: sent 1.05M, 120k dirtied: next round smaller',
			'   0.00s round 0: all 1.05M pages, the VM running',
		]);
		for (const l of lines) expect(l.length).toBe(64);
		const done = eventLogLines(plain, events, 'precopy', 4096, 36, 3);
		// The newest wraps onto a second row rather than lose its why.
		expect(done[0].trimEnd()).toBe('▶ 32.00s link down at 32.00 s:');
		expect(done[1].trim()).toBe('aborted, VM stays on source');
		for (const l of done) expect(l.length).toBe(36);
	});

	it('falls back to ASCII glyphs and fills its rows', () => {
		const lines = eventLogLines(asciiPlain, events.slice(0, 1), 'precopy', 4096, 60, 3);
		expect(lines[0].startsWith('>  0.00s round 0')).toBe(true);
		expect(lines.slice(1)).toEqual([' ', ' ']);
		expect(logTime(122_133)).toBe('  122s');
	});

	it('says what the phase does in the rows the events leave, so a long round shows no blank band', () => {
		// Round 0 of the default race: one event for 31 s. Before, 100x30 showed it over a band
		// of blank rows; now the phase's sentence (report/phase-words.ts) takes them.
		const hint = phaseWords({...snap, phase: 'precopy', rounds: [], round: null})!;
		expect(hint.does).toMatch(/^Round 0 copies all memory/);
		const lines = eventLogLines(plain, events.slice(0, 1), 'precopy', 4096, 42, 7, hint).map((l) => l.trimEnd());
		expect(lines[0]).toMatch(/round 0: all 1\.05M/);
		// The longest run of blank rows.
		const blanks = (ls: string[]) => ls.reduce((best, l, i) => Math.max(best, l === '' ? i + 1 - ls.slice(0, i + 1).findLastIndex((x) => x !== '') - 1 : 0), 0);
		expect(blanks(lines)).toBeLessThanOrEqual(2);
		const said = lines.slice(1).join(' ').replace(/\s+/g, ' ').trim();
		expect(said).toContain('Round 0 copies all memory while the VM runs; pages it writes meanwhile go again next round.');
		// A taller log gets what to watch too, after a blank row.
		const tall = eventLogLines(plain, events.slice(0, 1), 'precopy', 4096, 42, 11, hint).map((l) => l.trimEnd());
		expect(tall.join(' ').replace(/\s+/g, ' ')).toContain('Watch new dirty/s: those pages are what round 1 must send.');
		expect(blanks(tall)).toBeLessThanOrEqual(2);
		// Without the sentence the same log leaves its rows blank.
		const bare = eventLogLines(plain, events.slice(0, 1), 'precopy', 4096, 42, 7).map((l) => l.trimEnd());
		expect(blanks(bare)).toBeGreaterThan(2);
		// A full log keeps its events: no room, no sentence.
		expect(eventLogLines(plain, events.slice(0, 3), 'precopy', 4096, 64, 3, hint).map((l) => l.trimEnd())).toEqual(eventLogLines(plain, events.slice(0, 3), 'precopy', 4096, 64, 3).map((l) => l.trimEnd()));
	});

	it('words every phase that runs, and none once the run is over', () => {
		const at = (phase: Snapshot['phase'], algorithm: Snapshot['algorithm'] = 'precopy', index = 0, policy: Snapshot['policy'] = 'xen') =>
			phaseWords({...snap, phase, algorithm, policy, round: {index} as Snapshot['round'], rounds: []});
		expect(at('precopy', 'precopy', 3)?.does).toBe('Round 3 resends what the VM dirtied in round 2; rounds shrink while the link outpaces the writes.');
		// The stop rule, by loop, with the core's own numbers.
		expect(at('precopy', 'precopy', 3)?.watch).toBe('Xen stops when a round leaves fewer than 50 pages, after 30 rounds, or once 3x memory is sent.');
		expect(at('precopy', 'precopy', 3, 'xen-today')?.watch).toBe('Xen stops when fewer than 50 pages are dirty, or after 5 iterations.');
		expect(at('precopy', 'precopy', 3, 'qemu')?.watch).toMatch(/fits the downtime limit/);
		expect(at('stop-and-copy')?.does).toMatch(/downtime/);
		expect(at('stop-and-copy', 'postcopy')?.does).toMatch(/runs at the target before its memory/);
		expect(at('postcopy', 'postcopy')?.does).toMatch(/fault: the VM waits/);
		expect(at('link-paused', 'postcopy')?.does).toMatch(/link is down/);
		expect(phaseWords({...snap, finished: true})).toBeNull();
		for (const p of ['precopy', 'stop-and-copy', 'postcopy', 'link-paused'] as const) {
			const w = at(p)!;
			expect(w.does + w.watch).toMatch(/^[\x20-\x7e]+$/);
		}
	});

	it('the strip names each run, merges them newest first, and keeps a finished run\'s outcome', () => {
		const post: MigrationEvent[] = [{type: 'postcopy-paused', t: 32_000}, {type: 'link-up', t: 37_000, downForMs: 5000}];
		const lines = eventStripLines(plain, [{algorithm: 'precopy', events}, {algorithm: 'postcopy', events: post}], 4096, 80, 2);
		expect(lines[0]).toContain('pre-copy: link down at 32.00 s: aborted, VM stays on source');
		expect(lines[1]).toContain('37.00s post-copy: link back after 5.00 s');
	});
});

describe('where the log goes', () => {
	it('in each panel at 80x24 and 160x50 (two panels), the frame still rows-1 high', () => {
		for (const [columns, rows, least] of [[80, 24, 3], [160, 50, 6]]) {
			const l = screenWithLog({columns, rows}, {panels: 2});
			const p = panelLayout(l.panel);
			expect(l.stripRows).toBe(0);
			expect(p.logRows).toBeGreaterThanOrEqual(least);
			expect(p.heatRows).toBeGreaterThanOrEqual(3);
			expect(1 + p.counterRows + p.logRows + 1 + p.roundRows + p.heatRows + 1).toBeLessThanOrEqual(p.rows);
		}
	});

	it('in a shared strip when the panels have no room (three at 80x24), without pushing the frame past rows-1', () => {
		const l = screenWithLog({columns: 80, rows: 24}, {panels: 3});
		expect(panelLayout(l.panel).logRows).toBe(0);
		expect(l.stripRows).toBe(2);
		expect(l.fits && l.showPanels).toBe(true);
		expect(l.mainRows + 2 + l.stripRows).toBeLessThanOrEqual(23);
		expect(l.panel.height * 3).toBeLessThanOrEqual(l.mainRows);
		// Where even a strip does not fit, none.
		const tight = screenWithLog({columns: 64, rows: 18}, {panels: 3});
		expect(tight.fits).toBe(true);
		expect(tight.stripRows).toBe(0);
		expect(tight.panel).toEqual(screenLayout({columns: 64, rows: 18}, {panels: 3}).panel);
	});

	it('below a scoreboard that took the panels\' place, a row per run for the outcomes', () => {
		// Compacted panels fit above the scoreboard at 80x24 (they show the outcomes); at 80x21 they do not.
		const l = screenWithLog({columns: 80, rows: 21}, {panels: 3, scoreboardRows: 11});
		expect(l.showPanels).toBe(false);
		expect(l.scoreboardRows).toBe(11);
		expect(l.stripRows).toBe(3);
		expect(l.mainRows + 2 + l.stripRows).toBeLessThanOrEqual(20);
	});
});
