// Colours and glyphs, chosen once at start. Components never test "is colour on?": they
// ask the theme for a painted string or a glyph, so colour / no-colour / ASCII stay in one
// place. Ink's own colour props are avoided (they go through the global chalk instance);
// rows are pre-coloured strings built with this theme's chalk instance.
import {Chalk, type ChalkInstance} from 'chalk';
import {colourWanted, localeIsUtf8} from '../basics/terminal-env.js';

/** How the heatmap's cells are classified; see components/Heatmap.tsx. */
export type CellState = 'source' | 'target' | 'stale' | 'faulted' | 'free';

/** Ink border styles: cli-boxes names. */
export type BorderName = 'round' | 'classic';

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
	state: {source: '·', target: '█', stale: '░', faulted: '▓', free: ' '},
	heatRamp: [' ', '·', '░', '▒', '▓', '█'],
	upperHalf: '▀',
	swatch: '█',
	dot: '·',
	better: '★',
	play: '▶',
	pause: '‖',
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
	state: {source: '.', target: '#', stale: '~', faulted: '*', free: ' '},
	heatRamp: [' ', '.', ':', '=', '#', '@'],
	upperHalf: '#',
	swatch: '#',
	dot: '-',
	better: '*',
	play: '>',
	pause: '||',
	ellipsis: '...',
	arrow: '->',
	times: 'x',
	border: 'classic',
	hrule: '-',
};

/** Colour names the theme uses (chalk method names; 16-colour so every terminal agrees). */
type Hue = 'gray' | 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'blue' | 'white' | 'greenBright' | 'redBright' | 'yellowBright' | 'blueBright' | 'cyanBright';

export interface Theme {
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
	/** --ascii. */
	ascii: boolean;
	env?: NodeJS.ProcessEnv;
	/** Colour depth for the output stream (chalk's detection by default). */
	level?: 0 | 1 | 2 | 3;
}

const id = (s: string) => s;

export function createTheme(options: ThemeOptions): Theme {
	const env = options.env ?? process.env;
	const wantColour = colourWanted(options, env);
	const level = wantColour ? (options.level ?? (new Chalk().level as 0 | 1 | 2 | 3)) : 0;
	const color = level > 0;
	const useAscii = options.ascii || !localeIsUtf8(env);
	const c = new Chalk({level});
	const p = (f: (s: string) => string) => (color ? f : id);
	return {
		color,
		ascii: useAscii,
		halfBlocks: color && !useAscii,
		chalk: c,
		glyph: useAscii ? ascii : unicode,
		paint: {
			title: p(c.bold),
			dim: p(c.gray),
			label: p(c.gray),
			value: p(c.white),
			accent: p(c.cyan),
			good: p(c.green),
			bad: p(c.red),
			warn: p(c.yellow),
			key: p(c.bold.cyan),
			// Inverse video reads as "alarm" on a monochrome terminal too.
			alarm: color ? c.bold.white.bgRed : (s) => `[${s}]`,
			stall: color ? c.black.bgYellow : id,
			barDone: p(c.green),
			barLive: p(c.cyan),
			barPaused: p(c.red),
			barEmpty: p(c.gray),
		},
		stateHue: {source: 'gray', target: 'green', stale: 'yellow', faulted: 'magenta', free: null},
		heatHue: [null, 'blue', 'cyan', 'green', 'yellow', 'red'],
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
export function themeForDisplay(display: {color: boolean; ascii: boolean}, env: NodeJS.ProcessEnv = process.env): Theme {
	return createTheme({color: display.color, ascii: display.ascii, env});
}
