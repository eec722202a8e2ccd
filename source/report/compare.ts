// Which runs did best on one figure: the one rule behind the headless summary's `*`, the
// console scoreboard's ★, the sweep table's `*` and its crossover lines, so none of them
// disagrees with another.
//
// - Only runs that completed compete. An aborted, vm-lost or cancelled run (the link
//   failed; QEMU's completion timeout hit a run that never converged) stopped early: its
//   lower time, downtime, pages or faults say that it gave up, not that it did better. A
//   run still going (the console's exit print after an early quit) has not completed either.
// - Lower is better, but only past a tolerance that matters: a difference within TOLERANCE
//   of the figure's kind (relative and absolute) is a tie, and so is one the figure's display
//   precision does not show (4.097152000002097 and 4.0971519999999995 ms both read
//   "4.097 ms"). A star the reader cannot see the reason for teaches noise.
// - A figure that is not "lower is better" (rounds: figures.ts) is never marked.
// - Nothing is best when fewer than two runs compete or when all of them tie: a mark means
//   "better than another", and there is no other.
import {type Figure, type FigureKind, figureFormats} from './figures.js';

export interface Tolerance {
	/** Share of the larger value below which two values tie. */
	readonly relative: number;
	/** Difference, in the kind's unit (ms, a count, bytes), at or below which two values tie. */
	readonly absolute: number;
}

/**
 * Per kind. 1% relative: a change of seed alone moves pre-copy's figures by about that
 * (the default race at 1 GiB, seeds 1 to 5: total time 10.90 to 11.10 s, pages 330,242 to
 * 336,195, both 1.8% apart), so a smaller lead is the seed's luck, not the technique's.
 * Times also tie within 0.1 ms (a pause or stall of microseconds is no result); counts and
 * bytes are whole, so any difference past the 1% counts.
 */
export const TOLERANCE: Readonly<Record<FigureKind, Tolerance>> = {
	time: {relative: 0.01, absolute: 0.1},
	count: {relative: 0.01, absolute: 0},
	bytes: {relative: 0.01, absolute: 0},
};

/** -1 when `a` is better (lower) than `b` past the tolerance and display precision of `kind`, 1 when worse, 0 a tie. */
export function compareFigures(a: number, b: number, kind: FigureKind): -1 | 0 | 1 {
	if (a === b) return 0;
	const t = TOLERANCE[kind];
	if (Math.abs(a - b) <= Math.max(t.absolute, t.relative * Math.max(Math.abs(a), Math.abs(b)))) return 0;
	const show = figureFormats[kind];
	if (show(a) === show(b)) return 0;
	return a < b ? -1 : 1;
}

/** What a run needs for the comparison: how it ended ('completed', or anything else). */
export interface Contender {
	readonly outcome: string;
}

/** Per run, in order: whether it holds the best (lowest) value of `figure` (see the rules above). */
export function bestRuns<R extends Contender>(runs: readonly R[], value: (run: R) => number, figure: Pick<Figure, 'kind' | 'compared'>): boolean[] {
	const none = runs.map(() => false);
	if (!figure.compared) return none;
	const values = runs.map((r) => (r.outcome === 'completed' ? value(r) : null));
	const competing = values.filter((v): v is number => v !== null);
	if (competing.length < 2) return none;
	const lowest = Math.min(...competing);
	// Best: not beaten by the lowest. Ties are not transitive, so this is measured from the lowest.
	const best = values.map((v) => v !== null && compareFigures(lowest, v, figure.kind) === 0);
	return best.filter(Boolean).length === competing.length ? none : best;
}
