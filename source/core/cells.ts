/**
 * The per-cell counters the heatmap reads. The page records keep one set per engine (a
 * cell a few thousand pages), the heatmap folds them into one set per block; both are
 * this type, allocated and copied here only.
 */
export interface CellCounters {
	writes: Float64Array; // writes ever made to the cell's pages
	present: Int32Array; // pages the target holds (current or stale)
	stale: Int32Array; // pages the target holds at an old version
	faulted: Int32Array; // pages the target got on demand (post-copy)
	pending: Int32Array; // pages waiting in the current send set
	dirty: Int32Array; // pages in the dirty log (written since the last sync)
}

/** `n` cells, every counter zero. */
export function newCellCounters(n: number): CellCounters {
	return {
		writes: new Float64Array(n),
		present: new Int32Array(n),
		stale: new Int32Array(n),
		faulted: new Int32Array(n),
		pending: new Int32Array(n),
		dirty: new Int32Array(n),
	};
}

/** An independent copy (a forked engine's page records). */
export function copyCellCounters(c: CellCounters): CellCounters {
	return {
		writes: c.writes.slice(),
		present: c.present.slice(),
		stale: c.stale.slice(),
		faulted: c.faulted.slice(),
		pending: c.pending.slice(),
		dirty: c.dirty.slice(),
	};
}
