// Runs the engines of a race on one simulated clock. No React and no timers here: the hook
// (hooks/use-engines.ts) calls advance() from its clock; tests and recordings call it by
// hand. The engines decide everything; this only chooses how far to step them, at what
// pace (pacing.ts), and where a seek puts them (a fresh run stepped to a time).
import {
	type Algorithm,
	buildLayout,
	createMigration,
	type Migration,
	type MigrationEvent,
	type MigrationResult,
	type Scenario,
	type Snapshot,
} from '../core/index.js';
import {LAND_MS, previousLandmark, spanGuessMs} from './event-nav.js';
import type {DriverFrame, DriverOptions} from './driver-frame.js';
import {LookAhead} from './look-ahead.js';
import {paceOf, type PhaseKind} from './pacing.js';
import {clampSpeed, defaultSpeed, roundRemainingMs, shortestPauseMs, SLOW_MOTION_WALL_MS, stopAndCopyEstimateMs} from './speed.js';

export type {DriverFrame, DriverOptions} from './driver-frame.js';

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
	private readonly listeners = new Set<() => void>();
	/** The events known ahead of the race, for seekNextEvent. */
	private ahead: LookAhead;
	/** The longest run seen (the end, once played to it). */
	private horizonMs: number;
	private restarts = 0;
	speed: number;
	pacing: boolean;
	/** The user's +/- factor on the paced speed. */
	scale = 1;
	paused = false;

	constructor(options: DriverOptions) {
		this.scenario = options.scenario;
		this.algorithms = options.algorithms;
		this.speed = clampSpeed(options.speed);
		this.slowWallMs = options.slowMotionWallMs ?? SLOW_MOTION_WALL_MS;
		this.budgetMs = options.budgetMs ?? 12;
		this.pacing = options.pacing ?? false;
		this.horizonMs = spanGuessMs(this.scenario);
		this.ahead = new LookAhead(this.scenario, this.algorithms);
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

	/** Bumped by restart() only (not by seeking): a demo script starts over with it. */
	get restartCount(): number {
		return this.restarts;
	}

	/** Called after every change of simulated time (advance, step, seek, restart). */
	subscribe(fn: () => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	private notify(): void {
		for (const fn of this.listeners) fn();
	}

	/** Starts over with the same scenario, or with the next seed. */
	restart(newSeed = false): void {
		if (newSeed) {
			this.scenario = {...this.scenario, seed: (this.scenario.seed + 1) >>> 0};
			this.horizonMs = spanGuessMs(this.scenario);
			// Another run: what was seen of the old one does not hold.
			this.ahead.dispose();
			this.ahead = new LookAhead(this.scenario, this.algorithms);
		}
		this.restarts++;
		this.reset();
		this.notify();
	}

	private reset(): void {
		for (const e of this.engines) if (e.finished) e.dispose();
		this.generation++;
		this.start();
	}

	/** A fixed speed from now on (--speed, a demo's speed step): pacing off. */
	setFixedSpeed(speed: number): void {
		this.pacing = false;
		this.speed = clampSpeed(speed);
	}

	/** +/-: the scale on the paced speed, or the fixed speed, one step of the 1-2-5 ladder. */
	changeSpeed(step: (v: number) => number): void {
		if (this.pacing) this.scale = Math.min(1000, Math.max(0.001, step(this.scale)));
		else this.speed = clampSpeed(step(this.speed));
	}

	/** The run's length as far as known: the end once every engine finished, else the longest guess. */
	get spanMs(): number {
		if (this.finished) return Math.max(1, ...this.engines.map((e) => e.nowMs));
		return this.horizonMs;
	}

	get nowMs(): number {
		return this.simMs;
	}

	/**
	 * Puts the race at simulated time t: the core is deterministic, so going back is a fresh
	 * run stepped to t (the cost of simulating t, never more), and going forward steps on.
	 */
	seek(t: number): void {
		const target = Math.max(0, t);
		if (target < this.simMs - 1e-9) this.reset();
		this.stepAll(target);
		this.finishStep();
	}

	/** `]` and `.`: to just past the next event (the landmarks of event-nav.ts), exactly (look-ahead.ts). */
	seekNextEvent(): void {
		const t = this.ahead.nextAfter(this.simMs + LAND_MS, Math.max(1, this.spanMs / 200));
		if (t === null) this.seekEnd();
		else this.seek(t + LAND_MS);
	}

	/** `[`: to just past the event before the one the race is at. */
	seekPreviousEvent(): void {
		const t = previousLandmark(this.events, this.simMs);
		this.seek(t === null ? 0 : t + LAND_MS);
	}

	/** `$`: to the end. */
	seekEnd(): void {
		for (const e of this.engines) if (!e.finished) e.run();
		this.stepAll(Math.max(this.simMs, ...this.engines.map((e) => e.nowMs)));
		this.finishStep();
	}

	/** Steps every engine to simulated time t in one go (the same run as small steps: core/events.ts). */
	private stepAll(t: number): void {
		for (let i = 0; i < this.engines.length; i++) {
			const e = this.engines[i];
			if (!e.finished && t > e.nowMs) e.step(t - e.nowMs);
			this.last[i] = e.snapshot(0);
		}
		this.simMs = Math.max(this.simMs, t);
		this.notePauses();
	}

	private finishStep(): void {
		for (let i = 0; i < this.engines.length; i++)
			if (this.engines[i].finished && this.results[i] === null) this.results[i] = this.engines[i].result();
		this.takeEvents();
		// Past nine tenths of the guess, it grows by half: in jumps, so the timeline's scale
		// (and its rows) change now and then, not on every frame.
		if (this.simMs > 0.9 * this.horizonMs) this.horizonMs = this.simMs * 1.5;
		this.notify();
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
			this.ahead.note(i, this.events[i]);
		}
	}

	/** The speed simulated time runs at now, and the phase that sets it (paced). */
	private currentRate(): {rate: number; note: PhaseKind | null} {
		if (!this.pacing) return {rate: this.slowSpeed ?? this.speed, note: null};
		const pace = paceOf(this.scenario, this.last, defaultSpeed(this.scenario));
		return {rate: clampSpeed(pace.speed * this.scale), note: pace.kind === 'round' ? null : pace.kind};
	}

	/** Fixed speed: the slowed speed while any VM is paused. */
	get slowSpeed(): number | null {
		if (this.pacing) return null;
		let slow: number | null = null;
		for (const v of this.pauseSpeed) if (v !== null) slow = slow === null ? v : Math.min(slow, v);
		return slow === null ? null : Math.min(slow, this.speed);
	}

	/** Advances by wallMs of wall time at the current speed (nothing while paused). */
	advance(wallMs: number): void {
		if (this.paused) return;
		this.run(Math.min(wallMs, 250));
	}

	/** One frame's worth (wallMs) of simulated time, paused or not (tests). */
	stepOnce(wallMs: number): void {
		this.run(wallMs);
	}

	private run(wallMs: number): void {
		const t0 = performance.now();
		const minStep = Math.min(1, Math.max(0.02, shortestPauseMs(this.scenario) / 4));
		let wallLeft = wallMs;
		while (wallLeft > 1e-9 && !this.finished) {
			const rate = this.currentRate().rate;
			// Near the end of a live round, step finely: the round may be the last, and the
			// stop-and-copy after it (a few ms) must not be stepped over in one go.
			let h = wallLeft * rate;
			for (let i = 0; i < this.engines.length; i++) {
				if (this.engines[i].finished || this.pauseSpeed[i] !== null) continue;
				const left = roundRemainingMs(this.scenario, this.last[i]);
				if (left !== Infinity) h = Math.min(h, Math.max(minStep, left / 4));
			}
			// Nor past the link's failure or return: the outage plays at its own pace.
			const f = this.scenario.linkFailure;
			if (this.pacing && f)
				for (const at of [f.atMs, f.forMs === null ? Infinity : f.atMs + f.forMs]) if (at > this.simMs) h = Math.min(h, Math.max(minStep, at - this.simMs + LAND_MS));
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
		this.finishStep();
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
		const {rate, note} = this.currentRate();
		const snapshots = heatmapBlocks > 0 ? this.engines.map((e) => e.snapshot(heatmapBlocks)) : this.last.slice();
		return {
			generation: this.generation,
			scenario: this.scenario,
			simMs: this.simMs,
			snapshots,
			heatmaps: snapshots.map((s) => s.heatmap),
			results: this.results.slice(),
			events: this.events.slice(),
			speed: this.pacing ? rate : this.speed,
			slowSpeed: this.slowSpeed,
			speedNote: note,
			spanMs: this.spanMs,
			paused: this.paused,
			finished: this.finished,
		};
	}
}
