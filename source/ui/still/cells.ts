// A rendered console frame (Ink's output: text with SGR colour codes) as a grid of cells,
// read by a real terminal emulator (@xterm/headless, the one the pty tests read the screen
// with) rather than by a hand-written ANSI parser: wide characters, SGR resets, 256-colour
// and true-colour codes come out as a terminal shows them.
import xterm from '@xterm/headless';

/** A colour as the terminal holds it: its default, a palette index (0-255), or 0xRRGGBB. */
export type CellColour = {kind: 'default'} | {kind: 'palette'; index: number} | {kind: 'rgb'; rgb: number};

export interface Cell {
	/** The character drawn ('' for the right half of a wide character, ' ' for blank). */
	char: string;
	/** 2 for a wide character (its right half follows as a cell of width 0). */
	width: number;
	fg: CellColour;
	bg: CellColour;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
}

export interface CellGrid {
	columns: number;
	rows: number;
	/** rows x columns cells. */
	cells: Cell[][];
}

const DEFAULT: CellColour = {kind: 'default'};

type BufferCell = NonNullable<ReturnType<NonNullable<ReturnType<InstanceType<typeof xterm.Terminal>['buffer']['active']['getLine']>>['getCell']>>;

function colourOf(mode: 'fg' | 'bg', cell: BufferCell): CellColour {
	const [rgb, palette, value] =
		mode === 'fg' ? [cell.isFgRGB(), cell.isFgPalette(), cell.getFgColor()] : [cell.isBgRGB(), cell.isBgPalette(), cell.getBgColor()];
	if (rgb) return {kind: 'rgb', rgb: value};
	if (palette) return {kind: 'palette', index: value};
	return DEFAULT;
}

/**
 * The cells of a frame of `columns` x `rows`: lines past `rows` are dropped (they would
 * scroll the screen), as are columns past `columns` (a terminal would wrap them: Ink's rows
 * never exceed the width it was given).
 */
export async function cellsOfFrame(frame: string, columns: number, rows: number): Promise<CellGrid> {
	const term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	try {
		const lines = frame.replace(/\n$/, '').split('\n').slice(0, rows);
		// Each line placed at its own row (no newline that could scroll), its colours reset after.
		const data = lines.map((line, y) => `\u001B[${y + 1};1H${line}\u001B[0m`).join('');
		await new Promise<void>((resolve) => term.write(data, resolve));
		const buffer = term.buffer.active;
		const cells: Cell[][] = [];
		for (let y = 0; y < rows; y++) {
			const line = buffer.getLine(y);
			const row: Cell[] = [];
			for (let x = 0; x < columns; x++) {
				const c = line?.getCell(x);
				if (!c) {
					row.push(blank());
					continue;
				}
				row.push({
					char: c.getWidth() === 0 ? '' : c.getChars() || ' ',
					width: c.getWidth(),
					fg: colourOf('fg', c),
					bg: colourOf('bg', c),
					bold: c.isBold() !== 0,
					dim: c.isDim() !== 0,
					italic: c.isItalic() !== 0,
					underline: c.isUnderline() !== 0,
					inverse: c.isInverse() !== 0,
				});
			}
			cells.push(row);
		}
		return {columns, rows, cells};
	} finally {
		term.dispose();
	}
}

function blank(): Cell {
	return {char: ' ', width: 1, fg: DEFAULT, bg: DEFAULT, bold: false, dim: false, italic: false, underline: false, inverse: false};
}
