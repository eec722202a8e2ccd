// Colours and glyphs, chosen once at start. Components never test "is colour on?": they
// ask the theme for a painted string or a glyph, so colour / no-colour / ASCII stay in one
// place. Ink's own colour props are avoided (they go through the global chalk instance);
// rows are pre-coloured strings built with this theme's chalk instance.
import {Chalk, type ChalkInstance} from 'chalk';
import type {ThemeName} from '../basics/display-options.js';
import {colourWanted, localeIsUtf8, vgaConsole} from '../basics/terminal-env.js';

/** How the heatmap's cells are classified; see components/Heatmap.tsx. */
export type CellState = 'source' | 'skipped' | 'target' | 'stale' | 'someFaulted' | 'faulted' | 'free';

/** Ink border styles: cli-boxes names. */
export type BorderName = 'round' | 'single' | 'classic';

export interface Glyphs {
	/** Progress bar: full cell, eighths (index 1..7) for the partial cell, empty cell. */
	barFull: string;
	barEighths: readonly string[];
	barEmpty: string;
	/** Heatmap without colour (or in ASCII): one glyph per state, and a write-density ramp. */
	state: Record<CellState, string>;
	heatRamp: readonly string[];
	/** Half-block for two heatmap rows per line (colour and Unicode only). */
	upperHalf: string;
	swatch: string;
	dot: string;
	better: string;
	play: string;
	pause: string;
	/** After a run that went well; empty where the font may lack it. */
	tick: string;
	/** Heatmap, no half-blocks: the upper one for a block between two. */
	lowerHalf: string;
	ellipsis: string;
	arrow: string;
	times: string;
	border: BorderName;
	hrule: string;
}

const unicode: Glyphs = {
	barFull: '█',
	barEighths: ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'],
	barEmpty: '░',
	state: {source: '·', skipped: ':', target: '█', stale: '░', someFaulted: '▒', faulted: '▓', free: ' '},
	heatRamp: [' ', '·', '░', '▒', '▓', '█'],
	upperHalf: '▀',
	lowerHalf: '▄',
	swatch: '█',
	dot: '·',
	better: '★',
	play: '▶',
	pause: '‖',
	tick: '✓',
	ellipsis: '…',
	arrow: '→',
	times: '×',
	border: 'round',
	hrule: '─',
};

const ascii: Glyphs = {
	barFull: '#',
	barEighths: ['', '', '', '', '', '', '', ''],
	barEmpty: '-',
	state: {source: '.', skipped: ':', target: '#', stale: '~', someFaulted: '+', faulted: '*', free: ' '},
	heatRamp: [' ', '.', ':', '=', '#', '@'],
	upperHalf: '#',
	lowerHalf: '#',
	swatch: '#',
	dot: '-',
	better: '*',
	play: '>',
	pause: '||',
	tick: '',
	ellipsis: '...',
	arrow: '->',
	times: 'x',
	border: 'classic',
	hrule: '-',
};

/**
 * The Linux console (TERM=linux): its default font holds the PC's code page 437, so the
 * square box lines, full, half and shaded blocks and the middle dot, but not the rounded
 * corners, the eighth blocks, ★ ✓ ▶ ‖ … → × (kbd's default8x16 font, cp437 repertoire).
 */
const vga: Glyphs = {
	...ascii,
	barFull: '█',
	barEighths: ['', '', '', '', '▌', '▌', '▌', '▌'],
	barEmpty: '░',
	state: {source: '·', skipped: ':', target: '█', stale: '░', someFaulted: '▒', faulted: '▓', free: ' '},
	heatRamp: [' ', '·', '░', '▒', '▓', '█'],
	upperHalf: '▀',
	lowerHalf: '▄',
	swatch: '█',
	dot: '·',
	border: 'single',
	hrule: '─',
};

/** Colour names the theme uses (chalk method names; 16-colour so every terminal agrees). */
type Hue = 'gray' | 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'blue' | 'white' | 'greenBright' | 'redBright' | 'yellowBright' | 'blueBright' | 'cyanBright' | 'magentaBright';

export interface Theme {
	name: ThemeName;
	color: boolean;
	ascii: boolean;
	/** Two heatmap rows per line (needs colour for the second row, and the half-block). */
	halfBlocks: boolean;
	chalk: ChalkInstance;
	glyph: Glyphs;
	/** Semantic paints: identity functions without colour. */
	paint: {
		title: (s: string) => string;
		dim: (s: string) => string;
		label: (s: string) => string;
		value: (s: string) => string;
		accent: (s: string) => string;
		good: (s: string) => string;
		bad: (s: string) => string;
		warn: (s: string) => string;
		key: (s: string) => string;
		/** The VM is paused: loud, and still visible without colour (inverse video). */
		alarm: (s: string) => string;
		/** The application is stalled on a fault. */
		stall: (s: string) => string;
		barDone: (s: string) => string;
		barLive: (s: string) => string;
		barPaused: (s: string) => string;
		barEmpty: (s: string) => string;
	};
	/** Heatmap hues per state and per write-density level (0..5). */
	stateHue: Record<CellState, Hue | null>;
	heatHue: readonly (Hue | null)[];
	borderColor: string | undefined;
	alarmBorderColor: string | undefined;
}

