// A grid of terminal cells (cells.ts) as an SVG image: one monospace grid, the background
// and the cells' own backgrounds as rectangles, the text as runs whose every character is
// placed at its column (an x per character, so no font's advance can make a row drift),
// and the block elements the console draws bars and heatmaps with (█ ▀ ▄ ▌ ▐, the eighths,
// ░ ▒ ▓) as rectangles, so they tile exactly whatever font the viewer has. A pure function
// of the grid: the same frame gives the same bytes.
import type {Cell, CellGrid} from './cells.js';
import {colourHex, type StillPalette} from './palette.js';

/** Pixel metrics of one cell: a 15 px monospace font advances about 0.6 em (9 px). */
export const CELL_WIDTH = 9;
export const CELL_HEIGHT = 18;
const FONT_SIZE = 15;
/** The baseline, from a cell's top: the font's ascent within the line. */
const BASELINE = 14;
const PAD = 12;
const FONT = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";

/** A block element as the part of its cell it fills (fractions) and how much ink (shades). */
interface Block {
	x0: number;
	x1: number;
	y0: number;
	y1: number;
	opacity: number;
}

const eighths = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function blockOf(ch: string): Block | null {
	const full = {x0: 0, x1: 1, y0: 0, y1: 1, opacity: 1};
	switch (ch) {
		case '█':
			return full;
		case '▀':
			return {...full, y1: 0.5};
		case '▄':
			return {...full, y0: 0.5};
		case '▐':
			return {...full, x0: 0.5};
		// Shades: the share of the cell a font's dot pattern inks.
		case '░':
			return {...full, opacity: 0.25};
		case '▒':
			return {...full, opacity: 0.5};
		case '▓':
			return {...full, opacity: 0.75};
	}
	const e = eighths.indexOf(ch);
	return e < 0 ? null : {...full, x1: (e + 1) / 8};
}

/** Coordinates to at most 3 decimals, no trailing zeros: the same number always prints the same. */
const num = (v: number) => String(Number(v.toFixed(3)));

/** Text for XML: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
	let out = '';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) continue;
		out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
	}
	return out;
}

interface Painted {
	fg: string;
	bg: string | null;
	/** The text attributes that make a run. */
	style: string;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
}

/** A cell's colours as drawn: inverse swaps them; a default background is the page's (null). */
function paint(cell: Cell, palette: StillPalette): Painted {
	let fg = colourHex(palette, cell.fg, palette.foreground);
	let bg: string | null = cell.bg.kind === 'default' ? null : colourHex(palette, cell.bg, palette.background);
	if (cell.inverse) [fg, bg] = [bg ?? palette.background, fg];
	const style = `${fg}|${cell.bold ? 'b' : ''}${cell.dim ? 'd' : ''}${cell.italic ? 'i' : ''}${cell.underline ? 'u' : ''}`;
	return {fg, bg, style, bold: cell.bold, dim: cell.dim, italic: cell.italic, underline: cell.underline};
}

function rect(x: number, y: number, w: number, h: number, fill: string, opacity = 1): string {
	const o = opacity < 1 ? ` fill-opacity="${num(opacity)}"` : '';
	return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${fill}"${o}/>`;
}

/** The rectangles of one row: backgrounds, then block elements; neighbours of one kind merge. */
function rowRects(cells: readonly Cell[], painted: readonly Painted[], y: number): string[] {
	const top = PAD + y * CELL_HEIGHT;
	const out: string[] = [];
	for (let x = 0; x < cells.length; ) {
		const bg = painted[x].bg;
		let end = x + 1;
		while (end < cells.length && painted[end].bg === bg) end++;
		if (bg !== null) out.push(rect(PAD + x * CELL_WIDTH, top, (end - x) * CELL_WIDTH, CELL_HEIGHT, bg));
		x = end;
	}
	for (let x = 0; x < cells.length; ) {
		const b = blockOf(cells[x].char);
		if (!b) {
			x++;
			continue;
		}
		const fg = painted[x].fg;
		let end = x + 1;
		// Only blocks that span their cell's width join into one rectangle.
		if (b.x0 === 0 && b.x1 === 1)
			while (end < cells.length && painted[end].fg === fg && sameBlock(blockOf(cells[end].char), b)) end++;
		const left = PAD + (x + b.x0) * CELL_WIDTH;
		const width = (end - x - 1 + b.x1 - b.x0) * CELL_WIDTH;
		out.push(rect(left, top + b.y0 * CELL_HEIGHT, width, (b.y1 - b.y0) * CELL_HEIGHT, fg, b.opacity));
		x = end;
	}
	return out;
}

const sameBlock = (a: Block | null, b: Block) => a !== null && a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1 && a.opacity === b.opacity;

/** The text runs of one row: characters of one style, each at its column; single blanks between them. */
function rowTexts(cells: readonly Cell[], painted: readonly Painted[], y: number): string[] {
	const out: string[] = [];
	let run: {p: Painted; chars: string[]; xs: number[]} | null = null;
	const close = () => {
		if (!run) return;
		const p = run.p;
		const attrs = [
			`x="${run.xs.map((x) => num(PAD + x * CELL_WIDTH)).join(' ')}"`,
			`y="${PAD + y * CELL_HEIGHT + BASELINE}"`,
			`fill="${p.fg}"`,
			p.bold ? 'font-weight="bold"' : '',
			p.dim ? 'fill-opacity="0.6"' : '',
			p.italic ? 'font-style="italic"' : '',
			p.underline ? 'text-decoration="underline"' : '',
		].filter(Boolean);
		out.push(`<text ${attrs.join(' ')}>${xmlText(run.chars.join(''))}</text>`);
		run = null;
	};
	let lastInk = -1;
	for (let x = 0; x < cells.length; x++) {
		const c = cells[x];
		if (c.char === '' || c.char === ' ' || blockOf(c.char)) continue;
		const p = painted[x];
		// A run holds single blanks only, never two in a row nor one at an end: how a viewer
		// treats white space (xml:space, CSS white-space) then cannot move a character.
		if (run && (run.p.style !== p.style || x - lastInk > 2)) close();
		if (run) {
			// The blanks since the last character keep the run's positions in step.
			for (let s = lastInk + 1; s < x; s++) {
				if (cells[s].char === '') continue;
				run.chars.push(' ');
				run.xs.push(s);
			}
		} else run = {p, chars: [], xs: []};
		run.chars.push(c.char);
		run.xs.push(x);
		lastInk = x;
	}
	close();
	return out;
}

export interface SvgOptions {
	/** The image's <title> (what a screen reader or an image viewer names it). */
	title?: string;
}

/** The grid as a standalone SVG document. */
export function svgOfCells(grid: CellGrid, palette: StillPalette, options: SvgOptions = {}): string {
	const width = 2 * PAD + grid.columns * CELL_WIDTH;
	const height = 2 * PAD + grid.rows * CELL_HEIGHT;
	const rects: string[] = [];
	const texts: string[] = [];
	grid.cells.forEach((row, y) => {
		const painted = row.map((c) => paint(c, palette));
		rects.push(...rowRects(row, painted, y));
		texts.push(...rowTexts(row, painted, y));
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		options.title ? `<title>${xmlText(options.title)}</title>` : '',
		rect(0, 0, width, height, palette.background),
		`<g shape-rendering="crispEdges">`,
		...rects,
		'</g>',
		`<g font-family="${xmlText(FONT)}" font-size="${FONT_SIZE}" xml:space="preserve">`,
		...texts,
		'</g>',
		'</svg>',
		'',
	]
		.filter((l) => l !== '')
		.join('\n')
		.concat('\n');
}
