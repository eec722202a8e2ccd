import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB} from '../../source/core/index.js';
import {runAll} from '../../source/run/headless.js';

describe('runAll with hybrid forked off pre-copy', () => {
	it('runs hybrid on its own when pre-copy ends inside round 0 (the link fails there): no result was missing', () => {
		const s = defaultScenario();
		s.memoryBytes = 256 * MiB;
		s.linkFailure = {atMs: 300, forMs: 500};
		const [pre, post, hybrid] = runAll(s, ['precopy', 'postcopy', 'hybrid']);
		expect(pre.outcome).toBe('aborted');
		expect(post.algorithm).toBe('postcopy');
		expect(hybrid).toEqual(createMigration(s, 'hybrid').run());
	});
});
