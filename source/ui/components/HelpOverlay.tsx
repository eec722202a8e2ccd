// `?`: the keys (from the one key table) and what the panels show. It takes the place of
// the panels until any key closes it.
import {memo} from 'react';
import {fit, wrapWords} from '../format.js';
import {keyBindings} from '../keys.js';
import type {Theme} from '../theme.js';
import {Frame} from './Frame.js';
import {Lines} from './Lines.js';

const notes = [
	'downtime: the VM is paused (stop-and-copy: milliseconds, played to last a second or more). stall: the application waits for a page that post-copy fetches on a fault.',
	'Rounds: bar length grows with the square root of the pages to send, so rounds form a staircase; the fill is progress.',
	'Memory: blocks in address order; h: where pages are, or how often they were written.',
];

/**
 * The keys, then as many of the notes as fit whole: a short terminal drops the last notes
 * rather than cutting one mid-sentence.
 */
export function helpLines(theme: Theme, width: number, rows: number): string[] {
	const p = theme.paint;
	const keys = keyBindings.filter((b) => !b.hidden).map((b) => fit(`${p.key(b.label.padStart(5))}  ${b.help}`, width));
	const out = keys.slice(0, Math.max(0, rows));
	let sep = true;
	for (const n of notes) {
		const lines = wrapWords(n, width, '  ').map((l) => p.dim(fit(l, width)));
		if (out.length + (sep ? 1 : 0) + lines.length > rows) break;
		if (sep) out.push(' ');
		sep = false;
		out.push(...lines);
	}
	return out;
}

export const HelpOverlay = memo(function HelpOverlay({theme, width, height}: {theme: Theme; width: number; height: number}) {
	return (
		<Frame theme={theme} width={width} height={height} title={theme.paint.title('HELP')} right={theme.paint.dim('any key closes')}>
			<Lines lines={helpLines(theme, width - 4, height - 2)} />
		</Frame>
	);
});
