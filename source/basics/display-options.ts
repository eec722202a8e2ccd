// How a run is shown, as the flags (or a scenario file) ask: config/ resolves it, the console
// (ui/), the sweep's charts and the demos read it. Here so that none of them imports another.

export interface DisplayOptions {
	/** Simulated ms per wall ms; null: pick one so the race lasts about 30 s. */
	speed: number | null;
	fps: number;
	color: boolean;
	ascii: boolean;
	/** --theme (or LIVEMIG_THEME); null: chosen from the terminal (ui/theme.ts themeNameFor). */
	theme?: ThemeName | null;
}

/** The console's colour themes: for dark backgrounds, light ones, or no colour at all. */
export const themeNames = ['dark', 'light', 'mono'] as const;
export type ThemeName = (typeof themeNames)[number];
