// Pacing: every phase gets about a second at least, long ones are compressed, and the speed
// shown is the one time runs at.
import {describe, expect, it} from 'vitest';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {defaultScenario, type Snapshot} from '../../source/core/index.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import {MAX_PHASE_WALL_MS, MIN_PHASE_WALL_MS, PAUSE_WALL_MS, paceOf, phaseOf, phaseWallMs} from '../../source/ui/pacing.js';

describe('phaseWallMs', () => {
	it('gives a short phase a second, a pause more, and compresses a long one', () => {
		expect(phaseWallMs(0.5, 'round')).toBe(MIN_PHASE_WALL_MS);
		expect(phaseWallMs(0.5, 'stop-and-copy')).toBe(PAUSE_WALL_MS);
		expect(phaseWallMs(4000, 'round')).toBeGreaterThan(MIN_PHASE_WALL_MS);
		expect(phaseWallMs(31_000, 'round')).toBeLessThan(MAX_PHASE_WALL_MS);
		expect(phaseWallMs(1e7, 'post-copy')).toBe(MAX_PHASE_WALL_MS);
		// Monotonic: a longer phase never gets less wall time.
		for (let ms = 1; ms < 1e6; ms *= 3) expect(phaseWallMs(ms * 3, 'round')).toBeGreaterThanOrEqual(phaseWallMs(ms, 'round'));
	});

	it('paces by the slowest run, and names a phase that is not a round', () => {
		const s = defaultScenario();
		const d = new EngineDriver({scenario: s, algorithms: ['precopy', 'postcopy'], speed: 1, pacing: true, budgetMs: Infinity});
		const [pre, post] = d.frame().snapshots as Snapshot[];
		expect(phaseOf(s, pre)!.kind).toBe('round');
		expect(phaseOf(s, post)!.kind).toBe('switch-over');
		const pace = paceOf(s, [pre, post], 1);
		expect(pace.kind).toBe('switch-over');
		expect(pace.speed).toBe(Math.min(phaseOf(s, pre)!.speed, phaseOf(s, post)!.speed));
		expect(d.frame().speed).toBeCloseTo(pace.speed, 9);
		expect(d.frame().speedNote).toBe('switch-over');
		// +/- scale the paced speed.
		d.changeSpeed((v) => v * 2);
		expect(d.frame().speed).toBeCloseTo(pace.speed * 2, 9);
	});
});

describe('the default race, paced', () => {
	it('spends at most 40% of its wall time in one round, and shows every round and the stop-and-copy about a second', async () => {
		const {scenario} = await resolveWithScenario({}, new Set());
		const d = new EngineDriver({scenario, algorithms: ['precopy', 'postcopy'], speed: 1, pacing: true, budgetMs: Infinity});
		const frameMs = 1000 / 30;
		const frames = new Map<string, number>();
		let total = 0;
		while (!d.finished && total < 30 * 600) {
			d.advance(frameMs);
			total++;
			const pre = d.frame().snapshots[0];
			const key = pre.vmPaused ? 'stop-and-copy' : pre.round ? `round ${pre.round.index}` : null;
			if (key) frames.set(key, (frames.get(key) ?? 0) + 1);
		}
		expect(d.finished).toBe(true);
		const wall = (n: number) => n * frameMs;
		expect(frames.size).toBeGreaterThan(5);
		for (const [key, n] of frames) {
			expect(wall(n), key).toBeLessThanOrEqual(0.4 * wall(total));
			expect(wall(n), key).toBeGreaterThan(0.85 * MIN_PHASE_WALL_MS);
		}
		expect(wall(frames.get('stop-and-copy')!)).toBeGreaterThan(MIN_PHASE_WALL_MS);
	});
});
