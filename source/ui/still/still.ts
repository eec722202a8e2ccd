// A console frame (Ink's ANSI text) to an SVG still: the cells a terminal would show
// (cells.ts), drawn in the theme's colours (palette.ts) as SVG (svg.ts).
import type {ThemeName} from '../../basics/display-options.js';
import {cellsOfFrame} from './cells.js';
import {stillPalette} from './palette.js';
import {svgOfCells} from './svg.js';

export interface StillOptions {
	columns: number;
	rows: number;
	/** The theme the frame was painted with: its background is the still's. */
	theme: ThemeName;
	title?: string;
}

export async function stillSvg(frame: string, options: StillOptions): Promise<string> {
	const grid = await cellsOfFrame(frame, options.columns, options.rows);
	return svgOfCells(grid, stillPalette(options.theme), {title: options.title});
}
