import {type MigrationResult, type Scenario, vcpusOf} from '../core/index.js';
import {nameWithPolicy} from '../basics/names.js';
import {formatBandwidth, formatMs, formatSize} from '../basics/units.js';
import {bestRuns} from './compare.js';
import {outcomeOf} from './outcome.js';

/** A row of words, or of figures; figures marked `compared` get the best marked with * (compare.ts). */
type Row = {label: string; text: (r: MigrationResult) => string} | {label: string; value: (r: MigrationResult) => number; format: (v: number) => string; compared?: true};

const count = (v: number) => v.toLocaleString('en-US');

const rows: Row[] = [
	{label: 'outcome', text: (r) => r.outcome},
	{label: 'total time', value: (r) => r.totalTimeMs, format: formatMs, compared: true},
	{label: 'downtime (VM paused)', value: (r) => r.downtimeMs, format: formatMs, compared: true},
	{label: 'stalled on faults', value: (r) => r.stallMs, format: formatMs, compared: true},
	{label: 'throttled', value: (r) => r.throttledMs, format: formatMs, compared: true},
	{label: 'pages sent', value: (r) => r.pagesTransferred, format: count, compared: true},
	{label: 'bytes sent', value: (r) => r.bytesTransferred, format: formatSize, compared: true},
	{label: 'network faults', value: (r) => r.networkFaults, format: count, compared: true},
	{label: 'rounds', value: (r) => r.rounds.length, format: String},
	{label: 'verified at target', text: (r) => (r.verified ? 'yes' : 'no')},
];

/** Each vCPU's figure, in vCPU order (up to four), or the least and the most of them. */
function spread(values: number[], format: (v: number) => string): string {
	if (values.length <= 4) return values.map(format).join(' / ');
	return `${format(Math.min(...values))} to ${format(Math.max(...values))}`;
}

/** More than one vCPU: how the stall and the faults split over them (the VM's stall is their average). */
const vcpuRows: Row[] = [
	{label: '  per vCPU', text: (r) => spread((r.perVcpu ?? []).map((v) => v.stallMs), formatMs)},
	{label: 'faults per vCPU', text: (r) => spread((r.perVcpu ?? []).map((v) => v.networkFaults), count)},
];

function cells(row: Row, results: MigrationResult[]): string[] {
	if ('text' in row) return results.map(row.text);
	const best = row.compared ? bestRuns(results, row.value) : [];
	return results.map((r, i) => row.format(row.value(r)) + (best[i] ? ' *' : ''));
}

/** A plain-text comparison table: what a non-TTY (or `--json`-less headless run) prints. */
export function summaryTable(s: Scenario, results: MigrationResult[]): string {
	const header = ['', ...results.map((r) => nameWithPolicy(r.algorithm, r.policy, r.algorithm))];
	const table: string[][] = [header];
	const n = vcpusOf(s);
	const shown = n > 1 ? rows.flatMap((row) => (row.label === 'stalled on faults' ? [{...row, label: 'stalled (vCPU average)'}, vcpuRows[0]] : row.label === 'network faults' ? [row, vcpuRows[1]] : [row])) : rows;
	for (const row of shown) table.push([row.label, ...cells(row, results)]);
	const widths = header.map((_, c) => Math.max(...table.map((line) => line[c].length)));
	const lines = table.map((line) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
	const w = s.workload;
	const title =
		`livemig: ${formatSize(s.memoryBytes)} VM${n > 1 ? ` (${n} vCPUs)` : ''}, ${formatBandwidth(s.bandwidthBitsPerSec)} link, RTT ${formatMs(s.rttMs)}, ` +
		`workload ${w.kind}, seed ${s.seed}`;
	const notes = results.filter((r) => r.outcome !== 'completed' || r.reason).map((r) => `  ${r.algorithm}: ${r.reason}`);
	// What happened and why, as the console's panels end (outcome.ts).
	const outcomeLines = results.map((r) => `${r.algorithm}: ${outcomeOf(r.events, r.algorithm, s.pageSizeBytes)?.line ?? r.outcome}`);
	return [title, '', ...lines, '', ...outcomeLines, '', ...(results.length > 1 ? ['* better'] : []), ...notes, ''].join('\n');
}
