import {type MigrationResult, type Scenario, TARGET_PAGE_BYTES, vcpusOf} from '../core/index.js';
import {nameWithPolicy} from '../basics/names.js';
import {formatBandwidth, formatCount, formatMs, formatSize, formatTime} from '../basics/units.js';
import {bestRuns} from './compare.js';
import {type Figure, figures, showFigure} from './figures.js';
import {outcomeOf} from './outcome.js';

/** A row of words, or a figure of figures.ts (its best run marked with * by compare.ts). */
type Row = {label: string; text: (r: MigrationResult) => string} | {label: string; figure: Figure; value: (r: MigrationResult) => number};

const figureRow = (figure: Figure, value: (r: MigrationResult) => number): Row => ({label: figure.label, figure, value});

const rows: Row[] = [
	{label: 'outcome', text: (r) => r.outcome},
	figureRow(figures.totalTime, (r) => r.totalTimeMs),
	figureRow(figures.downtime, (r) => r.downtimeMs),
	figureRow(figures.stall, (r) => r.stallMs),
	figureRow(figures.throttled, (r) => r.throttledMs),
	figureRow(figures.pages, (r) => r.pagesTransferred),
	figureRow(figures.bytes, (r) => r.bytesTransferred),
	figureRow(figures.faults, (r) => r.networkFaults),
	figureRow(figures.rounds, (r) => r.rounds.length),
	{label: 'verified at target', text: (r) => (r.verified ? 'yes' : 'no')},
];

/** Each vCPU's figure, in vCPU order (up to four), or the least and the most of them. */
function spread(values: number[], format: (v: number) => string): string {
	if (values.length <= 4) return values.map(format).join(' / ');
	return `${format(Math.min(...values))} to ${format(Math.max(...values))}`;
}

/** More than one vCPU: how the stall and the faults split over them (the VM's stall is their average). */
const vcpuRows: Row[] = [
	{label: '  per vCPU', text: (r) => spread((r.perVcpu ?? []).map((v) => v.stallMs), formatTime)},
	{label: 'faults per vCPU', text: (r) => spread((r.perVcpu ?? []).map((v) => v.networkFaults), formatCount)},
];

/** A row's cells: the text of each run, and whether it is marked best. */
function cells(row: Row, results: MigrationResult[]): Array<{text: string; best: boolean}> {
	if ('text' in row) return results.map((r) => ({text: row.text(r), best: false}));
	const best = bestRuns(results, row.value, row.figure);
	return results.map((r, i) => ({text: showFigure(row.figure, row.value(r)), best: best[i]}));
}

/**
 * A plain-text comparison table: what a non-TTY (or `--json`-less headless run) prints.
 * Marks sit in a column of their own after each value, so a * never shifts a figure; with
 * nothing marked there is no mark column and no legend.
 */
export function summaryTable(s: Scenario, results: MigrationResult[]): string {
	const names = results.map((r) => nameWithPolicy(r.algorithm, r.policy));
	const n = vcpusOf(s);
	const shown = n > 1 ? rows.flatMap((row) => (row.label === figures.stall.label ? [{...row, label: 'stalled (vCPU average)'}, vcpuRows[0]] : row.label === figures.faults.label ? [row, vcpuRows[1]] : [row])) : rows;
	const body = shown.map((row) => ({label: row.label, cells: cells(row, results)}));
	const marked = body.some((line) => line.cells.some((c) => c.best));
	const labelWidth = Math.max(...body.map((line) => line.label.length));
	const widths = names.map((name, c) => Math.max(name.length, ...body.map((line) => line.cells[c].text.length)));
	const mark = (best: boolean) => (marked ? ` ${best ? '*' : ' '}` : '');
	const line = (label: string, texts: Array<{text: string; best: boolean}>) =>
		[label.padEnd(labelWidth), ...texts.map((t, c) => t.text.padStart(widths[c]) + mark(t.best))].join('  ').trimEnd();
	const lines = [line('', names.map((text) => ({text, best: false}))), ...body.map((b) => line(b.label, b.cells))];
	const w = s.workload;
	const title =
		`livemig: ${formatSize(s.memoryBytes)} VM${n > 1 ? ` (${n} vCPUs)` : ''}, ${formatBandwidth(s.bandwidthBitsPerSec)} link, RTT ${formatMs(s.rttMs)}, ` +
		`workload ${w.kind}, seed ${s.seed}`;
	const notes = results.filter((r) => r.outcome !== 'completed' || r.reason).map((r) => `  ${nameWithPolicy(r.algorithm, r.policy)}: ${r.reason}`);
	// What happened and why, as the console's panels end (outcome.ts).
	const outcomeLines = results.map((r) => `${nameWithPolicy(r.algorithm, r.policy)}: ${outcomeOf(r.events, r.algorithm, TARGET_PAGE_BYTES)?.line ?? r.outcome}`);
	return [title, '', ...lines, '', ...outcomeLines, '', ...(marked ? ['* better'] : []), ...notes, ''].join('\n');
}
