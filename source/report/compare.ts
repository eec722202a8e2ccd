// Which runs of a race did best on one metric: the one rule behind the headless summary's `*`
// and the console scoreboard's ★, so the two never disagree.
//
// - Only runs that completed compete. An aborted, vm-lost or cancelled run stopped early:
//   its lower time, downtime, pages or faults say that it gave up, not that it did better.
//   A run still going (the console's exit print after an early quit) has not completed either.
// - Lower is better, and every run within TIE of the lowest value is best: the same figure
//   reached along two paths of arithmetic (61.88 and 61.88000000000102) is a tie, not a win.
// - Nothing is best when fewer than two runs compete or when all of them tie: a mark means
//   "better than another", and there is no other.

/** Relative difference below which two values are the same figure (float noise, not a result). */
export const TIE = 1e-9;

/** Whether `a` and `b` are the same figure up to float noise. */
export function sameFigure(a: number, b: number): boolean {
	return a === b || Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b));
}

/** What a run needs for the comparison: how it ended ('completed', or anything else). */
export interface Contender {
	readonly outcome: string;
}

/** Per run, in order: whether it holds the best (lowest) value of `value` (see the rules above). */
export function bestRuns<R extends Contender>(runs: readonly R[], value: (run: R) => number): boolean[] {
	const none = runs.map(() => false);
	const values = runs.map((r) => (r.outcome === 'completed' ? value(r) : null));
	const competing = values.filter((v): v is number => v !== null);
	if (competing.length < 2) return none;
	const lowest = Math.min(...competing);
	const best = values.map((v) => v !== null && sameFigure(v, lowest));
	return best.filter(Boolean).length === competing.length ? none : best;
}
