// The last few events in words (report/event-words.ts), newest first, each with its
// simulated time: in a panel under the counters, or in a strip shared by the panels when
// they have no room. The newest line is marked and bright; older ones fade.
import {memo} from 'react';
import type {Algorithm, MigrationEvent} from '../../core/index.js';
import {algorithmNames} from '../../basics/names.js';
import {eventTone, eventWords, shortCount, type Tone} from '../../report/event-words.js';
import {outcomeOf} from '../../report/outcome.js';
import {cutAtWord, fit, wrapToRows} from '../format.js';
import type {Theme} from '../theme.js';
import {Lines} from './Lines.js';

interface Entry {
	t: number;
	text: string;
	tone: Tone;
	who: Algorithm;
	/** A finished run's outcome in the strip: kept, and coloured, whatever its age. */
	pinned?: boolean;
}

/**
 * The newest `n` worded events of one run, newest first (a walk back from the end: O(n +
 * skipped)). The end reads as the outcome line (outcome.ts), with the verification after it
 * folded in, so a finished run's log starts with what happened and why.
 */
function newest(events: readonly MigrationEvent[], algorithm: Algorithm, pageSizeBytes: number, n: number): Entry[] {
	const out: Entry[] = [];
	for (let i = events.length - 1; i >= 0 && out.length < n; i--) {
		const ev = events[i];
		if (ev.type === 'verified') continue;
		if (ev.type === 'end') {
			const o = outcomeOf(events, algorithm, pageSizeBytes);
			if (o) out.push({t: ev.t, text: o.line, tone: o.tone, who: algorithm});
			continue;
		}
		// A fault window's pre-paging goes on its faults' row (one row for the window).
		const burst = ev.type === 'prepaging' && i > 0 && events[i - 1].type === 'fault-burst' && events[i - 1].t === ev.t ? events[--i] : null;
		const text = eventWords(burst ?? ev, {algorithm, pageSizeBytes});
		if (text !== null) out.push({t: ev.t, text: burst && ev.type === 'prepaging' ? `${text}; pre-paged ${shortCount(ev.pages)}` : text, tone: eventTone(burst ?? ev), who: algorithm});
	}
	return out;
}

function paintTone(theme: Theme, tone: Tone): (s: string) => string {
	const p = theme.paint;
	return tone === 'bad' ? p.bad : tone === 'warn' ? p.warn : tone === 'good' ? p.good : p.value;
}

/** Simulated time in six columns: "0.00s", "12.35s", "122s". */
export function logTime(ms: number): string {
	const sec = ms / 1000;
	return (sec < 100 ? `${sec.toFixed(2)}s` : `${Math.round(sec)}s`).padStart(6);
}

/** Rows of width `width`: a marker on the newest, the time, the words (a name first when `named`). */
function entryLines(theme: Theme, entries: readonly Entry[], width: number, rows: number, named: boolean, wrapNewest = false): string[] {
	const p = theme.paint;
	const room = Math.max(1, width - 9);
	const lines: string[] = [];
	for (const [i, e] of entries.entries()) {
		if (lines.length >= rows) break;
		const mark = i === 0 ? theme.glyph.play : ' ';
		const who = named ? `${algorithmNames[e.who]}: ` : '';
		// The newest may take a second row when the log has rows to spare (words, not cut).
		// Either way a line ends at a word, with an ellipsis when words are left out.
		const parts = wrapNewest && i === 0 && rows >= 3 ? wrapToRows(`${who}${e.text}`, room, 2, theme.glyph.ellipsis) : [cutAtWord(`${who}${e.text}`, room, theme.glyph.ellipsis)];
		for (const [k, part] of parts.entries()) {
			const words = fit(part, room);
			const head = k === 0 ? `${i === 0 ? p.accent(mark) : mark} ${p.dim(logTime(e.t))} ` : ' '.repeat(9);
			lines.push(head + (i === 0 || e.pinned ? paintTone(theme, e.tone)(words) : p.dim(words)));
		}
	}
	lines.splice(rows);
	// Ink gives an empty <Text> no height: blank rows hold a space.
	while (lines.length < rows) lines.push(' ');
	return lines;
}

/**
 * The panel's log: the newest events, then, in the rows they leave (two or more), what the
 * phase does (report/phase-words.ts), dim and cut at a word, so a long round with one event
 * explains itself instead of leaving a blank band.
 */
export function eventLogLines(theme: Theme, events: readonly MigrationEvent[], algorithm: Algorithm, pageSizeBytes: number, width: number, rows: number, hint: PhaseHint | null = null): string[] {
	const entries = newest(events, algorithm, pageSizeBytes, rows);
	const lines = entryLines(theme, entries, width, rows, false, true);
	const top = rows - trailingBlanks(lines);
	if (hint === null || rows - top < 2) return lines;
	const room = Math.max(1, width - 9);
	// Each sentence after a blank row (none before the first when there is no event), the
	// second only when it fits whole.
	const blocks: string[][] = [];
	let used = top;
	for (const [k, sentence] of [hint.does, hint.watch].entries()) {
		const gap = used > 0 ? 1 : 0;
		const free = rows - used - gap;
		if (free < 1) break;
		if (k > 0 && wrapToRows(sentence, room, rows, theme.glyph.ellipsis).length > free) break;
		const text = wrapToRows(sentence, room, free, theme.glyph.ellipsis);
		blocks.push(text.map((l) => ' '.repeat(9) + theme.paint.dim(fit(l, room))));
		used += gap + text.length;
	}
	// The rows still left are shared between the gaps and the bottom, so none is a wide band.
	const gaps = blocks.length - (top > 0 ? 0 : 1);
	const spare = rows - used;
	const widen = Math.floor(spare / (gaps + 1));
	let at = top;
	for (const [k, block] of blocks.entries()) {
		if (k > 0 || top > 0) at += 1 + widen;
		lines.splice(at, block.length, ...block);
		at += block.length;
	}
	return lines;
}

/** The phase's two sentences (report/phase-words.ts). */
export type PhaseHint = {does: string; watch: string};

/** Blank rows (a space each) at the end of a log's lines. */
function trailingBlanks(lines: readonly string[]): number {
	let n = 0;
	while (n < lines.length && lines[lines.length - 1 - n] === ' ') n++;
	return n;
}

/**
 * The strip: the newest events of every run, merged newest first (ties in panel order), each
 * named. Once a run has ended its outcome stays in the strip (a run that ended early is not
 * pushed out by the others' news), and later events of the others fill the rows left.
 */
export function eventStripLines(theme: Theme, runs: ReadonlyArray<{algorithm: Algorithm; events: readonly MigrationEvent[]}>, pageSizeBytes: number, width: number, rows: number): string[] {
	// The end is the last event, or the one before its verification.
	const ended = (r: {events: readonly MigrationEvent[]}) => r.events.slice(-2).some((e) => e.type === 'end');
	const all = runs.flatMap((r, k) => newest(r.events, r.algorithm, pageSizeBytes, ended(r) ? 1 : rows).map((e) => ({...e, k, pinned: ended(r)})));
	all.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.t - a.t || a.k - b.k);
	return entryLines(theme, all, width, rows, true);
}

export const EventLog = memo(function EventLog(props: {theme: Theme; events: readonly MigrationEvent[]; algorithm: Algorithm; pageSizeBytes: number; width: number; rows: number; hint?: PhaseHint | null}) {
	return <Lines lines={eventLogLines(props.theme, props.events, props.algorithm, props.pageSizeBytes, props.width, props.rows, props.hint ?? null)} />;
});
