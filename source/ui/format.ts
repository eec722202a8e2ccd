// Short number and time formats for narrow columns. Every formatter returns a string of a
// bounded width, so a column does not jitter as its value grows.
import {formatTime} from '../basics/units.js';

/** 1048576 -> "1.05M", 123147 -> "123k", 45050 -> "45.1k", 950 -> "950" (at most 5 chars). */
export function compactCount(n: number): string {
	const v = Math.max(0, Math.round(n));
	if (v < 1000) return String(v);
	if (v < 1e6) return v < 9999.5 ? `${(v / 1e3).toFixed(2)}k` : v < 99950 ? `${(v / 1e3).toFixed(1)}k` : `${Math.round(v / 1e3)}k`;
	if (v < 1e9) return v < 9.995e6 ? `${(v / 1e6).toFixed(2)}M` : v < 99.95e6 ? `${(v / 1e6).toFixed(1)}M` : `${Math.round(v / 1e6)}M`;
	return `${(v / 1e9).toFixed(2)}G`;
}

/** A simulated duration: the one result-time format (basics/units.ts), shared with the summary. */
export const clockMs = formatTime;

/** Round durations in a table column: "651ms", "31.8s" (at most 6 chars). */
export function shortMs(ms: number): string {
	if (ms < 1) return `${ms.toFixed(2)}ms`;
	if (ms < 10) return `${ms.toFixed(1)}ms`;
	if (ms < 1000) return `${Math.round(ms)}ms`;
	if (ms < 100000) return `${(ms / 1000).toFixed(1)}s`;
	return `${Math.round(ms / 1000)}s`;
}

/** Speed factor for the title bar: "×1.26", "×0.002". */
export function speedText(speed: number, times: string): string {
	const digits = speed >= 10 ? 0 : speed >= 1 ? 2 : Math.min(4, 1 - Math.floor(Math.log10(speed)));
	return `${times}${speed.toFixed(digits)}`;
}

const SGR = /\u001B\[[0-9;]*m/g;

/**
 * Display width of a string, ignoring colour codes. Every glyph the console uses is one
 * column wide (no emoji, no East Asian wide characters), so code points are columns.
 */
export function width(s: string): number {
	let n = 0;
	for (const _ of s.includes('\u001B') ? s.replace(SGR, '') : s) n++;
	return n;
}

/** Pads (or cuts) a possibly coloured string to exactly w columns. */
export function fit(s: string, w: number, align: 'left' | 'right' = 'left'): string {
	const n = width(s);
	if (n === w) return s;
	if (n < w) return align === 'left' ? s + ' '.repeat(w - n) : ' '.repeat(w - n) + s;
	return cut(s, w);
}

// Cuts a string to w columns. Only plain strings are cut exactly; a coloured string is cut
// after stripping its codes (callers build rows to fit, so this is a safety net).
function cut(s: string, w: number): string {
	let out = '';
	let n = 0;
	for (const ch of s.replace(SGR, '')) {
		if (n + 1 > w) break;
		out += ch;
		n++;
	}
	return out + ' '.repeat(w - n);
}

/** Left and right parts on one line of width w, the gap filled with spaces (right wins). */
export function spread(left: string, right: string, w: number): string {
	const gap = w - width(left) - width(right);
	if (gap >= 1) return left + ' '.repeat(gap) + right;
	return fit(left, Math.max(0, w - width(right) - 1)) + ' ' + right;
}

export function withCommas(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

/** Words of plain text wrapped to lines of at most w columns. */
export function wrapWords(text: string, w: number, indent = ''): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (width(next) > w && line) {
			lines.push(line);
			line = indent + word;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * Plain text in at most w columns, cut at a word with `ellipsis` after it when it does not
 * fit (never mid-word; a first word longer than the line is the one thing cut).
 */
export function cutAtWord(text: string, w: number, ellipsis: string): string {
	if (width(text) <= w) return text;
	const room = w - width(ellipsis);
	const words = text.split(/\s+/).filter(Boolean);
	let out = '';
	for (const word of words) {
		const next = out ? `${out} ${word}` : word;
		if (width(next) > room) break;
		out = next;
	}
	if (!out) return cut(text, w).trimEnd();
	return `${out.replace(/[,;:]$/, '')}${ellipsis}`;
}

/** Plain text wrapped at words to at most `rows` lines of w columns; the last cut at a word with `ellipsis`. */
export function wrapToRows(text: string, w: number, rows: number, ellipsis: string): string[] {
	if (rows <= 0) return [];
	const lines = wrapWords(text, w);
	if (lines.length <= rows) return lines.map((l) => (width(l) > w ? cutAtWord(l, w, ellipsis) : l));
	const kept = lines.slice(0, rows - 1);
	return [...kept, cutAtWord(lines.slice(rows - 1).join(' '), w, ellipsis)];
}
