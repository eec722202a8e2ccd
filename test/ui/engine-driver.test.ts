import {describe, expect, it} from 'vitest';
import {defaultScenario, MiB} from '../../source/core/index.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import {defaultSpeed, nextSpeed, SLOW_MOTION_WALL_MS} from '../../source/ui/speed.js';

function small() {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.workload = {...s.workload, wssBytes: 32 * MiB};
	return s;
}

describe('EngineDriver', () => {
	it('runs simulated time at the speed, on one clock for all engines', () => {
		const d = new EngineDriver({scenario: small(), algorithms: ['precopy'], speed: 2, budgetMs: Infinity});
		d.advance(100);
		d.advance(100);
		const f = d.frame();
		expect(f.simMs).toBeCloseTo(400, 6);
		expect(f.snapshots[0].nowMs).toBeCloseTo(400, 6);
	});

	it('stretches each stop-and-copy into slow motion so it can be seen', () => {
		const d = new EngineDriver({scenario: small(), algorithms: ['precopy', 'postcopy'], speed: 50, budgetMs: Infinity});
		// Post-copy switches at once: the race opens in slow motion.
		expect(d.frame().slowSpeed).not.toBeNull();
		const pausedFrames = [0, 0];
		let frames = 0;
		while (!d.finished && frames < 20000) {
			d.advance(1000 / 30);
			frames++;
			d.frame().snapshots.forEach((s, i) => {
				if (s.vmPaused) pausedFrames[i]++;
			});
		}
		expect(d.finished).toBe(true);
		const wallPerPause = (n: number) => (n * 1000) / 30;
		// Each pause of a few ms lasts seconds of wall time (SLOW_MOTION_WALL_MS, roughly).
		for (const n of pausedFrames) {
			expect(wallPerPause(n)).toBeGreaterThan(SLOW_MOTION_WALL_MS * 0.5);
			expect(wallPerPause(n)).toBeLessThan(SLOW_MOTION_WALL_MS * 2);
		}
		const f = d.frame();
		expect(f.results.every((r) => r?.outcome === 'completed')).toBe(true);
		expect(f.slowSpeed).toBeNull();
	});

	it('steps engines exactly as a headless run does', () => {
		const d = new EngineDriver({scenario: small(), algorithms: ['precopy', 'postcopy'], speed: 200, budgetMs: Infinity});
		while (!d.finished) d.advance(40);
		const headless = new EngineDriver({scenario: small(), algorithms: ['precopy', 'postcopy'], speed: 1e3, budgetMs: Infinity, slowMotionWallMs: 0});
		while (!headless.finished) headless.advance(250);
		const a = d.frame().results.map((r) => [r!.totalTimeMs, r!.downtimeMs, r!.pagesTransferred]);
		const b = headless.frame().results.map((r) => [r!.totalTimeMs, r!.downtimeMs, r!.pagesTransferred]);
		expect(a).toEqual(b);
	});

	it('pauses, steps, restarts and takes a new seed', () => {
		const d = new EngineDriver({scenario: small(), algorithms: ['precopy'], speed: 1, budgetMs: Infinity});
		d.paused = true;
		d.advance(500);
		expect(d.frame().simMs).toBe(0);
		d.stepOnce(100);
		expect(d.frame().simMs).toBeCloseTo(100, 6);
		d.restart();
		expect(d.frame().simMs).toBe(0);
		expect(d.frame().generation).toBe(1);
		d.restart(true);
		expect(d.seed).toBe(43);
	});

	it('picks a default speed that makes the default race last about half a minute', () => {
		const speed = defaultSpeed(defaultScenario());
		expect(37_600 / speed / 1000).toBeGreaterThan(20);
		expect(37_600 / speed / 1000).toBeLessThan(35);
		expect(nextSpeed(1.4, 1)).toBe(2);
		expect(nextSpeed(1.4, -1)).toBe(1);
		expect(nextSpeed(2, -1)).toBe(1);
	});
});
