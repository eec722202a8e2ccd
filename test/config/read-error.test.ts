// A read that fails is reported with the system's own error, not as "not valid JSON". A
// real EIO needs a failing disk, so the fs module fails reads of one file on purpose.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';

const failing = vi.hoisted(() => ({on: false}));

vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	const eio = () => Object.assign(new Error('EIO: i/o error, read'), {code: 'EIO', errno: -5, syscall: 'read'});
	// Both the descriptor read and the whole-file read fail, whichever the loader uses.
	const readSync = ((...args: Parameters<typeof fs.readSync>) => {
		if (failing.on) throw eio();
		return fs.readSync(...args);
	}) as typeof fs.readSync;
	const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
		if (failing.on) throw eio();
		return fs.readFileSync(...args);
	}) as typeof fs.readFileSync;
	return {...fs, default: {...fs, readSync, readFileSync}, readSync, readFileSync};
});

const {loadScenario} = await import('../../source/config/scenario-file.js');

const dir = mkdtempSync(join(tmpdir(), 'livemig-read-error-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('a scenario file that cannot be read', () => {
	it('names the real error (EIO), not "not valid JSON"', () => {
		const path = join(dir, 'disk.json');
		writeFileSync(path, JSON.stringify({vm: {memory: '64MiB'}}));
		expect(loadScenario(path).raw.memory).toBe('64MiB');
		failing.on = true;
		try {
			expect(() => loadScenario(path)).toThrow(`--scenario: cannot read ${path}: EIO: i/o error, read`);
		} finally {
			failing.on = false;
		}
	});
});
