// What the engine driver (engine-driver.ts) is made with and what each frame of it holds.
import type {Algorithm, HeatmapData, MigrationEvent, MigrationResult, Scenario, Snapshot} from '../core/index.js';
import type {PhaseKind} from './pacing.js';

export interface DriverOptions {
	scenario: Scenario;
	algorithms: readonly Algorithm[];
	/** Simulated ms per wall ms. */
	speed: number;
	/**
	 * Pace each phase (pacing.ts) instead of a fixed speed: `speed` is then ignored and
	 * `scale` (the user's +/-) multiplies the paced speed. Off when --speed is given.
	 */
	pacing?: boolean;
	/** Wall ms a stop-and-copy is stretched to at a fixed speed (0: no slow motion). */
	slowMotionWallMs?: number;
	/**
	 * Real CPU ms one advance() may spend stepping engines; past it the simulation falls
	 * behind (the effective speed drops) rather than the frame rate. Infinity for
	 * recordings, which must not depend on how fast the machine is.
	 */
	budgetMs?: number;
}

export interface DriverFrame {
	/** Changes on every restart, so views can drop what they kept of the old run. */
	generation: number;
	scenario: Scenario;
	simMs: number;
	snapshots: Snapshot[];
	/** Present on frames that asked for heatmaps. */
	heatmaps: Array<HeatmapData | null>;
	results: Array<MigrationResult | null>;
	/** Per engine: its events so far (core/events.ts); an array is replaced, never changed, when new ones come. */
	events: ReadonlyArray<readonly MigrationEvent[]>;
	/** The speed simulated time runs at now (paced, times the user's scale), or the fixed speed. */
	speed: number;
	/** Fixed speed only: non-null while a VM is paused, the slowed speed that stretches its stop-and-copy. */
	slowSpeed: number | null;
	/** Paced: the phase that sets the speed, when it is not a plain round (`stop-and-copy`, `link down`). */
	speedNote: PhaseKind | null;
	/** The run's length as far as known (the end once seen), for the timeline and `<` / `>`. */
	spanMs: number;
	paused: boolean;
	finished: boolean;
}
