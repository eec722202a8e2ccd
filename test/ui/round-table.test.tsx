import {describe, expect, it} from 'vitest';
import {roundLines, roundWindow} from '../../source/ui/components/RoundTable.js';
import {phaseText} from '../../source/ui/components/MigrationPanel.js';
import {qemuEntries} from '../../source/ui/qemu-live.js';
import {qemuLines} from '../../source/ui/components/QemuView.js';
import {defaultScenario} from '../../source/core/index.js';
import {plain, round, snapshot} from './fixtures.js';

const finished = [
	round({index: 0, pagesToSend: 1_000_000, pagesSent: 1_000_000, durationMs: 31000}),
	round({index: 1, pagesToSend: 120_000, pagesSent: 120_000, durationMs: 3200}),
	round({index: 2, pagesToSend: 45_000, pagesSent: 45_000, durationMs: 1200}),
	round({index: 3, pagesToSend: 20_000, pagesSent: 20_000, durationMs: 600}),
];

describe('RoundTable', () => {
	it('draws finished rounds as a shrinking staircase', () => {
		const lines = roundLines(plain, snapshot({round: null, rounds: finished}), 36, 5, true);
		expect(lines[0]).toMatch(/rnd\s+pages\s+progress\s+time\s+new\/s/);
		// Counted from 0, as the JSON report counts them.
		expect(lines[1]).toMatch(/^\s+0 /);
		const bars = lines.slice(1).map((l) => (l.match(/█+/) ?? [''])[0].length);
		expect(bars[0]).toBeGreaterThan(bars[1]);
		expect(bars[1]).toBeGreaterThan(bars[2]);
		expect(bars[2]).toBeGreaterThanOrEqual(bars[3]);
		expect(bars[3]).toBeGreaterThan(0);
		expect(lines[1]).toContain('1.00M');
		expect(lines[1]).toContain('31.0s');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(36);
	});

	it('elides the middle rounds when there is no room', () => {
		expect(roundWindow([1, 2, 3, 4, 5, 6], 4)).toEqual([1, {skipped: 3}, 5, 6]);
		// Room for more: the first few, then the latest; the last one (the stop round) always.
		expect(roundWindow([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 9)).toEqual([1, 2, {skipped: 4}, 7, 8, 9, 10, 11, 12]);
		expect(roundWindow([1, 2, 3], 3)).toEqual([1, 2, 3]);
		const many = Array.from({length: 19}, (_, i) => round({index: i, pagesToSend: 1000 - i * 50, pagesSent: 1000 - i * 50}));
		const lines = roundLines(plain, snapshot({round: null, rounds: many}), 36, 5, false);
		expect(lines).toHaveLength(5);
		expect(lines[1]).toContain('15 more rounds');
		expect(lines[4]).toMatch(/^\s+18 /);
	});

	it('shows post-copy where the pages came from', () => {
		const push = round({index: 0, kind: 'push', pagesToSend: 1000, pagesSent: 600});
		const s = snapshot({algorithm: 'postcopy', policy: 'postcopy', phase: 'postcopy', vmHost: 'target', round: push, postcopy: {pushed: 100, prepaged: 500, onDemand: 40, remaining: 360}});
		const text = roundLines(plain, s, 36, 6, true).join('\n');
		expect(text).toContain('push');
		expect(text).toContain('pre-paged 500');
		expect(text).toContain('faulted in 40');
		expect(text).toMatch(/app stalled \d+%/);
		expect(phaseText(s)).toBe('post-copy push');
	});

	it('says the phase in words', () => {
		expect(phaseText(snapshot({round: round({index: 2})}))).toBe('round 2 of pre-copy');
		expect(phaseText(snapshot({phase: 'stop-and-copy', vmPaused: true}))).toBe('stop-and-copy');
		expect(phaseText(snapshot({phase: 'vm-lost'}))).toMatch(/VM LOST/);
	});

	it('gives the QEMU names of the live figures', () => {
		const snap = snapshot({nowMs: 2000, bytesTransferred: 1e9, rounds: finished.slice(0, 2), dirtySyncCount: 3});
		const entries = Object.fromEntries(qemuEntries(snap, defaultScenario()).map(([k, v]) => [k, v]));
		expect(entries.status).toBe('active');
		expect(entries['total-time']).toBe(2000);
		expect(entries['ram.transferred']).toBe(1e9);
		expect(entries['ram.dirty-sync-count']).toBe(3);
		expect(entries['ram.mbps']).toBe(4000);
		const wide = qemuLines(plain, snap, defaultScenario(), 36, 9).join('\n');
		expect(wide).toContain('1,000,000,000 B');
		expect(wide).toMatch(/total-time\s+2,000 ms/);
		const narrow = qemuLines(plain, snap, defaultScenario(), 76, 4);
		expect(narrow).toHaveLength(4);
		expect(narrow[0]).toMatch(/status\s+active/);
	});
});
