// A scripted demo's caption: wrapped at words into the rows the layout gives it (never cut
// mid-word; what does not fit ends at a word with an ellipsis).
import {fit, wrapToRows} from '../format.js';
import type {Theme} from '../theme.js';
import {Lines} from './Lines.js';

export function captionLines(theme: Theme, caption: string, width: number, rows: number): string[] {
	const lines = wrapToRows(caption, width, rows, theme.glyph.ellipsis).map((l) => fit(theme.paint.title(l), width));
	// Ink gives an empty <Text> no height: blank rows must hold a space.
	while (lines.length < rows) lines.push(' ');
	return lines;
}

export function Caption({theme, caption, width, rows}: {theme: Theme; caption: string; width: number; rows: number}) {
	return <Lines lines={captionLines(theme, caption, width, rows)} />;
}
