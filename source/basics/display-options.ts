// How a run is shown, as the flags (or a scenario file) ask: config/ resolves it, the console
// (ui/), the sweep's charts and the demos read it. Here so that none of them imports another.

export interface DisplayOptions {
	/** Simulated ms per wall ms; null: pick one so the race lasts about 30 s. */
	speed: number | null;
	fps: number;
	color: boolean;
	ascii: boolean;
}
