// One migration: name and simulated clock in the top border, the phase in words, the two
// downtime counters, the rounds (or post-copy's push), and the heatmap or the QEMU view.
// It renders a snapshot and nothing else; the hook decides when a new one exists.
import {memo} from 'react';
import {Box, Text} from 'ink';
import {type HeatmapData, type MigrationEvent, type Scenario, type Snapshot, TARGET_PAGE_BYTES} from '../../core/index.js';
import {algorithmNames, nameWithPolicy} from '../../basics/names.js';
import {type Outcome, outcomeOf} from '../../report/outcome.js';
import {phaseWords} from '../../report/phase-words.js';
import {clockMs, cutAtWord, fit, spread} from '../format.js';
import {panelLayout, type PanelBox} from '../layout.js';
import type {Theme} from '../theme.js';
import {countersInline, DowntimeCounter} from './DowntimeCounter.js';
import {EventLog} from './EventLog.js';
import {Frame} from './Frame.js';
import {Heatmap, type HeatMode, precopyPass} from './Heatmap.js';
import {QemuView} from './QemuView.js';
import {Lines} from './Lines.js';
import {RoundTable, roundLines} from './RoundTable.js';

/** The phase in words, as a lecturer would say it. */
export function phaseText(s: Snapshot): string {
	switch (s.phase) {
		case 'precopy': {
			// From 0, as the rounds table, the JSON report and the README count them.
			const k = s.round ? s.round.index : Math.max(0, s.rounds.length - 1);
			const behind = notConverging(s);
			if (behind !== null) return `round ${k}: not converging (dirt ${behind.toFixed(2)}x sent)`;
			return `round ${k} of pre-copy${s.throttlePercent > 0 ? ` (vCPU throttled ${s.throttlePercent}%)` : ''}`;
		}
		case 'stop-and-copy':
			return 'stop-and-copy';
		case 'postcopy':
			return 'post-copy push';
		case 'link-paused':
			return 'link down: post-copy paused';
		case 'done':
			return `done in ${clockMs(s.nowMs)}`;
		case 'aborted':
			return 'aborted: VM stays at source';
		case 'cancelled':
			return 'not converging: cancelled, VM stays at source';
		case 'vm-lost':
			return 'VM LOST: memory split';
	}
}

/**
 * QEMU's loop has no round limit, so a guest whose passes stop shrinking copies until it is
 * cancelled. Not converging: each of the last three passes had at least 90% of the one
 * before to send. The figure is the pages dirtied per page sent over those passes.
 */
function notConverging(s: Snapshot): number | null {
	if (s.policy !== 'qemu' || s.algorithm !== 'precopy') return null;
	const live = s.rounds.filter((r) => r.kind === 'live');
	if (live.length < 4) return null;
	const last = live.slice(-4);
	for (let i = 1; i < last.length; i++) if (last[i].pagesToSend < 0.9 * last[i - 1].pagesToSend) return null;
	const sent = last.reduce((n, r) => n + r.pagesSent, 0);
	return sent > 0 ? last.reduce((n, r) => n + r.pagesDirtied, 0) / sent : null;
}

/** The phase in a word or two, for narrow places. */
export function shortPhaseText(s: Snapshot): string {
	switch (s.phase) {
		case 'precopy':
			return `round ${s.round ? s.round.index : Math.max(0, s.rounds.length - 1)}`;
		case 'postcopy':
			return 'push';
		case 'link-paused':
			return 'link down';
		case 'done':
			return 'done';
		case 'vm-lost':
			return 'VM LOST';
		default:
			return s.phase;
	}
}

/**
 * A finished run's line: what happened and why (outcome.ts), or what happened alone when the
 * why does not fit; coloured by what it means, and ticked only when it went well.
 */
function outcomeLine(theme: Theme, o: Outcome, width: number): string {
	const p = theme.paint;
	const tick = o.tone === 'good' && theme.glyph.tick ? ` ${theme.glyph.tick}` : '';
	// Too long even in short: cut at a word with an ellipsis, never mid-word.
	const text = o.line.length + tick.length <= width ? o.line + tick : o.short.length + tick.length <= width ? o.short + tick : cutAtWord(o.short, width, theme.glyph.ellipsis);
	return fit((o.tone === 'good' ? p.good : o.tone === 'warn' ? p.warn : p.bad)(text), width);
}

function phaseLine(theme: Theme, s: Snapshot, width: number, outcome: Outcome | null): string {
	const p = theme.paint;
	if (outcome && s.finished) return outcomeLine(theme, outcome, width);
	const long = phaseText(s);
	const where = `VM on ${s.vmHost}`;
	const roomy = long.length + where.length + 3 <= width;
	const text = roomy || long.length + 1 <= width ? long : shortPhaseText(s);
	const painted =
		s.phase === 'stop-and-copy' || s.phase === 'vm-lost' || s.phase === 'aborted' || s.phase === 'cancelled'
			? p.bad(text)
			: s.phase === 'done'
				? p.good(`${text} ${theme.glyph.tick}`.trimEnd())
				: s.phase === 'link-paused'
					? p.warn(text)
					: p.accent(text);
	return roomy ? spread(painted, p.dim(where), width) : fit(painted, width);
}

