// The two meanings of "downtime" side by side: the VM paused (stop-and-copy) and the
// application stalled waiting for a page fetched over the network (post-copy). Each ticks
// in milliseconds and lights up while it is accruing.
import {memo} from 'react';
import {Text} from 'ink';
import {clockMs, fit, spread, width as textWidth} from '../format.js';
import type {Theme} from '../theme.js';

export type CounterKind = 'downtime' | 'stall';

const labels: Record<CounterKind, {long: string; short: string; active: string}> = {
	downtime: {long: 'downtime (VM paused)', short: 'downtime', active: 'VM PAUSED'},
	stall: {long: 'stalled on faults', short: 'stalls', active: 'STALLED'},
};

/** One counter as a line of exactly `width` columns. */
export function counterLine(theme: Theme, kind: CounterKind, ms: number, active: boolean, width: number): string {
	const l = labels[kind];
	const value = clockMs(ms);
	if (active) {
		const tag = kind === 'downtime' ? theme.paint.alarm(` ${theme.glyph.pause} ${l.active} `) : theme.paint.stall(` ${l.active} `);
		const v = kind === 'downtime' ? theme.paint.alarm(` ${value} `) : theme.paint.stall(` ${value} `);
		return spread(tag, v, width);
	}
	const label = textWidth(l.long) + value.length + 2 <= width ? l.long : l.short;
	return spread(theme.paint.label(label), theme.paint.value(value), width);
}

/** Both counters on one line (for wide panels). */
export function countersInline(theme: Theme, downtimeMs: number, paused: boolean, stallMs: number, stalled: boolean, width: number): string {
	const half = Math.floor((width - 3) / 2);
	return fit(counterLine(theme, 'downtime', downtimeMs, paused, half) + theme.paint.dim(' | ') + counterLine(theme, 'stall', stallMs, stalled, width - half - 3), width);
}

export interface DowntimeCounterProps {
	theme: Theme;
	kind: CounterKind;
	ms: number;
	active: boolean;
	width: number;
}

export const DowntimeCounter = memo(function DowntimeCounter({theme, kind, ms, active, width}: DowntimeCounterProps) {
	return <Text wrap="truncate-end">{counterLine(theme, kind, ms, active, width)}</Text>;
});
