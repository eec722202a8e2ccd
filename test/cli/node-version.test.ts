import {describe, expect, it} from 'vitest';
import {MIN_NODE_MAJOR, nodeVersionProblem} from '../../source/basics/node-version.js';

describe('the Node version check', () => {
	it('refuses Node older than 22 in one line naming both versions', () => {
		expect(nodeVersionProblem('20.20.2')).toBe(`needs Node ${MIN_NODE_MAJOR} or later (24 recommended); this is Node 20.20.2`);
		expect(nodeVersionProblem('21.7.3')).not.toBeNull();
	});

	it('accepts 22 and later', () => {
		expect(nodeVersionProblem('22.0.0')).toBeNull();
		expect(nodeVersionProblem('24.22.3')).toBeNull();
	});

	it('is what the tests themselves run on (npm test runs on the pinned Node)', () => {
		expect(nodeVersionProblem(process.versions.node)).toBeNull();
	});
});
