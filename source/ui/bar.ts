// A bar of `length` cells filled to `fraction`, drawn in eighths where the font allows.
// Rounds use `length` < `width` to draw the staircase (see RoundTable).
import type {Theme} from './theme.js';

export type BarTone = 'done' | 'live' | 'paused';

export interface BarOptions {
	/** Cells the bar spans (<= width); the rest is blank. Default: width. */
	length?: number;
	tone?: BarTone;
}

/** The bar as a pre-coloured string exactly `width` columns wide. */
export function barString(theme: Theme, fraction: number, width: number, options: BarOptions = {}): string {
	const g = theme.glyph;
	const w = Math.max(0, Math.floor(width));
	const length = Math.max(0, Math.min(w, Math.floor(options.length ?? w)));
	const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
	let eighths = Math.round(f * length * 8);
	// A started bar shows at least a sliver; an unfinished one never looks full.
	if (f > 0 && eighths === 0) eighths = 1;
	if (f < 1 && eighths === length * 8 && length > 0) eighths--;
	let full = Math.floor(eighths / 8);
	let partial = g.barEighths[eighths % 8] ?? '';
	if (eighths % 8 !== 0 && partial === '') {
		// ASCII has no eighths: round the partial cell to a full or an empty one.
		if (eighths % 8 >= 4) full++;
		partial = '';
	}
	const filledCells = full + (partial ? 1 : 0);
	const empty = Math.max(0, length - filledCells);
	const tone = options.tone ?? 'live';
	const paint = tone === 'done' ? theme.paint.barDone : tone === 'paused' ? theme.paint.barPaused : theme.paint.barLive;
	const filled = g.barFull.repeat(Math.min(full, length)) + partial;
	return (filled ? paint(filled) : '') + (empty ? theme.paint.barEmpty(g.barEmpty.repeat(empty)) : '') + ' '.repeat(w - length);
}
