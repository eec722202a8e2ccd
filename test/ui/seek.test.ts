// Seek and step on the driver: the core is deterministic, so a seek is a run stepped to a
// time, and it must show what playing to that time shows; `]` / `.` / `[` land on events.
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, type Snapshot} from '../../source/core/index.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import {isLandmark, LAND_MS} from '../../source/ui/event-nav.js';

function scenario() {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.workload = {...s.workload, wssBytes: 32 * MiB};
	s.linkFailure = {atMs: 1500, forMs: 300};
	return s;
}
const algorithms = ['precopy', 'postcopy'] as const;
const driver = () => new EngineDriver({scenario: scenario(), algorithms, speed: 1, pacing: true, budgetMs: Infinity});

/** What a screen shows of a snapshot (the heatmap and the engine's internals aside). */
const seen = (s: Snapshot) => ({...s, heatmap: null});

/** The landmark times of headless runs, sorted, distinct. */
const landmarks = [...new Set(algorithms.flatMap((a) => {
	const m = createMigration(scenario(), a);
	m.run();
	return m.eventsSince(0).filter(isLandmark).map((e) => e.t);
}))].sort((a, b) => a - b);

describe('seek', () => {
	it('back and forth shows what playing to that time shows', () => {
		const played = driver();
		while (played.nowMs < 1700) played.advance(1000 / 30);
		const t = played.nowMs;
		const sought = driver();
		sought.seek(2500);
		sought.seek(300);
		sought.seek(t);
		const a = played.frame(64);
		const b = sought.frame(64);
		expect(b.simMs).toBe(a.simMs);
		expect(b.snapshots.map(seen)).toEqual(a.snapshots.map(seen));
		expect(b.heatmaps).toEqual(a.heatmaps);
		expect(b.events).toEqual(a.events);
		expect(b.speed).toBe(a.speed);
	});

	it('] steps from event to event, exactly; [ goes back one; $ ends', () => {
		const d = driver();
		const ahead = landmarks.filter((t) => t > LAND_MS);
		expect(ahead.length).toBeGreaterThan(3);
		const visited: number[] = [];
		for (let i = 0; i < ahead.length; i++) {
			d.seekNextEvent();
			visited.push(d.nowMs);
		}
		expect(visited).toEqual(ahead.map((t) => t + LAND_MS));
		// Past the last event, ] stays at the end.
		d.seekNextEvent();
		expect(d.nowMs).toBe(visited.at(-1));
		d.seekPreviousEvent();
		d.seekPreviousEvent();
		expect(d.nowMs).toBe(visited.at(-3));
		// Back there, ] knows the next from what was seen: the same landing.
		d.seekNextEvent();
		expect(d.nowMs).toBe(visited.at(-2));
		d.seekEnd();
		expect(d.finished).toBe(true);
		expect(d.frame().results.every((r) => r !== null)).toBe(true);
		d.seek(0);
		expect(d.nowMs).toBe(0);
		expect(d.finished).toBe(false);
	});

	it('a restart is counted (a demo script starts over), a seek is not', () => {
		const d = driver();
		d.seek(500);
		d.seek(100);
		expect(d.restartCount).toBe(0);
		d.restart();
		expect(d.restartCount).toBe(1);
	});
});
