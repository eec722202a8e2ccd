// Where one algorithm overtakes another on a metric: the sign of their difference changes
// between two neighbouring points, and the crossing is interpolated between them (in log
// space on a log sweep). A difference within report/compare.ts's tolerance of the figure's
// kind is a tie (the rule the summary's and scoreboard's marks follow), so float noise
// between two equal figures is not reported as a crossing.

import {compareFigures} from '../report/compare.js';
import type {FigureKind} from '../report/figures.js';

export interface Crossover {
	/** Series index that is lower (better) past the crossing, and the one it overtakes. */
	better: number;
	worse: number;
	/** The parameter value of the crossing (integer sweeps: the first point past it). */
	at: number;
	/** The next crossing of the same pair, where the order flips back; null: to the end. */
	until: number | null;
}

export function findCrossovers(xs: number[], ys: number[][], log: boolean, integer: boolean, kind: FigureKind): Crossover[] {
	const out: Crossover[] = [];
	for (let i = 0; i < ys.length; i++)
		for (let j = i + 1; j < ys.length; j++) {
			const pair: Crossover[] = [];
			let lastK = -1;
			let lastSign = 0;
			for (let k = 0; k < xs.length; k++) {
				const s = compareFigures(ys[i][k], ys[j][k], kind);
				if (s === 0) continue;
				if (lastSign !== 0 && s !== lastSign) {
					const d0 = ys[i][lastK] - ys[j][lastK];
					const d1 = ys[i][k] - ys[j][k];
					const f = d0 / (d0 - d1);
					const [x0, x1] = [xs[lastK], xs[k]];
					const at = integer ? x1 : log ? Math.exp(Math.log(x0) + f * (Math.log(x1) - Math.log(x0))) : x0 + f * (x1 - x0);
					pair.push(s < 0 ? {better: i, worse: j, at, until: null} : {better: j, worse: i, at, until: null});
				}
				lastK = k;
				lastSign = s;
			}
			for (let c = 0; c + 1 < pair.length; c++) pair[c].until = pair[c + 1].at;
			out.push(...pair);
		}
	return out;
}

/** The series no worse than any other at every point (within the tie margin), or -1. */
export function bestThroughout(ys: number[][], kind: FigureKind): number {
	return ys.findIndex((mine, i) => ys.every((other, j) => j === i || mine.every((y, k) => compareFigures(y, other[k], kind) <= 0)));
}
