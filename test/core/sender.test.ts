import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, type Algorithm, type MigrationResult} from '../../source/core/index.js';

/**
 * Runs `fn` under a watchdog: a synchronous loop that never ends is stopped (vm's timeout
 * terminates whatever JavaScript runs meanwhile), so a regression fails instead of hanging.
 */
function withinSeconds<T>(seconds: number, fn: () => T): T {
	return runInNewContext('fn()', {fn}, {timeout: seconds * 1000}) as T;
}

function run(bandwidthBitsPerSec: number, algorithm: Algorithm): MigrationResult {
	const s = defaultScenario();
	s.memoryBytes = 64 * MiB;
	s.bandwidthBitsPerSec = bandwidthBitsPerSec;
	return createMigration(s, algorithm).run();
}

describe('Sender.sendWord', () => {
	// A byte budget past 2^53 pages once left `room` where room-- changes nothing: a hang.
	for (const algorithm of ['precopy', 'postcopy', 'hybrid'] as const) {
		it(`${algorithm}: a budget far past what the VM holds sends everything (1e25 bit/s)`, () => {
			const huge = withinSeconds(20, () => run(1e25, algorithm));
			expect(huge.outcome).toBe('completed');
			expect(huge.verified).toBe(true);
			// Each page goes at least once; the link is infinitely fast next to the VM.
			expect(huge.pagesTransferred).toBeGreaterThanOrEqual((64 * MiB) / 4096);
		});
	}
});
