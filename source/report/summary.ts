import type {MigrationResult, Scenario} from '../core/index.js';
import {nameWithPolicy} from '../basics/names.js';
import {formatBandwidth, formatMs, formatSize} from '../basics/units.js';

interface Row {
	label: string;
	value: (r: MigrationResult) => number | string;
	format?: (v: number) => string;
	/** Lower is better (marked with *); undefined: not compared. */
	lowerIsBetter?: boolean;
}

const rows: Row[] = [
	{label: 'outcome', value: (r) => r.outcome},
	{label: 'total time', value: (r) => r.totalTimeMs, format: formatMs, lowerIsBetter: true},
	{label: 'downtime (VM paused)', value: (r) => r.downtimeMs, format: formatMs, lowerIsBetter: true},
	{label: 'stalled on faults', value: (r) => r.stallMs, format: formatMs, lowerIsBetter: true},
	{label: 'throttled', value: (r) => r.throttledMs, format: formatMs, lowerIsBetter: true},
	{label: 'pages sent', value: (r) => r.pagesTransferred, format: (v) => v.toLocaleString('en-US'), lowerIsBetter: true},
	{label: 'bytes sent', value: (r) => r.bytesTransferred, format: formatSize, lowerIsBetter: true},
	{label: 'network faults', value: (r) => r.networkFaults, format: (v) => v.toLocaleString('en-US'), lowerIsBetter: true},
	{label: 'rounds', value: (r) => r.rounds.length, format: String},
	{label: 'verified at target', value: (r) => (r.verified ? 'yes' : 'no')},
];

/** A plain-text comparison table: what a non-TTY (or `--json`-less headless run) prints. */
export function summaryTable(s: Scenario, results: MigrationResult[]): string {
	const header = ['', ...results.map((r) => nameWithPolicy(r.algorithm, r.policy, r.algorithm))];
	const table: string[][] = [header];
	for (const row of rows) {
		const values = results.map(row.value);
		const numeric = values.filter((v): v is number => typeof v === 'number');
		const best = row.lowerIsBetter && results.length > 1 && numeric.length === values.length ? Math.min(...numeric) : null;
		const cells = values.map((v) => {
			const text = typeof v === 'number' ? (row.format ?? String)(v) : v;
			return best !== null && v === best && numeric.some((n) => n !== best) ? `${text} *` : text;
		});
		table.push([row.label, ...cells]);
	}
	const widths = header.map((_, c) => Math.max(...table.map((line) => line[c].length)));
	const lines = table.map((line) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
	const w = s.workload;
	const title =
		`livemig: ${formatSize(s.memoryBytes)} VM, ${formatBandwidth(s.bandwidthBitsPerSec)} link, RTT ${formatMs(s.rttMs)}, ` +
		`workload ${w.kind}, seed ${s.seed}`;
	const notes = results.filter((r) => r.outcome !== 'completed' || r.reason).map((r) => `  ${r.algorithm}: ${r.reason}`);
	return [title, '', ...lines, '', ...(results.length > 1 ? ['* better'] : []), ...notes, ''].join('\n');
}
