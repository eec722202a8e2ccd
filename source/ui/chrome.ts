// The console's chrome as plain strings: the title bar, the footer, a frame's top border.
// No React or Ink here, so the first frame can be painted before Ink has loaded.
import type {Scenario} from '../core/index.js';
import {formatBandwidth, formatMs, formatSize} from '../basics/units.js';
import {fit, spread, speedText, width as textWidth} from './format.js';
import {footerHints} from './keys.js';
import type {Theme} from './theme.js';

export interface TitleState {
	scenario: Scenario;
	width: number;
	speed: number;
	slowSpeed: number | null;
	/** Paced: the phase that sets the speed when it is not a plain round (pacing.ts). */
	speedNote?: string | null;
	paused: boolean;
	finished: boolean;
}

export function titleLine(theme: Theme, p: TitleState): string {
	const s = p.scenario;
	const t = theme.paint;
	const dot = theme.paint.dim(` ${theme.glyph.dot} `);
	const speed = speedText(p.speed, theme.glyph.times);
	const note = p.speedNote ?? null;
	// A pause is loud (the VM is stopped); an outage or the push says which phase sets the pace.
	const loud = note === 'stop-and-copy' || note === 'switch-over';
	const state = p.finished
		? t.good('finished')
		: p.paused
			? t.warn(`${theme.glyph.pause} PAUSED ${speed}`)
			: p.slowSpeed !== null
				? t.alarm(` SLOW MOTION ${speedText(p.slowSpeed, theme.glyph.times)} `)
				: loud
					? t.alarm(` ${theme.glyph.play} ${speed} ${note} `)
					: t.accent(`${theme.glyph.play} ${speed}${note ? ` ${note}` : ''}`);
	const parts = [
		`${formatSize(s.memoryBytes)} VM`,
		formatBandwidth(s.bandwidthBitsPerSec),
		`RTT ${formatMs(s.rttMs)}`,
		s.workload.kind,
		`seed ${s.seed}`,
	];
	const name = t.title('livemig');
	// Drop detail from the right until the line fits; the state always shows.
	for (let keep = parts.length; keep >= 0; keep--) {
		const left = `${name}  ${parts.slice(0, keep).map((x) => t.value(x)).join(dot)}`;
		if (textWidth(left) + 1 + textWidth(state) <= p.width) return spread(left, state, p.width);
	}
	return spread(name, state, p.width);
}

export function footerLine(theme: Theme, width: number, note = ''): string {
	const hints = footerHints(Math.max(0, width - (note ? note.length + 2 : 0)));
	const text = hints.map((h) => `${theme.paint.key(h.label)} ${theme.paint.dim(h.text)}`).join('  ');
	return fit(note ? `${text}  ${theme.paint.dim(note)}` : text, width);
}

const corners = {round: ['╭', '╮', '─'], single: ['┌', '┐', '─'], classic: ['+', '+', '-']} as const;

/** The top border line, exactly `width` columns: ╭─ title ───── right ─╮ */
export function topBorder(theme: Theme, width: number, title: string, right = '', alarm = false): string {
	const [tl, tr, h] = corners[theme.glyph.border];
	const paintBorder = alarm && theme.color ? theme.chalk.red : theme.paint.dim;
	const t = title ? ` ${title} ` : '';
	const r = right ? ` ${right} ` : '';
	let fill = width - 2 - 1 - textWidth(t) - textWidth(r) - 1;
	if (fill < 1) return paintBorder(tl + h.repeat(Math.max(0, width - 2)) + tr);
	return paintBorder(tl + h) + t + paintBorder(h.repeat(fill)) + r + paintBorder(h + tr);
}

