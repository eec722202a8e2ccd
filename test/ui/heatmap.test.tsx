import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {cellState, Heatmap, heatLevel, heatmapLines, legendLine} from '../../source/ui/components/Heatmap.js';
import {asciiPlain, colour, heatmap, plain, strip} from './fixtures.js';

describe('Heatmap', () => {
	const h = heatmap(['source', 'target', 'stale', 'faulted'], [0, 0.5, 50, 5000]);

	it('classifies blocks by where their pages are', () => {
		expect([0, 1, 2, 3].map((b) => cellState(h, b, false))).toEqual(['source', 'target', 'stale', 'faulted']);
	});

	it('grades blocks by writes per page', () => {
		expect([0, 1, 2, 3].map((b) => heatLevel(h, b))).toEqual([0, 1, 3, 5]);
	});

	it('shows the legend for a pre-copy panel with long labels when they fit', () => {
		const {lastFrame} = render(<Heatmap theme={plain} heatmap={h} mode="where" algorithm="precopy" cols={4} rows={1} blockBytes={400 * 1024} />);
		const legend = legendLine(plain, 'where', 'precopy', 80, 400 * 1024);
		expect(legend).toContain('· source only');
		expect(legend).toContain('█ at target');
		expect(legend).toContain('░ dirtied again');
		expect(legend).not.toContain('faulted');
		expect(legend).toContain('1 block = 400 KiB');
		// Four columns only: the short labels, cut to fit.
		expect(lastFrame()!.split('\n')[0]).toMatch(/^·sou/);
	});

	it('names faults in a post-copy legend and shortens labels when narrow', () => {
		const legend = legendLine(plain, 'where', 'postcopy', 36, 0);
		expect(legend).toContain('faulted');
		expect(legend).not.toContain('dirtied');
		expect(legend.length).toBe(36);
	});

	it('has a legend for the write-count mode', () => {
		expect(legendLine(plain, 'writes', 'precopy', 60, 0)).toContain('writes/page');
	});

	it('reads without colour: one glyph per state, by density', () => {
		expect(heatmapLines(plain, h, 'where', 4, 1)).toEqual(['·█░▓']);
		expect(heatmapLines(asciiPlain, h, 'where', 4, 1)).toEqual(['.#~*']);
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
