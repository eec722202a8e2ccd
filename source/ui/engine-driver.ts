// Runs the engines of a race on one simulated clock. No React and no timers here: the hook
// (hooks/use-engines.ts) calls advance() from its clock; tests and recordings call it by
// hand. The engines decide everything; this only chooses how far to step them.
import {
	type Algorithm,
	buildLayout,
	createMigration,
	type HeatmapData,
	type Migration,
	type MigrationEvent,
	type MigrationResult,
	type Scenario,
	type Snapshot,
} from '../core/index.js';
import {clampSpeed, roundRemainingMs, shortestPauseMs, SLOW_MOTION_WALL_MS, stopAndCopyEstimateMs} from './speed.js';

export interface DriverOptions {
	scenario: Scenario;
	algorithms: readonly Algorithm[];
	/** Simulated ms per wall ms. */
	speed: number;
	/** Wall ms a stop-and-copy is stretched to (0: no slow motion). */
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
	speed: number;
	/** Non-null while a VM is paused: the slowed speed that stretches its stop-and-copy. */
	slowSpeed: number | null;
	paused: boolean;
	finished: boolean;
}

export class EngineDriver {
	private scenario: Scenario;
	readonly algorithms: readonly Algorithm[];
	private engines: Migration[] = [];
	private results: Array<MigrationResult | null> = [];
	private last: Snapshot[] = [];
	private events: Array<readonly MigrationEvent[]> = [];
	/** Per engine: the slowed speed of the pause under way (fixed when the pause is first seen). */
	private pauseSpeed: Array<number | null> = [];
	private simMs = 0;
	private generation = 0;
	private readonly slowWallMs: number;
	private readonly budgetMs: number;
	speed: number;
	paused = false;

	constructor(options: DriverOptions) {
		this.scenario = options.scenario;
		this.algorithms = options.algorithms;
		this.speed = clampSpeed(options.speed);
		this.slowWallMs = options.slowMotionWallMs ?? SLOW_MOTION_WALL_MS;
		this.budgetMs = options.budgetMs ?? 12;
		this.start();
	}

	get finished(): boolean {
		return this.engines.every((e) => e.finished);
	}

	/** Bumped by every restart. */
	get generationNumber(): number {
		return this.generation;
	}

	get seed(): number {
		return this.scenario.seed;
	}

	/** The latest snapshot of each run (no heatmaps), for the layout before a frame is taken. */
	get latest(): readonly Snapshot[] {
		return this.last;
	}

	/** Bytes of guest memory (the same for every run and seed): the heatmap's resolution. */
	get memoryBytes(): number {
		return this.scenario.memoryBytes;
	}

	/** Starts over with the same scenario, or with the next seed. */
	restart(newSeed = false): void {
		for (const e of this.engines) if (e.finished) e.dispose();
		if (newSeed) this.scenario = {...this.scenario, seed: (this.scenario.seed + 1) >>> 0};
		this.generation++;
		this.start();
	}

	private start(): void {
		const layout = buildLayout(this.scenario);
		this.engines = this.algorithms.map((a) => createMigration(this.scenario, a, {layout}));
		this.results = this.engines.map(() => null);
		this.pauseSpeed = this.engines.map(() => null);
		this.simMs = 0;
		this.last = this.engines.map((e) => e.snapshot(0));
		this.events = this.engines.map(() => []);
		this.takeEvents();
		this.notePauses();
	}

	/** Each engine's new events, read incrementally (a few per round, never per page). */
	private takeEvents(): void {
		for (let i = 0; i < this.engines.length; i++) {
			const known = this.events[i];
			if (this.engines[i].eventCount === known.length) continue;
			this.events[i] = known.concat(this.engines[i].eventsSince(known.length));
		}
	}

	/** The speed simulated time runs at now: slowed while any VM is paused. */
	get slowSpeed(): number | null {
		let slow: number | null = null;
		for (const v of this.pauseSpeed) if (v !== null) slow = slow === null ? v : Math.min(slow, v);
		return slow === null ? null : Math.min(slow, this.speed);
	}

	/** Advances by wallMs of wall time at the current speed (nothing while paused). */
	advance(wallMs: number): void {
		if (this.paused) return;
		this.run(Math.min(wallMs, 250));
	}

	/** One step while paused: a frame's worth (wallMs) of simulated time. */
	stepOnce(wallMs: number): void {
		this.run(wallMs);
	}

	private run(wallMs: number): void {
		const t0 = performance.now();
		const minStep = Math.min(1, Math.max(0.02, shortestPauseMs(this.scenario) / 4));
		let wallLeft = wallMs;
		while (wallLeft > 1e-9 && !this.finished) {
			const rate = this.slowSpeed ?? this.speed;
			// Near the end of a live round, step finely: the round may be the last, and the
			// stop-and-copy after it (a few ms) must not be stepped over in one go.
			let h = wallLeft * rate;
			for (let i = 0; i < this.engines.length; i++) {
				if (this.engines[i].finished || this.pauseSpeed[i] !== null) continue;
				const left = roundRemainingMs(this.scenario, this.last[i]);
				if (left !== Infinity) h = Math.min(h, Math.max(minStep, left / 4));
			}
			const target = this.simMs + h;
			for (let i = 0; i < this.engines.length; i++) {
				const e = this.engines[i];
				if (e.finished) continue;
				e.step(target - e.nowMs);
				this.last[i] = e.snapshot(0);
			}
			this.simMs = target;
			wallLeft -= h / rate;
			this.notePauses();
			if (performance.now() - t0 > this.budgetMs) break;
		}
		for (let i = 0; i < this.engines.length; i++)
			if (this.engines[i].finished && this.results[i] === null) this.results[i] = this.engines[i].result();
		this.takeEvents();
	}

	private notePauses(): void {
		for (let i = 0; i < this.engines.length; i++) {
			const snap = this.last[i];
			if (!snap.vmPaused) this.pauseSpeed[i] = null;
			else if (this.pauseSpeed[i] === null)
				this.pauseSpeed[i] = this.slowWallMs > 0 ? clampSpeed(stopAndCopyEstimateMs(this.scenario, snap) / this.slowWallMs) : this.speed;
		}
	}

	/** The current state; with heatmapBlocks > 0, each engine's heatmap at that many blocks. */
	frame(heatmapBlocks = 0): DriverFrame {
		const snapshots = heatmapBlocks > 0 ? this.engines.map((e) => e.snapshot(heatmapBlocks)) : this.last.slice();
		return {
			generation: this.generation,
			scenario: this.scenario,
			simMs: this.simMs,
			snapshots,
			heatmaps: snapshots.map((s) => s.heatmap),
			results: this.results.slice(),
			events: this.events.slice(),
			speed: this.speed,
			slowSpeed: this.slowSpeed,
			paused: this.paused,
			finished: this.finished,
		};
	}
}