export interface ThemeOptions {
	/** --color / --no-color. */
	color: boolean;
	/** --theme; default: themeNameFor(env). */
	theme?: ThemeName | null;
	/** --ascii. */
	ascii: boolean;
	env?: NodeJS.ProcessEnv;
	/** Colour depth for the output stream (chalk's detection by default). */
	level?: 0 | 1 | 2 | 3;
}

const id = (s: string) => s;

/**
 * The theme when none is asked for: LIVEMIG_THEME, else the background the terminal states in
 * COLORFGBG ("fg;bg", set by rxvt, Konsole, iTerm2; bg 7 or 9-15 is light: xterm's 16-colour
 * numbering, the convention vim's 'background' detection follows), else dark.
 */
export function themeNameFor(env: NodeJS.ProcessEnv): ThemeName {
	const named = env.LIVEMIG_THEME;
	if (named === 'dark' || named === 'light' || named === 'mono') return named;
	const bg = Number((env.COLORFGBG ?? '').split(';').pop());
	if (env.COLORFGBG && Number.isInteger(bg)) return bg === 7 || (bg >= 9 && bg <= 15) ? 'light' : 'dark';
	return 'dark';
}

/**
 * Semantic hues per theme. Values are never painted: they keep the terminal's own foreground,
 * the one colour sure to stand out from its background (white, SGR 37, vanishes on a light
 * one). The light theme trades yellow and cyan, faint on white, for blue and magenta.
 */
const palettes = {
	dark: {dim: 'gray', accent: 'cyan', warn: 'yellow', stale: 'yellow', skipped: 'cyan', heat: [null, 'blue', 'cyan', 'green', 'yellow', 'red']},
	light: {dim: 'gray', accent: 'blue', warn: 'magenta', stale: 'blue', skipped: 'cyan', heat: [null, 'cyan', 'blue', 'green', 'magenta', 'red']},
} as const satisfies Record<string, {dim: Hue; accent: Hue; warn: Hue; stale: Hue; skipped: Hue; heat: readonly (Hue | null)[]}>;

export function createTheme(options: ThemeOptions): Theme {
	const env = options.env ?? process.env;
	const asked = options.theme ?? themeNameFor(env);
	const wantColour = asked !== 'mono' && colourWanted(options, env);
	const level = wantColour ? (options.level ?? (new Chalk().level as 0 | 1 | 2 | 3)) : 0;
	const color = level > 0;
	const name: ThemeName = color ? asked : 'mono';
	const pal = palettes[name === 'light' ? 'light' : 'dark'];
	const useAscii = options.ascii || !localeIsUtf8(env);
	const c = new Chalk({level});
	const p = (f: (s: string) => string) => (color ? f : id);
	return {
		name,
		color,
		ascii: useAscii,
		halfBlocks: color && !useAscii,
		chalk: c,
		glyph: useAscii ? ascii : vgaConsole(env) ? vga : unicode,
		paint: {
			title: p(c.bold),
			dim: p(c[pal.dim]),
			label: p(c[pal.dim]),
			value: id,
			accent: p(c[pal.accent]),
			good: p(c.green),
			bad: p(c.red),
			warn: p(c[pal.warn]),
			key: p(c.bold[pal.accent]),
			// Red background, the terminal's own foreground (legible on it, light or dark);
			// brackets without colour.
			alarm: color ? c.bold.bgRed : (s) => `[${s}]`,
			stall: color ? c.black.bgYellow : id,
			barDone: p(c.green),
			barLive: p(c[pal.accent]),
			barPaused: p(c.red),
			barEmpty: p(c[pal.dim]),
		},
		stateHue: {source: 'gray', skipped: pal.skipped, target: 'green', stale: pal.stale, someFaulted: 'magenta', faulted: 'magentaBright', free: null},
		heatHue: pal.heat,
		borderColor: color ? 'gray' : undefined,
		alarmBorderColor: color ? 'red' : undefined,
	};
}

/** fg/bg painter for a hue pair (heatmap half-blocks); cached per pair, as rows reuse few pairs. */
export function huePainter(theme: Theme, fg: Hue | null, bg: Hue | null): (s: string) => string {
	if (!theme.color) return id;
	const key = `${fg}/${bg}`;
	let f = painterCache.get(theme)?.get(key);
	if (f) return f;
	let chain: ChalkInstance = theme.chalk;
	if (fg) chain = chain[fg];
	if (bg) chain = chain[`bg${bg[0].toUpperCase()}${bg.slice(1)}` as 'bgRed'];
	f = chain === theme.chalk ? id : (s: string) => chain(s);
	let cache = painterCache.get(theme);
	if (!cache) painterCache.set(theme, (cache = new Map()));
	cache.set(key, f);
	return f;
}

const painterCache = new WeakMap<Theme, Map<string, (s: string) => string>>();

export type {Hue};

/** The theme for the CLI's display options (--color / --no-color, --ascii) in an environment. */
export function themeForDisplay(display: {color: boolean; ascii: boolean; theme?: ThemeName | null}, env: NodeJS.ProcessEnv = process.env): Theme {
	return createTheme({color: display.color, ascii: display.ascii, theme: display.theme, env});
}
