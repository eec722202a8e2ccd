// The finish: each migration's totals side by side, the better value of each row marked
// (a star and, with colour, green) by report/compare.ts, the rule the headless summary
// uses too; rows, names and precisions come from report/figures.ts, as the summary's do.
// Works on partial runs (the exit print after an early quit): a run still going has not
// completed, so it is never marked.
import {memo} from 'react';
import type {MigrationResult, Snapshot} from '../../core/index.js';
import {nameWithPolicy} from '../../basics/names.js';
import {bestRuns} from '../../report/compare.js';
import {type Figure, figures, showFigure} from '../../report/figures.js';
import {fit} from '../format.js';
import type {Theme} from '../theme.js';
import {Frame} from './Frame.js';
import {Lines} from './Lines.js';

export interface Score {
	name: string;
	/** How it ended, or 'running' for a run that has not. */
	outcome: string;
	totalTimeMs: number;
	downtimeMs: number;
	stallMs: number;
	pagesTransferred: number;
	bytesTransferred: number;
	networkFaults: number;
	rounds: number;
}

/** A score from a finished result, or from the latest snapshot of an unfinished run. */
export function scoreOf(snap: Snapshot, result: MigrationResult | null): Score {
	const name = nameWithPolicy(snap.algorithm, snap.policy);
	if (result)
		return {
			name,
			outcome: result.outcome,
			totalTimeMs: result.totalTimeMs,
			downtimeMs: result.downtimeMs,
			stallMs: result.stallMs,
			pagesTransferred: result.pagesTransferred,
			bytesTransferred: result.bytesTransferred,
			networkFaults: result.networkFaults,
			rounds: result.rounds.length,
		};
	return {
		name,
		outcome: 'running',
		totalTimeMs: snap.nowMs,
		downtimeMs: snap.downtimeMs,
		stallMs: snap.stallMs,
		pagesTransferred: snap.pagesTransferred,
		bytesTransferred: snap.bytesTransferred,
		networkFaults: snap.networkFaults,
		rounds: snap.rounds.length + (snap.round ? 1 : 0),
	};
}

interface Row {
	figure: Figure;
	value: (s: Score) => number;
}

const rows: Row[] = [
	{figure: figures.totalTime, value: (s) => s.totalTimeMs},
	{figure: figures.downtime, value: (s) => s.downtimeMs},
	{figure: figures.stall, value: (s) => s.stallMs},
	{figure: figures.pages, value: (s) => s.pagesTransferred},
	{figure: figures.bytes, value: (s) => s.bytesTransferred},
	{figure: figures.faults, value: (s) => s.networkFaults},
	{figure: figures.rounds, value: (s) => s.rounds},
];

/** Body lines (without the frame) of exactly `width` columns. */
export function scoreboardLines(theme: Theme, scores: readonly Score[], width: number): string[] {
	const p = theme.paint;
	const labelWidth = Math.min(22, Math.max(12, width - scores.length * 14));
	const col = Math.max(8, Math.min(20, Math.floor((width - labelWidth) / Math.max(1, scores.length))));
	const mark = ` ${theme.glyph.better}`;
	const head = fit('', labelWidth) + scores.map((s) => p.title(fit(s.name, col - 2, 'right')) + '  ').join('');
	const lines = [fit(head, width)];
	if (scores.some((s) => s.outcome !== 'completed'))
		lines.push(fit(p.label(fit('outcome', labelWidth)) + scores.map((s) => fit(s.outcome, col - 2, 'right') + '  ').join(''), width));
	for (const row of rows) {
		const best = bestRuns(scores, row.value, row.figure);
		const cells = scores.map((s, i) => {
			const text = fit(showFigure(row.figure, row.value(s)), col - 2, 'right');
			return best[i] ? p.good(text + mark) : p.value(text) + '  ';
		});
		lines.push(fit(p.label(fit(row.figure.label, labelWidth)) + cells.join(''), width));
	}
	return lines;
}

/** Whether any row marks a run: the legend is shown only then (as the summary's). */
export function anyMarked(scores: readonly Score[]): boolean {
	return rows.some((row) => bestRuns(scores, row.value, row.figure).some(Boolean));
}

/** Rows the scoreboard takes, frame included (an outcome row when one did not complete). */
export function scoreboardRows(_migrations: number, withOutcome: boolean): number {
	return 2 + 1 + rows.length + (withOutcome ? 1 : 0);
}

export interface ScoreboardProps {
	theme: Theme;
	scores: readonly Score[];
	width: number;
	title?: string;
}

export const Scoreboard = memo(function Scoreboard({theme, scores, width, title = 'SCOREBOARD'}: ScoreboardProps) {
	const inner = width - 4;
	const lines = scoreboardLines(theme, scores, inner);
	return (
		<Frame theme={theme} width={width} height={lines.length + 2} title={theme.paint.title(title)} right={anyMarked(scores) ? theme.paint.dim(`${theme.glyph.better} better`) : undefined}>
			<Lines lines={lines} />
		</Frame>
	);
});
