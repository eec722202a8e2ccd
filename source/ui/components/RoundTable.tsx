// One row per round: pages to send, (pages sent), the bar, duration, the dirty rate it met.
// Bar length grows with the square root of the pages to send, so finished rounds form a
// staircase in which the late, small rounds stay visible; the fill is the round's progress.
// Post-copy adds its push row and where the pages came from (pushed, pre-paged, faulted).
import {memo} from 'react';
import {dirtyRateOf, type RoundRecord, type Snapshot} from '../../core/index.js';
import {barString, type BarTone} from '../bar.js';
import {compactCount, fit, shortMs} from '../format.js';
import type {Theme} from '../theme.js';
import {Lines} from './Lines.js';

const LABEL = 4;
const NUM = 6;
const TIME = 6;
const RATE = 7;
/** The wide rate column, when the bar keeps this many cells beside it. */
const WIDE_RATE = 11;
const WIDE_RATE_MIN_BAR = 12;

/** Whether the table has room for a "sent" column next to "pages". */
export function showsSent(width: number): boolean {
	return width >= 56;
}

function barWidthWith(width: number, rate: number): number {
	return width - (LABEL + 1 + NUM + 1 + (showsSent(width) ? NUM + 1 : 0) + 1 + TIME + 1 + rate);
}

/**
 * The last column is the pages first dirtied per second of the round: distinct pages, so a
 * hot set written over and over counts once and the figure falls round after round while
 * the workload writes as fast as ever. Its header says so ("new dirty/s", or "new/s").
 */
function rateWidth(width: number): number {
	return barWidthWith(width, WIDE_RATE) >= WIDE_RATE_MIN_BAR ? WIDE_RATE : RATE;
}

function barWidth(width: number): number {
	return Math.max(3, barWidthWith(width, rateWidth(width)));
}

export function roundHeader(theme: Theme, width: number): string {
	const bw = barWidth(width);
	const text =
		'rnd'.padStart(LABEL) +
		' ' +
		'pages'.padStart(NUM) +
		(showsSent(width) ? ' ' + 'sent'.padStart(NUM) : '') +
		' ' +
		fit('progress', bw) +
		' ' +
		'time'.padStart(TIME) +
		' ' +
		(rateWidth(width) === WIDE_RATE ? 'new dirty/s' : 'new/s').padStart(rateWidth(width));
	return theme.paint.label(fit(text, width));
}

export interface RoundRowOptions {
	width: number;
	/** Pages of the largest round (all of memory for round 1): the staircase's scale. */
	scalePages: number;
	current: boolean;
	/** Share done, when the caller knows better than sent/toSend (post-copy push). */
	fraction?: number;
	/** The dirty rate to show (the current round's is taken at the slower detail pace). */
	rate?: number;
}

export function roundRow(theme: Theme, r: RoundRecord, o: RoundRowOptions): string {
	const p = theme.paint;
	const bw = barWidth(o.width);
	// Rounds count from 0, as the JSON report, the events and the README do.
	const label = r.kind === 'live' ? String(r.index) : r.kind === 'push' ? 'push' : 'stop';
	const fraction = o.fraction ?? (r.pagesToSend > 0 ? (r.pagesSent + r.pagesSkipped) / r.pagesToSend : 1);
	const length = Math.max(1, Math.round(Math.sqrt(Math.max(0, r.pagesToSend) / Math.max(1, o.scalePages)) * bw));
	const tone: BarTone = r.kind === 'stop-and-copy' ? 'paused' : o.current ? 'live' : 'done';
	const rate = r.kind === 'live' ? compactCount(o.rate ?? dirtyRateOf(r)) : '-';
	const labelText = label.padStart(LABEL);
	return (
		(r.kind === 'stop-and-copy' ? p.bad(labelText) : o.current ? p.accent(labelText) : p.label(labelText)) +
		' ' +
		p.value(compactCount(r.pagesToSend).padStart(NUM)) +
		(showsSent(o.width) ? ' ' + compactCount(r.pagesSent).padStart(NUM) : '') +
		' ' +
		barString(theme, fraction, bw, {length: Math.min(bw, length), tone}) +
		' ' +
		shortMs(r.durationMs).padStart(TIME) +
		' ' +
		p.dim(rate.padStart(rateWidth(o.width)))
	);
}

/**
 * The rounds to show in `rows` rows: all of them when they fit (the staircase is the
 * lesson); else the first (a quarter of the rows, up to three), an elision, and the latest,
 * which end with the current round or, at the finish, the stop-and-copy.
 */
