// The watch console's one screen: a real migration's snapshot (watch/tracker.ts) as phase,
// the current pass, the staircase of passes, rates, downtime, throttle and the verdict. Pure
// rendering: the feed (live QMP or a replay) and the keys live in WatchApp.tsx.
import {Box, Text} from 'ink';
import React from 'react';
import {formatSize, formatTime} from '../../basics/units.js';
import {qemuMs} from '../../watch/progress-lines.js';
import type {Snapshot} from '../../watch/tracker.js';

export interface WatchViewProps {
	snapshot: Snapshot;
	title: string;
	width: number;
	height: number;
	color: boolean;
	ascii: boolean;
	/** The bottom line: the keys, or a question awaiting y/n. */
	footer: string;
	/** A line about the last control action or replay position. */
	status: string | null;
}

const rate = (b: number) => `${formatSize(Math.round(b))}/s`;

function bar(share: number, width: number, ascii: boolean): string {
	const n = Math.max(0, Math.min(width, Math.round(share * width)));
	return (ascii ? '#' : '█').repeat(n) + (ascii ? '.' : '░').repeat(width - n);
}

function phaseText(s: Snapshot): string {
	if (s.phase === 'active') return `pre-copy pass ${s.pass}`;
	if (s.phase === 'waiting') return 'waiting for a migration';
	if (s.phase === 'completing') return 'completing (VM paused)';
	if (s.phase === 'other') return s.status;
	return s.phase;
}

export function WatchView(p: WatchViewProps): React.ReactElement {
	const s = p.snapshot;
	const c = (color: string) => (p.color ? color : undefined);
	// A staircase row is 6 + bar + up to 37 columns of figures and label: no row may wrap.
	const barWidth = Math.max(10, Math.min(40, p.width - 50));
	const phaseColor = s.phase === 'completed' ? 'green' : s.phase === 'failed' || s.phase === 'cancelled' ? 'red' : 'cyan';
	const dirtyShare = s.convergence.dirtyShare;
	// The staircase gets the rows the rest leaves (the wrapped verdict included, so the frame
	// never outgrows the terminal and scrolls); the latest passes matter most.
	const rowsOf = (text: string | null | undefined) => (text ? Math.ceil(text.length / Math.max(1, p.width)) : 0);
	const recommendation = s.convergence.recommendation ? `recommendation: ${s.convergence.recommendation}` : null;
	const extra = (s.convergence.stall ? 1 : 0) + rowsOf(recommendation) + (s.final ? 1 : 0) + rowsOf(s.final?.downtimeNote) + (p.status ? 1 : 0);
	const room = Math.max(1, p.height - 10 - extra);
	const shown = s.passes.slice(-room);
	const most = Math.max(1, ...s.passes.map((x) => x.bytes));
	const over = s.downtimeLimitMs !== null && s.expectedDowntimeMs > s.downtimeLimitMs;
	return (
		<Box flexDirection="column" width={p.width}>
			<Text bold>{p.title.slice(0, p.width)}</Text>
			<Text>
				{'phase     '}
				<Text color={c(phaseColor)} bold>
					{phaseText(s)}
				</Text>
				{s.elapsedMs > 0 ? `   elapsed ${formatTime(s.elapsedMs)}` : ''}
			</Text>
			<Text>
				{'pass      '}
				{bar(s.passProgress, barWidth, p.ascii)} {`${(s.passProgress * 100).toFixed(0).padStart(3)}%`}
				{`  remaining ${formatSize(s.remainingBytes)} of ${formatSize(s.totalBytes)}`}
			</Text>
			<Text>
				{'rates     '}
				{`dirty ${rate(s.dirtyBytesPerSec)} vs sent ${rate(s.sentBytesPerSec)}`}
				{dirtyShare !== null ? (
					<Text color={c(dirtyShare >= 1 ? 'red' : dirtyShare >= 0.5 ? 'yellow' : 'green')}>{`  (dirtying ${(dirtyShare * 100).toFixed(0)}% of sending)`}</Text>
				) : (
					''
				)}
			</Text>
			<Text>
				{'downtime  '}
				<Text color={c(over ? 'yellow' : 'green')}>{`expected ${qemuMs(s.expectedDowntimeMs)}`}</Text>
				{` vs limit ${s.downtimeLimitMs === null ? '?' : qemuMs(s.downtimeLimitMs)}`}
			</Text>
			<Text>{`throttle  ${s.throttlePercent}%   post-copy requests ${s.postcopyRequestsPerSec.toFixed(0)}/s (${s.postcopyRequests} in all)   sent ${formatSize(s.transferredBytes)}`}</Text>
			<Text> </Text>
			<Text bold>{`passes (${s.passes.length}): bytes sent in each`}</Text>
			{shown.map((x) => (
				<Text key={x.index}>
					{`${String(x.index).padStart(4)}  `}
					<Text color={c(x.final ? 'magenta' : 'blue')}>{bar(x.bytes / most, barWidth, p.ascii)}</Text>
					{`  ${formatSize(x.bytes).padStart(10)} in ${formatTime(x.durationMs)}${x.final ? (s.postcopy ? '  (post-copy)' : '  (VM paused)') : ''}`}
				</Text>
			))}
			{s.convergence.stall ? <Text color={c('yellow')}>{`stalled: ${s.convergence.stall}`}</Text> : null}
			{recommendation ? <Text color={c('yellow')} wrap="wrap">{recommendation}</Text> : null}
			{s.final ? (
				<Text color={c(s.final.status === 'completed' ? 'green' : 'red')} bold>
					{s.final.status === 'completed'
						? `completed: downtime ${s.final.downtimeMs === null ? 'unknown' : qemuMs(s.final.downtimeMs)}, total time ${qemuMs(s.final.totalTimeMs)}`
						: `${s.final.status} after ${qemuMs(s.final.totalTimeMs)}${s.final.error ? `: ${s.final.error}` : ''}`}
				</Text>
			) : null}
			{s.final?.downtimeNote ? <Text color={c('yellow')}>{s.final.downtimeNote}</Text> : null}
			{p.status ? <Text>{p.status}</Text> : null}
			<Text dimColor>{p.footer}</Text>
		</Box>
	);
}
