// Axis arithmetic for the terminal chart: "nice" tick values (1, 2, 5 x 10^k), and the
// maps from data to cells. Pure, so tests can check where a value lands.

/** Cleans float noise from a tick value (0.30000000000000004 -> 0.3). */
function clean(v: number): number {
	return Number(v.toPrecision(12));
}

/** Evenly spaced ticks covering [lo, hi], about `target` of them, at 1/2/5 x 10^k steps. */
export function niceTicks(lo: number, hi: number, target: number): {ticks: number[]; step: number} {
	// A range within float noise (61.88 and 61.879999999999995) is flat: its step would be
	// ~1e-14 and the ticks past any array's length.
	if (!(hi - lo > 1e-9 * Math.max(Math.abs(hi), Math.abs(lo)))) hi = lo === 0 ? 1 : lo + Math.abs(lo);
	const rough = (hi - lo) / Math.max(1, target);
	const mag = 10 ** Math.floor(Math.log10(rough));
	const norm = rough / mag;
	const step = clean((norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag);
	const first = Math.floor(lo / step + 1e-9);
	const last = Math.ceil(hi / step - 1e-9);
	const ticks: number[] = [];
	for (let k = first; k <= last; k++) ticks.push(clean(k * step));
	return {ticks, step};
}

/** Ticks inside [lo, hi]: nice steps for a linear axis, 1/2/5 per decade for a log one. */
export function innerTicks(lo: number, hi: number, target: number, log: boolean): number[] {
	if (!log) return niceTicks(lo, hi, target).ticks.filter((t) => t >= lo - 1e-9 * Math.abs(hi - lo) && t <= hi + 1e-9 * Math.abs(hi - lo));
	const ticks: number[] = [];
	for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++)
		for (const m of [1, 2, 5]) {
			const t = clean(m * 10 ** k);
			if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
		}
	return ticks;
}

/**
 * The y range: from zero (or below, for negative data), to the next tick above the top.
 * Always from zero: an axis starting at 3.0 ms draws a 10% rise as a cliff, and the
 * charts compare sizes (twice the downtime should look twice as tall).
 */
export function yDomain(values: number[], target: number): {ticks: number[]; step: number} {
	const finite = values.filter(Number.isFinite);
	const lo = Math.min(0, ...finite);
	const hi = finite.length ? Math.max(...finite) : 1;
	return niceTicks(lo, hi, target);
}

/** Where x falls across `cells` columns, 0 to cells - 1 (log: geometric spacing). */
export function columnOf(x: number, lo: number, hi: number, cells: number, log: boolean): number {
	const f = hi === lo ? 0 : log ? Math.log(x / lo) / Math.log(hi / lo) : (x - lo) / (hi - lo);
	return Math.round(Math.min(1, Math.max(0, f)) * (cells - 1));
}

/** Where y falls across `cells` rows, counted from the top (row 0 holds the largest values). */
export function rowOf(y: number, lo: number, hi: number, cells: number): number {
	const f = hi === lo ? 0 : (y - lo) / (hi - lo);
	return cells - 1 - Math.round(Math.min(1, Math.max(0, f)) * (cells - 1));
}

/** A tick label: grouped thousands, as many decimals as the step needs. */
export function tickLabel(v: number, step: number): string {
	const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
	return v.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}