export interface MigrationPanelProps {
	theme: Theme;
	snapshot: Snapshot;
	/** The snapshot of the last heatmap refresh: post-copy's figures change at that pace. */
	detail: Snapshot;
	heatmap: HeatmapData | null;
	/** The application stalled on a fault within the last moments (steadier than vmStalled). */
	stalling: boolean;
	box: PanelBox;
	heatMode: HeatMode;
	qemu: boolean;
	scenario: Scenario;
	blockBytes: number;
	/** The run's events so far (the log, and the outcome line at the end). */
	events: readonly MigrationEvent[];
}

export const MigrationPanel = memo(function MigrationPanel(props: MigrationPanelProps) {
	const {theme, snapshot: s, detail, heatmap, stalling, box, heatMode, qemu, scenario, blockBytes, events} = props;
	const inner = panelLayout(box);
	const outcome = s.finished ? outcomeOf(events, s.algorithm, TARGET_PAGE_BYTES) : null;
	// Tall panels: the rounds without padding, so the heatmap starts under the last one; the
	// rows this panel's rounds leave (the race's longest staircase set the layout) go to its
	// log, so no blank band opens between the sections or under the heatmap.
	const tallRounds = inner.phaseWithCounters ? null : roundLines(theme, s, inner.width, inner.roundRows + 1, true, s.finished ? s : detail, inner.heatRows === 0);
	const slack = tallRounds && inner.logRows > 0 ? inner.roundRows + 1 - tallRounds.length : 0;
	const log =
		inner.logRows > 0 ? (
			<EventLog theme={theme} events={events} algorithm={s.algorithm} pageSizeBytes={TARGET_PAGE_BYTES} width={inner.width} rows={inner.logRows + slack} hint={phaseWords(s)} />
		) : null;
	const p = theme.paint;
	const title = p.title(nameWithPolicy(s.algorithm, s.policy, algorithmNames[s.algorithm].toUpperCase()));
	const clock = p.value(`t ${clockMs(s.nowMs)}`);
	const balloon = scenario.postcopy.balloon;
	const figures =
		inner.heatRows > 0 ? (
			qemu ? (
				<QemuView theme={theme} snapshot={s} scenario={scenario} width={inner.heatCols} rows={inner.heatRows + 1} />
			) : (
				<Heatmap theme={theme} heatmap={heatmap} mode={heatMode} algorithm={s.algorithm} cols={inner.heatCols} rows={inner.heatRows} blockBytes={blockBytes} balloon={balloon} pass={precopyPass(detail)} />
			)
		) : null;
	if (inner.phaseWithCounters && qemu) {
		const cw = Math.min(52, Math.max(30, inner.width - 28));
		const head = fit(phaseLine(theme, s, inner.width - cw - 1, outcome), inner.width - cw - 1) + ' ' + countersInline(theme, s.downtimeMs, s.vmPaused, s.stallMs, stalling, cw);
		return (
			<Frame theme={theme} width={box.width} height={box.height} title={title} right={clock} alarm={s.vmPaused}>
				<Text wrap="truncate-end">{head}</Text>
				{log}
				<QemuView theme={theme} snapshot={s} scenario={scenario} width={inner.width} rows={inner.roundRows} />
			</Frame>
		);
	}
	if (inner.phaseWithCounters) {
		const cw = Math.min(52, Math.max(30, inner.width - 28));
		const head = fit(phaseLine(theme, s, inner.width - cw - 1, outcome), inner.width - cw - 1) + ' ' + countersInline(theme, s.downtimeMs, s.vmPaused, s.stallMs, stalling, cw);
		return (
			<Frame theme={theme} width={box.width} height={box.height} title={title} right={clock} alarm={s.vmPaused}>
				<Text wrap="truncate-end">{head}</Text>
				{log}
				<Box flexDirection="row">
					<Box width={inner.roundsWidth} flexDirection="column">
						<RoundTable theme={theme} snapshot={s} detail={s.finished ? s : detail} width={inner.roundsWidth} rows={inner.roundRows} header={false} />
					</Box>
					{figures ? <Box marginLeft={2}>{figures}</Box> : null}
				</Box>
			</Frame>
		);
	}
	return (
		<Frame theme={theme} width={box.width} height={box.height} title={title} right={clock} alarm={s.vmPaused}>
			<Text wrap="truncate-end">{phaseLine(theme, s, inner.width, outcome)}</Text>
			{inner.counterRows === 1 ? (
				<Text wrap="truncate-end">{countersInline(theme, s.downtimeMs, s.vmPaused, s.stallMs, stalling, inner.width)}</Text>
			) : (
				<>
					<DowntimeCounter theme={theme} kind="downtime" ms={s.downtimeMs} active={s.vmPaused} width={inner.width} />
					<DowntimeCounter theme={theme} kind="stall" ms={s.stallMs} active={stalling} width={inner.width} />
				</>
			)}
			{log}
			<Lines lines={tallRounds ?? []} />
			{figures}
		</Frame>
	);
});
