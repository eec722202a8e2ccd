// The first frame, painted while Ink and React load (a third of a second): the same title
// bar, panel frames and footer the live view draws, without the figures. Ink's first render
// replaces it. Plain strings only: importing anything that imports Ink would defeat it.
import type {Algorithm, Scenario} from '../core/index.js';
import {algorithmNames, nameWithPrecopyPolicy} from '../basics/names.js';
import {footerLine, titleLine, topBorder} from './chrome.js';
import {fit} from './format.js';
import {screenWithTimeline, type Size} from './layout.js';
import type {Theme} from './theme.js';

function panelLines(theme: Theme, width: number, height: number, title: string, note: string): string[] {
	const [v, bl, br, h] = theme.glyph.border === 'round' ? ['│', '╰', '╯', '─'] : theme.glyph.border === 'single' ? ['│', '└', '┘', '─'] : ['|', '+', '+', '-'];
	const side = theme.paint.dim(v);
	const lines = [topBorder(theme, width, title, theme.paint.value('t 0.000 ms'))];
	for (let i = 0; i < height - 2; i++) lines.push(side + fit(i === 0 ? ` ${theme.paint.dim(note)}` : '', width - 2) + side);
	lines.push(theme.paint.dim(bl + h.repeat(Math.max(0, width - 2)) + br));
	return lines;
}

/** The boot frame as one string (lines joined by newlines), or null when the terminal is too small. */
export function bootFrame(theme: Theme, size: Size, scenario: Scenario, algorithms: readonly Algorithm[], speed: number): string | null {
	// The live view's layout, timeline rows included, so its first frame does not move the panels.
	const layout = screenWithTimeline(size, {panels: algorithms.length});
	if (!layout.fits) return null;
	const {width, height} = layout.panel;
	const panels = algorithms.map((a) => panelLines(theme, width, height, theme.paint.title(nameWithPrecopyPolicy(a, scenario.precopy.policy, algorithmNames[a].toUpperCase())), 'starting'));
	const body: string[] = [];
	if (layout.direction === 'row') for (let r = 0; r < height; r++) body.push(panels.map((p) => p[r]).join(''));
	else for (const p of panels) body.push(...p);
	while (body.length < layout.mainRows + layout.timelineRows + layout.stripRows) body.push('');
	return [titleLine(theme, {scenario, width: size.columns, speed, slowSpeed: null, paused: false, finished: false}), ...body, footerLine(theme, size.columns)].join('\n');
}
