// Plays a demo's steps on a console, in order. A step waits for wall time (`wait`, a timed
// `pause`) or for something to happen in the simulation (`on`: an event of core/events.ts,
// or `done`), so a caption shows when its event happens, whatever the terminal's size or the
// pacing. Keys go through the same key table as the keyboard; `pause` / `resume` set the
// state rather than toggle it; when the race restarts (`r`) the script starts over with it.
import type {MigrationEvent} from '../core/index.js';
import type {DemoEventName, TimelineStep} from '../config/scenario-schema.js';
import {parseDuration} from '../basics/units.js';
import type {Clock, TimerHandle} from '../ui/clock.js';
import type {EngineDriver} from '../ui/engine-driver.js';
import {actionFor, type Action} from '../ui/keys.js';
import {DEFAULT_CAPTION_MS, keySequence} from './timeline.js';

/** The action a timeline key stands for, or null when no binding has it. */
export function actionOfKey(name: string): Action | null {
	const seq = keySequence(name);
	return actionFor(seq, {ctrl: false, escape: seq === '\u001B'});
}

export type OnStep = Extract<TimelineStep, {on: DemoEventName}>;

/** Whether `ev` (of a run of `algorithm`) is what an `on` step waits for. */
export function eventMatches(step: OnStep, algorithm: string, ev: MigrationEvent): boolean {
	if (step.algorithm !== undefined && step.algorithm !== algorithm) return false;
	const type = step.on === 'switch' ? 'switchover' : step.on;
	if (ev.type !== type) return false;
	return step.round === undefined || ('round' in ev && ev.round === step.round);
}

/** The time of the first event an `on` step waits for, or null while none has happened. */
export function onStepTime(step: OnStep, driver: EngineDriver): number | null {
	const f = driver.frame(0);
	if (step.on === 'done') return f.finished ? Math.max(...f.snapshots.map((s) => s.nowMs)) : null;
	let best: number | null = null;
	f.events.forEach((list, i) => {
		const ev = list.find((e) => eventMatches(step, f.snapshots[i].algorithm, e));
		if (ev && (best === null || ev.t < best)) best = ev.t;
	});
	return best;
}

/** What the console offers a script. */
export interface ScriptHost {
	driver: EngineDriver;
	setCaption: (caption: string | null) => void;
}

export interface CaptionShown {
	text: string;
	/** The script's clock (wall time, or a recording's virtual time), ms. */
	wallMs: number;
	/** Simulated time on screen when it showed. */
	simMs: number;
	/** The step index. */
	step: number;
}

/** How often waits are checked while nothing moves in the simulation (paused, finished). */
const TICK_MS = 50;

export class DemoScript {
	private index = 0;
	private until: number | null = null;
	private captionUntil: number | null = null;
	private restarts: number;
	private busy = false;
	private ended = false;
	private readonly timer: TimerHandle;
	private soon: TimerHandle | null = null;
	private readonly unsubscribe: () => void;

	constructor(
		private readonly steps: readonly TimelineStep[],
		private readonly clock: Clock,
		private readonly host: ScriptHost,
		private readonly dispatch: (action: Action) => void,
		private readonly onEnd: () => void,
		private readonly onCaption?: (c: CaptionShown) => void,
	) {
		this.restarts = host.driver.restartCount;
		// After every step of the simulation, and on a timer for wall-time waits. A step's tick
		// comes in a timer of its own, due at once: after the console has published the step's
		// frame, so the caption and its event reach the screen together (a recording's virtual
		// clock fires it within the same step).
		this.unsubscribe = host.driver.subscribe(() => {
			this.soon ??= clock.setTimeout(() => {
				this.soon = null;
				this.tick();
			}, 0);
		});
		this.timer = clock.setInterval(() => this.tick(), TICK_MS);
		this.tick();
	}

	/** Every step has run (a caption may still be showing). */
	get done(): boolean {
		return this.ended || this.index >= this.steps.length;
	}

	/** Stops the script (the console quit): no timer is left to keep a process alive. */
	stop(): void {
		this.clock.clear(this.timer);
		this.clock.clear(this.soon);
		this.unsubscribe();
	}

	private tick(): void {
		if (this.busy || this.ended) return;
		this.busy = true;
		try {
			this.run();
		} finally {
			this.busy = false;
		}
	}

	private run(): void {
		const {driver} = this.host;
		const now = this.clock.now();
		if (driver.restartCount !== this.restarts) {
			// The race started over (r): so does the script.
			this.restarts = driver.restartCount;
			this.index = 0;
			this.until = null;
			this.captionUntil = null;
			this.host.setCaption('');
		}
		if (this.captionUntil !== null && now >= this.captionUntil) {
			this.captionUntil = null;
			this.host.setCaption('');
		}
		while (this.index < this.steps.length) {
			const step = this.steps[this.index];
			if ('wait' in step || ('pause' in step && step.pause !== true)) {
				const ms = parseDuration('wait' in step ? step.wait : (step.pause as string | number), {allowZero: true});
				if (this.until === null) {
					this.until = now + ms;
					if ('pause' in step) this.setPaused(true);
				}
				if (now < this.until) return;
				this.until = null;
				if ('pause' in step) this.setPaused(false);
			} else if ('on' in step) {
				// An event that cannot come any more (the race is over) does not hold the script.
				if (onStepTime(step, driver) === null && !driver.finished) return;
			} else if ('caption' in step) {
				const ms = step.for === undefined ? DEFAULT_CAPTION_MS : parseDuration(step.for, {allowZero: true});
				this.host.setCaption(step.caption);
				this.captionUntil = now + ms;
				this.onCaption?.({text: step.caption, wallMs: now, simMs: driver.nowMs, step: this.index});
			} else if ('pause' in step) this.setPaused(true);
			else if ('resume' in step) this.setPaused(false);
			else if ('key' in step) {
				const action = actionOfKey(step.key);
				this.index++;
				if (action) this.dispatch(action);
				// A key may restart the race or quit: look again on the next tick.
				return;
			} else if ('speed' in step) driver.setFixedSpeed(step.speed);
			else if ('end' in step) {
				this.ended = true;
				this.onEnd();
				return;
			}
			this.index++;
		}
	}

	private setPaused(paused: boolean): void {
		// Through the console's own action, which is a toggle: only when the state differs.
		if (this.host.driver.paused !== paused) this.dispatch('pause');
	}
}
