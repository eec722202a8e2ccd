import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
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

describe('start-up failures', () => {
	it('a module that fails to load (here: no node_modules) is one line, exit 1, no stack', () => {
		// The built CLI copied where no dependency can be found: loading cli/main.js fails.
		const dir = mkdtempSync(join(tmpdir(), 'livemig-nodeps-'));
		try {
			cpSync(fileURLToPath(new URL('../../dist/source', import.meta.url)), join(dir, 'source'), {recursive: true});
			writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
			const r = spawnSync(process.execPath, [join(dir, 'source', 'cli.js'), '--version'], {encoding: 'utf8'});
			expect(r.status).toBe(1);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(/^livemig: internal error: .*meow/);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
