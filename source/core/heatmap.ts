import {popcount32} from './bits.js';
import {newCellCounters} from './cells.js';
import type {PageState} from './page-state.js';
import type {HeatmapData} from './types.js';

/**
 * Folds the per-cell counters into `blocks` equal spans of memory. Costs the number of
 * cells (a few thousand), never the number of pages, so a snapshot per frame is cheap.
 */
export function heatmapOf(st: PageState, blocks: number): HeatmapData {
	const n = Math.max(1, Math.floor(blocks));
	const c = st.cells;
	const out: HeatmapData = {blocks: n, pages: new Int32Array(n), ...newCellCounters(n), free: new Int32Array(n)};
	const cells = st.cellCount;
	const cellPages = 2 ** st.cellShift;
	const free = freePerCell(st);
	for (let b = 0; b < n; b++) {
		// Each block covers at least one cell; with more blocks than cells, cells repeat.
		const from = Math.floor((b * cells) / n);
		const to = Math.max(from + 1, Math.floor(((b + 1) * cells) / n));
		for (let k = from; k < to; k++) {
			out.pages[b] += Math.min(cellPages, st.pages - k * cellPages);
			out.writes[b] += c.writes[k];
			out.present[b] += c.present[k];
			out.stale[b] += c.stale[k];
			out.faulted[b] += c.faulted[k];
			out.pending[b] += c.pending[k];
			out.dirty[b] += c.dirty[k];
			out.free[b] += free[k];
		}
	}
	return out;
}

const freeCache = new WeakMap<object, Int32Array>();

/** Free pages per cell: the layout never changes, so count once per layout. */
function freePerCell(st: PageState): Int32Array {
	const key = st.layout;
	let counts = freeCache.get(key);
	if (counts && counts.length === st.cellCount) return counts;
	counts = new Int32Array(st.cellCount);
	const words = st.layout.free.words;
	for (let w = 0; w < words.length; w++) if (words[w]) counts[st.cellOfWord(w)] += popcount32(words[w]);
	freeCache.set(key, counts);
	return counts;
}
