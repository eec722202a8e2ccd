import {describe, expect, it} from 'vitest';
import {COMPACT_PANEL_ROWS, panelLayout, screenLayout, usefulHeatRows} from '../../source/ui/layout.js';

describe('screenLayout', () => {
	it('puts two panels side by side at 80x24 in a frame of at most 23 rows', () => {
		const l = screenLayout({columns: 80, rows: 24}, {panels: 2});
		expect(l.fits).toBe(true);
		expect(l.direction).toBe('row');
		expect(l.panel).toEqual({width: 40, height: 21, shape: 'tall'});
		expect(l.frameRows).toBe(23);
		expect(l.mainRows + 2).toBeLessThanOrEqual(23);
	});

	it('gives a big terminal big panels with a big heatmap', () => {
		const l = screenLayout({columns: 160, rows: 50}, {panels: 2});
		const inner = panelLayout(l.panel);
		expect(l.panel.width).toBe(80);
		expect(inner.heatRows).toBeGreaterThan(20);
		expect(inner.roundRows).toBe(12);
	});

	it('stacks three panels at 80x24, rounds beside the heatmap', () => {
		const l = screenLayout({columns: 80, rows: 24}, {panels: 3});
		expect(l.fits).toBe(true);
		expect(l.direction).toBe('column');
		expect(l.panel.shape).toBe('wide');
		expect(l.panel.height * 3).toBeLessThanOrEqual(l.mainRows);
		expect(panelLayout(l.panel).heatBeside).toBe(true);
	});

	it('says what size it needs when too small', () => {
		const l = screenLayout({columns: 50, rows: 12}, {panels: 2});
		expect(l.fits).toBe(false);
		expect(l.need).toEqual({columns: 64, rows: 13});
		const ok = screenLayout(l.need, {panels: 2});
		expect(ok.fits).toBe(true);
		expect(screenLayout({columns: 30, rows: 30}, {panels: 1}).need.columns).toBe(38);
	});

	it('makes room for the scoreboard at the finish, dropping panels if need be', () => {
		const l = screenLayout({columns: 80, rows: 24}, {panels: 2, scoreboardRows: 10});
		expect(l.scoreboardRows).toBe(10);
		expect(l.panel.height).toBe(11);
		expect(l.showPanels).toBe(true);
		// Three panels do not fit whole beside it at 80x24: they stay, compacted to name, clock
		// and outcome, stacked above it (they used to vanish, leaving empty rows).
		const compact = screenLayout({columns: 80, rows: 24}, {panels: 3, scoreboardRows: 11});
		expect(compact.showPanels).toBe(true);
		expect(compact.direction).toBe('column');
		expect(compact.panel.height).toBe(COMPACT_PANEL_ROWS);
		expect(3 * compact.panel.height + compact.scoreboardRows).toBeLessThanOrEqual(compact.mainRows);
		expect(screenLayout({columns: 80, rows: 20}, {panels: 3, scoreboardRows: 11}).showPanels).toBe(false);
	});

	it('keeps every section of a panel inside the panel', () => {
		for (const [columns, rows, panels] of [[80, 24, 2], [160, 50, 2], [80, 24, 3], [120, 40, 1], [64, 14, 2], [200, 60, 3]]) {
			const l = screenLayout({columns, rows}, {panels});
			expect(l.fits).toBe(true);
			const p = panelLayout(l.panel);
			const used = p.phaseWithCounters ? 1 + Math.max(p.roundRows, p.heatRows + 1) : 1 + p.counterRows + 1 + p.roundRows + (p.heatRows > 0 ? p.heatRows + 1 : 0);
			expect(used).toBeLessThanOrEqual(p.rows);
			expect(p.width).toBe(l.panel.width - 4);
		}
	});
});
