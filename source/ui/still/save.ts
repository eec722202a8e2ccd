// `s` in the console: the frame as an SVG file in the working directory; the footer's note
// says which file, or why none was written.
import type {ThemeName} from '../../basics/display-options.js';
import {clockMs} from '../format.js';

export interface FrameTaken {
	/** The console's frame as Ink drew it (render.tsx consoleFrame). */
	frame: string;
	columns: number;
	rows: number;
	simMs: number;
}

/** `name`: the scenario's, else the algorithms'. Resolves to the footer's note; throws why not. */
export async function saveStill(name: string, theme: ThemeName, s: FrameTaken): Promise<string> {
	// Loaded on the first press: the terminal emulator that reads the frame is not light.
	const [{stillSvg}, {writeStillFile}] = await Promise.all([import('./still.js'), import('./file.js')]);
	const svg = await stillSvg(s.frame, {columns: s.columns, rows: s.rows, theme, title: `livemig at ${clockMs(s.simMs)}`});
	// Relative to the working directory, which may have been removed meanwhile (then the
	// footer says so, rather than the console failing).
	let where = 'the working directory';
	try {
		where = process.cwd();
	} catch {
		// Keep the words.
	}
	const file = await writeStillFile('.', name, s.simMs, svg, where);
	return `still saved: ${file}`;
}
