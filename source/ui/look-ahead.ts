// What the driver knows of a run's events ahead of where the race stands, for `]` and `.`.
// A run's events are the same however it is stepped (core/events.ts), so the longest list
// any run of the scenario has produced holds for every run: after seeking back, the next
// event is already known. Past what was seen, a copy of the engines runs ahead until an
// event shows up; its cost is the simulated time it covers, once.
import {type Algorithm, buildLayout, createMigration, type Migration, type MigrationEvent, type Scenario} from '../core/index.js';
import {firstLandmarkAfter} from './event-nav.js';

export class LookAhead {
	/** Per engine: the longest event list seen (a prefix of every run's). */
	private seen: Array<readonly MigrationEvent[]>;
	private probe: Migration[] | null = null;

	constructor(
		private readonly scenario: Scenario,
		private readonly algorithms: readonly Algorithm[],
	) {
		this.seen = algorithms.map(() => []);
	}

	/** A run's events so far (the driver's own engines): kept if longer than what was seen. */
	note(i: number, events: readonly MigrationEvent[]): void {
		if (events.length > this.seen[i].length) this.seen[i] = events;
	}

	get events(): ReadonlyArray<readonly MigrationEvent[]> {
		return this.seen;
	}

	/**
	 * The first landmark (event-nav.ts) after `from`: from what was seen, else by running the
	 * look-ahead engines on in steps of `chunkMs`; null when the runs end without one.
	 */
	nextAfter(from: number, chunkMs: number): number | null {
		const known = firstLandmarkAfter(this.seen, from);
		if (known !== null) return known;
		if (!this.probe) {
			const layout = buildLayout(this.scenario);
			this.probe = this.algorithms.map((a) => createMigration(this.scenario, a, {layout}));
		}
		const probe = this.probe;
		for (;;) {
			let t = Infinity;
			for (const e of probe) if (!e.finished) t = Math.min(t, Math.max(e.nowMs + chunkMs, from));
			if (t === Infinity) return null;
			for (let i = 0; i < probe.length; i++) {
				const e = probe[i];
				if (!e.finished && t > e.nowMs) e.step(t - e.nowMs);
				if (e.eventCount > this.seen[i].length) this.seen[i] = this.seen[i].concat(e.eventsSince(this.seen[i].length));
			}
			const found = firstLandmarkAfter(this.seen, from);
			if (found !== null) return found;
		}
	}

	/** Frees the look-ahead engines (another seed: nothing seen holds any more). */
	dispose(): void {
		for (const e of this.probe ?? []) if (e.finished) e.dispose();
		this.probe = null;
	}
}
