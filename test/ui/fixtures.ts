// Fixed snapshots for component tests: built by hand, so a test states exactly what it shows.
import type {HeatmapData, RoundRecord, Snapshot} from '../../source/core/index.js';
import {newCellCounters} from '../../source/core/cells.js';
import {createTheme, type Theme} from '../../source/ui/theme.js';

export const plain: Theme = createTheme({color: false, ascii: false, env: {LANG: 'C.UTF-8'}});
export const asciiPlain: Theme = createTheme({color: false, ascii: true, env: {LANG: 'C.UTF-8'}});
export const colour: Theme = createTheme({color: true, ascii: false, env: {LANG: 'C.UTF-8'}, level: 1});

export function round(over: Partial<RoundRecord> = {}): RoundRecord {
	return {
		index: 0,
		kind: 'live',
		startMs: 0,
		durationMs: 1000,
		pagesToSend: 1000,
		pagesSent: 500,
		pagesSkipped: 0,
		pagesDirtied: 100,
		bytesSent: 500 * 4104,
		zeroPages: 0,
		rateBitsPerSec: 1e9,
		...over,
	};
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
	return {
		algorithm: 'precopy',
		policy: 'xen',
		phase: 'precopy',
		nowMs: 1000,
		finished: false,
		outcome: null,
		vmHost: 'source',
		vmPaused: false,
		vmStalled: false,
		linkDown: false,
		round: round(),
		rounds: [],
		pages: 1000,
		pagesTransferred: 500,
		bytesTransferred: 500 * 4104,
		downtimeMs: 0,
		stallMs: 0,
		throttledMs: 0,
		postcopyPausedMs: 0,
		networkFaults: 0,
		throttlePercent: 0,
		dirtyRate: 100,
		expectedDowntimeMs: 0,
		dirtySyncCount: 0,
		postcopy: null,
		heatmap: null,
		...over,
	};
}

type BlockState = 'source' | 'target' | 'stale' | 'faulted';

/** A heatmap of blocks of 100 pages each in the given states; writes per block as given. */
export function heatmap(states: BlockState[], writes: number[] = []): HeatmapData {
	const n = states.length;
	const h: HeatmapData = {...newCellCounters(n), blocks: n, pages: new Int32Array(n).fill(100), free: new Int32Array(n)};
	states.forEach((s, b) => {
		h.writes[b] = writes[b] ?? 0;
		if (s === 'source') return;
		h.present[b] = 100;
		if (s === 'stale') h.stale[b] = 50;
		if (s === 'faulted') h.faulted[b] = 40;
	});
	return h;
}

/** Text without colour codes. */
export const strip = (s: string | undefined): string => (s ?? '').replace(/\u001B\[[0-9;]*m/g, '');
