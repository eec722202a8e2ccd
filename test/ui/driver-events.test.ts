// The driver hands the console each engine's events as they come: the same list a run to the
// end gives, arrays replaced (never changed) when new ones arrive, and reset by a restart.
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB} from '../../source/core/index.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';

function small() {
	const s = defaultScenario();
	s.memoryBytes = 128 * MiB;
	return s;
}

describe('EngineDriver events', () => {
	it('collects each engine\'s events incrementally, ending with the whole run\'s, and starts over on restart', () => {
		const d = new EngineDriver({scenario: small(), algorithms: ['precopy', 'postcopy'], speed: 40, budgetMs: Infinity});
		let frames = 0;
		while (!d.finished && frames++ < 20000) {
			const before = d.frame().events;
			d.advance(1000 / 30);
			const after = d.frame().events;
			for (let i = 0; i < 2; i++) {
				// An array that gained events is a new one; the old one is left as it was.
				if (after[i].length !== before[i].length) expect(after[i]).not.toBe(before[i]);
				else expect(after[i]).toBe(before[i]);
			}
		}
		const f = d.frame();
		expect(f.finished).toBe(true);
		expect(JSON.stringify(f.events[0])).toBe(JSON.stringify(createMigration(small(), 'precopy').run().events));
		expect(JSON.stringify(f.events[1])).toBe(JSON.stringify(createMigration(small(), 'postcopy').run().events));
		expect(f.events[0].at(-1)?.type).toBe('verified');
		d.restart(false);
		expect(d.frame().events[0].every((e) => e.t === 0)).toBe(true);
		expect(d.frame().events[0].length).toBeLessThan(5);
	});
});
