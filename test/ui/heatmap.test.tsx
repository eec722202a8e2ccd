import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {cellState, Heatmap, heatLevel, heatmapLines, legendLine} from '../../source/ui/components/Heatmap.js';
import {asciiPlain, colour, heatmap, plain, strip} from './fixtures.js';

describe('Heatmap', () => {
	const h = heatmap(['source', 'target', 'stale', 'faulted'], [0, 0.5, 50, 5000]);

	it('classifies blocks by where their pages are', () => {
		expect([0, 1, 2, 3].map((b) => cellState(h, b, false))).toEqual(['source', 'target', 'stale', 'someFaulted']);
	});

	it('marks a block with any faulted page, on a density scale (a 10% threshold hid post-copy\'s faults)', () => {
		const d = heatmap(['target', 'target', 'target', 'source']);
		d.pages.fill(1000);
		d.present.fill(1000);
		d.faulted[0] = 1; // one page in a thousand
		d.faulted[1] = 99; // under the old 10%
		d.faulted[2] = 600;
		d.present[3] = 0;
		expect([0, 1, 2, 3].map((b) => cellState(d, b, false))).toEqual(['someFaulted', 'someFaulted', 'faulted', 'source']);
		expect(heatmapLines(plain, d, 'where', 4, 1)).toEqual(['▒▒▓·']);
	});

	it('keeps a block mostly still at the source "source" while its faults are few, so the push shows', () => {
		// Post-copy of the default race at 15 s: faults in every block, the push a third of the way.
		// Before, every block with a fault was painted faulted and the push's progress was hidden.
		const d = heatmap(['source', 'source', 'source']);
		d.pages.fill(1000);
		d.present[0] = 900; // pushed, 10 of them faulted in
		d.faulted[0] = 10;
		d.present[1] = 10; // not reached: its 10 pages came by faults
		d.faulted[1] = 10;
		d.present[2] = 600; // not reached, but most of it faulted in
		d.faulted[2] = 600;
		expect([0, 1, 2].map((b) => cellState(d, b, false))).toEqual(['someFaulted', 'source', 'faulted']);
	});

	it('tells pages a pre-copy round skipped (they go next round) from pages not reached yet', () => {
		const d = heatmap(['source', 'source', 'source']);
		// Round 0: block 0 is still in the send set; block 1 was passed over, unsent; block 2 mostly.
		d.pending[0] = 100;
		d.pending[2] = 30;
		expect([0, 1, 2].map((b) => cellState(d, b, false, 'first'))).toEqual(['source', 'skipped', 'skipped']);
		// After round 0 every page the target lacks was skipped once; post-copy skips nothing.
		expect(cellState(d, 0, false, 'later')).toBe('skipped');
		expect([0, 1, 2].map((b) => cellState(d, b, false, 'none'))).toEqual(['source', 'source', 'source']);
		expect(heatmapLines(plain, d, 'where', 3, 1, false, 'first')).toEqual(['·::']);
		expect(legendLine(plain, 'where', 'precopy', 80, 0)).toContain(': skipped');
		expect(legendLine(plain, 'where', 'postcopy', 80, 0)).not.toContain('skipped');
	});

	it('grades blocks by writes per page', () => {
		expect([0, 1, 2, 3].map((b) => heatLevel(h, b))).toEqual([0, 1, 3, 5]);
	});

	it('shows the legend for a pre-copy panel with long labels when they fit', () => {
		const {lastFrame} = render(<Heatmap theme={plain} heatmap={h} mode="where" algorithm="precopy" cols={4} rows={1} blockBytes={400 * 1024} />);
		const legend = legendLine(plain, 'where', 'precopy', 80, 400 * 1024);
		expect(legend).toContain('· not sent');
		expect(legend).toContain('█ at target');
		expect(legend).toContain('░ dirtied again');
		expect(legend).not.toContain('faulted');
		expect(legend).toContain('1 block = 400 KiB');
		// Four columns only: the short labels, cut to fit.
		expect(lastFrame()!.split('\n')[0]).toMatch(/^·uns/);
	});

	it('names faults in a post-copy legend and shortens labels when narrow', () => {
		const legend = legendLine(plain, 'where', 'postcopy', 36, 0);
		expect(legend).toContain('▒▓fault');
		expect(legend).not.toContain('dirtied');
		expect(legend.length).toBe(36);
	});

	it('says what a block is whenever a scale is known, in a short form when narrow', () => {
		expect(legendLine(plain, 'where', 'postcopy', 60, 16 * 1024 * 1024)).toContain('1 block = 16 MiB');
		expect(legendLine(plain, 'where', 'postcopy', 36, 16 * 1024 * 1024)).toMatch(/█=16MiB|block 16MiB/);
	});

	it('has a legend for the write-count mode', () => {
		expect(legendLine(plain, 'writes', 'precopy', 60, 0)).toContain('writes/page');
	});

	it('reads without colour: one glyph per state, by density', () => {
		expect(heatmapLines(plain, h, 'where', 4, 1)).toEqual(['·█░▒']);
		expect(heatmapLines(asciiPlain, h, 'where', 4, 1)).toEqual(['.#~+']);
		expect(heatmapLines(plain, h, 'writes', 4, 1)).toEqual([' ·▒█']);
	});

	it('puts two blocks in a character with colour (upper half-block)', () => {
		const lines = heatmapLines(colour, h, 'where', 2, 1);
		expect(strip(lines[0])).toBe('▀▀');
		// top source (gray) over bottom stale (yellow background), top target (green) over faulted (magenta)
		expect(lines[0]).toContain('\u001B[43m');
		expect(lines[0]).toContain('\u001B[45m');
	});
});
