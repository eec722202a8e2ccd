// What the environment says about the user's terminal, for everything that draws on it (the
// console's theme, the sweep's charts): one reading of NO_COLOR and of the locale.

/** True when the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG). */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
	const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
	return /utf-?8/i.test(locale);
}

/** --color, unless NO_COLOR is set to anything non-empty (no-color.org): chalk ignores it, so we honour it. */
export function colourWanted(options: {color: boolean}, env: NodeJS.ProcessEnv): boolean {
	return options.color && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/** The Linux virtual console: its font has the PC's glyphs (code page 437), not all of Unicode. */
export function vgaConsole(env: NodeJS.ProcessEnv): boolean {
	return env.TERM === 'linux';
}

/**
 * A terminal that cannot address the cursor (TERM=dumb: Emacs shells, some CI logs): no
 * alternate screen and no redrawn frames, so the race runs headless and prints its summary.
 */
export function dumbTerminal(env: NodeJS.ProcessEnv): boolean {
	return env.TERM === 'dumb';
}
