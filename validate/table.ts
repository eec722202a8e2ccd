// The comparison: per case and metric, what QEMU measured (median of the runs, with the band
// when there were several), what livemig says, and livemig's error. Pure formatting.
import type {LivemigRun} from './livemig-side.js';
import type {RealRun} from './migrate.js';

export interface Row {
	caseName: string;
	metric: string;
	qemu: string;
	livemig: string;
	error: string;
}

type Num = number | null;

interface MetricDef {
	label: string;
	unit: 'ms' | 'bytes' | 'count' | '%';
	real: (r: RealRun) => Num;
	sim: (l: LivemigRun) => Num;
	/** Shown only when it applies (e.g. post-copy requests for post-copy cases). */
	when?: (mode: string) => boolean;
}

const metrics: MetricDef[] = [
	{label: 'total time', unit: 'ms', real: (r) => r.totalTimeMs, sim: (l) => l.totalTimeMs},
	{label: 'pause (STOP->RESUME)', unit: 'ms', real: (r) => r.pauseMs, sim: (l) => l.downtimeMs},
	{label: 'downtime (QEMU says)', unit: 'ms', real: (r) => r.qemuDowntimeMs, sim: (l) => l.downtimeMs},
	{label: 'bytes (ram.transferred)', unit: 'bytes', real: (r) => r.ramTransferredBytes, sim: (l) => l.bytesTransferred},
	{label: 'bytes (wire, link tx)', unit: 'bytes', real: (r) => r.wireBytes, sim: (l) => l.bytesTransferred},
	{label: 'zero pages (duplicate)', unit: 'count', real: (r) => r.duplicatePages, sim: (l) => l.zeroPages},
	{label: 'live passes / rounds', unit: 'count', real: (r) => r.livePasses, sim: (l) => l.liveRounds, when: (m) => m !== 'postcopy'},
	{label: 'dirty-sync-count', unit: 'count', real: (r) => r.dirtySyncCount, sim: (l) => l.dirtySyncCount},
	{label: 'post-copy requests', unit: 'count', real: (r) => r.postcopyRequests, sim: (l) => l.postcopyRequests, when: (m) => m !== 'precopy'},
	{label: 'vCPU blocked on faults', unit: 'ms', real: (r) => r.blocktimeMs, sim: (l) => l.stallMs, when: (m) => m !== 'precopy'},
	{label: 'vCPU time lost (guest clock)', unit: 'ms', real: (r) => r.blockedMs, sim: (l) => l.stallMs, when: (m) => m !== 'precopy'},
	{label: 'setup time', unit: 'ms', real: (r) => r.setupTimeMs, sim: () => 0},
	{label: 'max cpu throttle', unit: '%', real: (r) => r.maxThrottlePercent, sim: (l) => l.maxThrottlePercent},
];

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function formatValue(v: number, unit: MetricDef['unit']): string {
	if (unit === 'ms') return v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`;
	if (unit === 'bytes') return `${(v / 1024 / 1024).toFixed(1)} MiB`;
	if (unit === '%') return `${Math.round(v)}%`;
	return String(Math.round(v));
}

/** livemig relative to QEMU: "+12%" for times and bytes; counts also give the difference. */
export function formatError(real: number, sim: number, unit: MetricDef['unit']): string {
	const diff = sim - real;
	if (diff === 0) return unit === 'count' || unit === '%' ? '0' : '0%';
	if (real === 0) return `${diff > 0 ? '+' : ''}${formatValue(diff, unit)}`;
	const pct = (diff / real) * 100;
	const p = `${pct >= 0 ? '+' : ''}${Math.abs(pct) >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
	return unit === 'count' || unit === '%' ? `${diff >= 0 ? '+' : ''}${Math.round(diff)} (${p})` : p;
}

/** Median, then the band min..max when there were several runs. */
function cell(xs: number[], unit: MetricDef['unit']): string {
	if (xs.length === 0) return '-';
	const med = formatValue(median(xs), unit);
	return xs.length > 1 ? `${med} (${formatValue(Math.min(...xs), unit)}..${formatValue(Math.max(...xs), unit)})` : med;
}

/** Only a completed migration is "completed"; QEMU's cancelled run must not complete in livemig. */
export function outcomeRow(caseName: string, real: RealRun[], sims: LivemigRun[]): Row {
	const statuses = [...new Set(real.map((r) => r.status))];
	const outcomes = [...new Set(sims.map((l) => l.outcome))];
	const same = statuses.length === 1 && outcomes.length === 1 && statuses[0] === outcomes[0];
	return {caseName, metric: 'outcome', qemu: statuses.join('/'), livemig: outcomes.join('/'), error: same ? 'same' : 'DIFFERENT'};
}

/**
 * One row per metric. Each real run has its own livemig run (given the write rate that run's
 * guest achieved), so both columns are medians over the same runs and the error compares them.
 */
export function caseRows(caseName: string, mode: string, real: RealRun[], sims: LivemigRun[]): Row[] {
	const rows = [outcomeRow(caseName, real, sims)];
	for (const m of metrics) {
		if (m.when && !m.when(mode)) continue;
		const xs = real.map(m.real).filter((x): x is number => x !== null);
		const ss = sims.map(m.sim).filter((x): x is number => x !== null);
		// Nothing to compare when neither side has it, or both say zero (no throttle, no requests).
		if (xs.every((x) => x === 0) && ss.every((x) => x === 0)) continue;
		const error = xs.length > 0 && ss.length > 0 ? formatError(median(xs), median(ss), m.unit) : '';
		rows.push({caseName, metric: m.label, qemu: cell(xs, m.unit), livemig: cell(ss, m.unit), error});
	}
	return rows;
}

const headers = ['case', 'metric', 'QEMU', 'livemig', 'error'];
const cells = (r: Row) => [r.caseName, r.metric, r.qemu, r.livemig, r.error];

/** Aligned text for the terminal; the case name is printed on its first row only. */
export function formatText(rows: Row[]): string {
	const body = rows.map((r, i) => {
		const c = cells(r);
		if (i > 0 && rows[i - 1]!.caseName === r.caseName) c[0] = '';
		return c;
	});
	const widths = headers.map((h, i) => Math.max(h.length, ...body.map((c) => c[i]!.length)));
	const line = (c: string[]) => c.map((x, i) => (i >= 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function formatMarkdown(rows: Row[]): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|');
	const body = rows.map((r, i) => {
		const c = cells(r).map(esc);
		if (i > 0 && rows[i - 1]!.caseName === r.caseName) c[0] = '';
		return `| ${c.join(' | ')} |`;
	});
	return [`| ${headers.join(' | ')} |`, '|---|---|--:|--:|--:|', ...body].join('\n');
}

export interface CaseResult {
	name: string;
	mode: string;
	real: RealRun[];
	sims: LivemigRun[];
}

const pct = (sim: number, real: number) => ((sim - real) / real) * 100;
const range = (xs: number[], f: (x: number) => string) => (xs.length === 0 ? '-' : `${f(Math.min(...xs))} to ${f(Math.max(...xs))}`);
const signed = (x: number) => {
	const r = Math.round(x);
	return r === 0 ? '0%' : `${r > 0 ? '+' : ''}${r}%`;
};

/** The table in three sentences: completed pre-copy errors as ranges, and which outcomes differ. */
export function headline(results: CaseResult[]): string[] {
	const done = results.filter(
		(r) => r.mode === 'precopy' && r.real.every((x) => x.status === 'completed') && r.sims.every((l) => l.outcome === 'completed'),
	);
	const med = (r: CaseResult, f: (x: RealRun) => number | null) => {
		const xs = r.real.map(f).filter((x): x is number => x !== null);
		return xs.length > 0 ? median(xs) : null;
	};
	const sim = (r: CaseResult, f: (l: LivemigRun) => number) => median(r.sims.map(f));
	const totals: number[] = [];
	const bytes: number[] = [];
	const pauses: number[] = [];
	const rounds: number[] = [];
	for (const r of done) {
		const t = med(r, (x) => x.totalTimeMs);
		const b = med(r, (x) => x.ramTransferredBytes);
		const p = med(r, (x) => x.pauseMs);
		const l = med(r, (x) => x.livePasses);
		if (t) totals.push(pct(sim(r, (x) => x.totalTimeMs), t));
		if (b) bytes.push(pct(sim(r, (x) => x.bytesTransferred), b));
		if (p) pauses.push(sim(r, (x) => x.downtimeMs) / p);
		if (l !== null) rounds.push(sim(r, (x) => x.liveRounds) - l);
	}
	const differ = results.filter((r) => !r.real.every((x) => r.sims.every((l) => l.outcome === x.status)));
	const first =
		done.length === 0
			? 'No pre-copy case completed on both sides in this run.'
			: `Completed pre-copy cases (${done.length}): livemig's total time ${range(totals, signed)} of QEMU's, bytes ${range(bytes, signed)}, ` +
			`the guest's pause ${range(pauses, (x) => `${x.toFixed(x >= 10 ? 0 : x >= 1 ? 1 : 2)}x`)} QEMU's, live rounds ${range(rounds, (x) => `${x >= 0 ? '+' : ''}${Math.round(x)}`)}.`;
	return [
		first,
		...postcopyLine(results),
		differ.length === 0
			? `Outcomes: the same in all ${results.length} cases.`
			: `Outcomes differ in ${differ.map((r) => `${r.name} (QEMU ${[...new Set(r.real.map((x) => x.status))].join('/')}, livemig ${[...new Set(r.sims.map((l) => l.outcome))].join('/')})`).join(', ')}; the same in the other ${results.length - differ.length}.`,
	];
}

/**
 * The post-copy criteria (issue 12), each tested against QEMU's band (min..max over the runs,
 * which move from run to run): total time within 10% of it, bytes within 5%, post-copy requests
 * within 3x, the vCPU's blocktime within 2x. Counts and times near zero get a floor (3 requests,
 * 10 ms) so that 0 against 2 is not "infinitely" off.
 */
export const postcopyCriteria: Array<{label: string; real: (r: RealRun) => Num; sim: (l: LivemigRun) => Num; factor: number; floor: number}> = [
	{label: 'total time within 10%', real: (r) => r.totalTimeMs, sim: (l) => l.totalTimeMs, factor: 1.1, floor: 0},
	{label: 'bytes within 5%', real: (r) => r.ramTransferredBytes, sim: (l) => l.bytesTransferred, factor: 1.05, floor: 0},
	{label: 'requests within 3x', real: (r) => r.postcopyRequests, sim: (l) => l.postcopyRequests, factor: 3, floor: 3},
	{label: 'vCPU blocked within 2x', real: (r) => r.blocktimeMs, sim: (l) => l.stallMs, factor: 2, floor: 10},
];

/** Is livemig's median inside QEMU's band widened by the factor (or within the floor of it)? */
export function withinBand(realValues: number[], simMedian: number, factor: number, floor: number): boolean {
	const lo = Math.min(...realValues);
	const hi = Math.max(...realValues);
	return (simMedian >= lo / factor && simMedian <= hi * factor) || (simMedian >= lo - floor && simMedian <= hi + floor);
}

function postcopyLine(results: CaseResult[]): string[] {
	const done = results.filter(
		(r) => r.mode !== 'precopy' && r.real.every((x) => x.status === 'completed') && r.sims.every((l) => l.outcome === 'completed'),
	);
	if (done.length === 0) return [];
	const parts = postcopyCriteria.map((c) => {
		const misses: string[] = [];
		let judged = 0;
		for (const r of done) {
			const xs = r.real.map(c.real).filter((x): x is number => x !== null);
			const ss = r.sims.map(c.sim).filter((x): x is number => x !== null);
			if (xs.length === 0 || ss.length === 0) continue;
			judged++;
			if (!withinBand(xs, median(ss), c.factor, c.floor)) misses.push(r.name);
		}
		return `${c.label} of QEMU's band in ${judged - misses.length} of ${judged}${misses.length > 0 ? ` (not ${misses.join(', ')})` : ''}`;
	});
	return [`Completed post-copy and hybrid cases (${done.length}): ${parts.join('; ')}.`];
}
