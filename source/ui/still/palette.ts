// The colours a still is drawn in, per console theme: the terminal a still stands for has a
// background, a default foreground and 16 ANSI colours. The console names only those 16
// (theme.ts); palette indices 16-255 and true colour are resolved as xterm does, in case a
// terminal-level chalk wrote them.
import type {ThemeName} from '../../basics/display-options.js';
import type {CellColour} from './cells.js';

export interface StillPalette {
	background: string;
	foreground: string;
	/** ANSI 0-15: black red green yellow blue magenta cyan white, then the bright ones. */
	ansi: readonly string[];
}

// VS Code's integrated-terminal defaults (its Dark+ and Light+ themes): widely seen on
// projectors, and chosen by their authors to stay legible on their own background.
const dark: StillPalette = {
	background: '#1e1e1e',
	foreground: '#cccccc',
	ansi: ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5', '#808080', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#e5e5e5'],
};

const light: StillPalette = {
	background: '#ffffff',
	foreground: '#333333',
	ansi: ['#000000', '#cd3131', '#00bc00', '#949800', '#0451a5', '#bc05bc', '#0598bc', '#555555', '#767676', '#cd3131', '#14ce14', '#b5ba00', '#0451a5', '#bc05bc', '#0598bc', '#a5a5a5'],
};

// No colour at all: black on white, as printed. The mono theme writes no colour codes; the
// light palette stands behind any that come anyway.
const mono: StillPalette = {...light, background: '#ffffff', foreground: '#000000'};

export function stillPalette(theme: ThemeName): StillPalette {
	return theme === 'light' ? light : theme === 'mono' ? mono : dark;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const rgbHex = (r: number, g: number, b: number) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** xterm's 256-colour table past the 16: a 6x6x6 cube, then 24 greys. */
function xterm256(index: number): string {
	if (index >= 232) {
		const v = 8 + 10 * (index - 232);
		return rgbHex(v, v, v);
	}
	const i = index - 16;
	const level = (n: number) => (n === 0 ? 0 : 55 + 40 * n);
	return rgbHex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

/** A cell colour as #rrggbb; `fallback` is what the default colour is (foreground or background). */
export function colourHex(palette: StillPalette, colour: CellColour, fallback: string): string {
	if (colour.kind === 'rgb') return `#${colour.rgb.toString(16).padStart(6, '0')}`;
	if (colour.kind === 'palette') return colour.index < 16 ? palette.ansi[colour.index] : xterm256(colour.index);
	return fallback;
}