export function roundWindow<T>(items: readonly T[], rows: number): Array<T | {skipped: number}> {
	if (items.length <= rows) return [...items];
	if (rows <= 0) return [];
	if (rows <= 2) return items.slice(-rows);
	const head = Math.max(1, Math.min(3, Math.floor((rows - 1) / 4)));
	const tail = items.slice(items.length - (rows - 1 - head));
	return [...items.slice(0, head), {skipped: items.length - head - tail.length}, ...tail];
}

/** Post-copy's extra lines: where the target's pages came from. */
export function postcopyLines(theme: Theme, snap: Snapshot, width: number): string[] {
	const pc = snap.postcopy;
	if (!pc) return [];
	const p = theme.paint;
	const a = `${p.label('pushed')} ${p.value(compactCount(pc.pushed))}  ${p.label('pre-paged')} ${p.value(compactCount(pc.prepaged))}`;
	const b = `${p.label('faulted in')} ${p.value(compactCount(pc.onDemand))}  ${p.label('left')} ${p.value(compactCount(pc.remaining))}`;
	// Post-copy's price: the share of its time at the target the application spent waiting.
	const push = snap.round?.kind === 'push' ? snap.round : snap.rounds.find((r) => r.kind === 'push');
	const atTarget = push ? snap.nowMs - push.startMs : 0;
	const share = atTarget > 0 ? Math.min(100, Math.round((snap.stallMs / atTarget) * 100)) : 0;
	const c = `${p.label('app stalled')} ${p.value(`${share}%`)} ${p.label('of the time')}`;
	if (width >= 60) return [fit(`${a}  ${b}`, width), fit(c, width)];
	return [fit(a, width), fit(b, width), fit(c, width)];
}

/**
 * Rows (header aside) the rounds sections of a race would fill: its longest staircase,
 * post-copy's lines (three at most) and the switch row, so the layout can give them first.
 */
export function roundRowsWanted(snaps: readonly Snapshot[]): number {
	let most = 0;
	for (const s of snaps) {
		const items = s.rounds.length + (s.round ? 1 : 0);
		const switching = items === 0 && s.phase === 'stop-and-copy' ? 1 : 0;
		most = Math.max(most, items + switching + (s.postcopy ? 3 : 0));
	}
	return most;
}

/**
 * All the rows of a panel's rounds section, exactly `rows` of them. `detail` (default: the
 * snapshot) feeds the post-copy figures, which the hook refreshes less often than the bars.
 */
export function roundLines(theme: Theme, snap: Snapshot, width: number, rows: number, header: boolean, detail: Snapshot = snap, pad = true): string[] {
	const out: string[] = [];
	if (rows <= 0) return out;
	if (header) out.push(roundHeader(theme, width));
	const extras = postcopyLines(theme, detail.postcopy ? detail : snap, width);
	const items: RoundRecord[] = snap.round ? [...snap.rounds, snap.round] : [...snap.rounds];
	const scalePages = Math.max(1, ...items.map((r) => r.pagesToSend));
	const switching = items.length === 0 && snap.phase === 'stop-and-copy';
	const room = Math.max(0, rows - out.length - extras.length - (switching ? 1 : 0));
	if (switching) {
		// Post-copy begins with the switch: only CPU and device state cross while the VM waits.
		out.push(fit(theme.paint.bad('stop'.padStart(LABEL)) + ' ' + theme.paint.value(`CPU state ${theme.glyph.arrow} target`), width));
	}
	for (const item of roundWindow(items, room)) {
		if ('skipped' in item && !('kind' in item)) {
			out.push(theme.paint.dim(fit(`${theme.glyph.ellipsis.padStart(LABEL)} ${item.skipped} more round${item.skipped === 1 ? '' : 's'}`, width)));
			continue;
		}
		const r = item as RoundRecord;
		const current = r === snap.round;
		const fraction = r.kind === 'push' && snap.postcopy ? 1 - snap.postcopy.remaining / Math.max(1, r.pagesToSend) : undefined;
		const rate = current && detail.round?.index === r.index && detail.round.kind === r.kind ? dirtyRateOf(detail.round) : undefined;
		out.push(roundRow(theme, r, {width, scalePages, current, fraction, rate}));
	}
	out.push(...extras);
	// Ink gives an empty <Text> no height: blank rows must hold a space. Unpadded, what
	// follows (the heatmap) starts right under the last round, the blank rows below it.
	while (pad && out.length < rows) out.push(' ');
	return out.slice(0, rows);
}

export interface RoundTableProps {
	theme: Theme;
	snapshot: Snapshot;
	/** A snapshot taken less often, for the post-copy figures (fewer lines redrawn per frame). */
	detail?: Snapshot;
	width: number;
	rows: number;
	header?: boolean;
}

export const RoundTable = memo(function RoundTable({theme, snapshot, detail, width, rows, header = true}: RoundTableProps) {
	return <Lines lines={roundLines(theme, snapshot, width, rows, header, detail)} />;
});
