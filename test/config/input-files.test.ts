// Input files are read safely: regular files only (a FIFO must not hang the CLI), scenario
// files no bigger than 1 MiB (refused before reading), and nothing from a file reaches the
// terminal as an escape sequence.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {cliPath} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-input-files-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The built CLI, killed after 20 s: a read that blocks shows as status null, not a hung test. */
function cli(args: string[]) {
	const r = spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8', env: {...process.env, CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000});
	return {status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.trimEnd().split('\n')};
}

const ESC = /[\u001b\u009b\u0007]/;

describe('scenario files past the size cap', () => {
	it('a sparse 64 MiB file is refused from its size, unread, in one line naming the cap', () => {
		const path = join(dir, 'huge.json');
		writeFileSync(path, '');
		truncateSync(path, 64 * 2 ** 20);
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		// The size comes from fstat: a read of it all would have failed as JSON instead.
		expect(r.lines).toEqual([`livemig: --scenario: cannot read ${path}: it is 64 MiB, over the 1 MiB limit for this file`]);
	});

	it('valid JSON over 1 MiB is refused too', () => {
		const path = join(dir, 'long-title.json');
		writeFileSync(path, JSON.stringify({title: 'x'.repeat(2 ** 20), vm: {memory: '64MiB'}}));
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.lines).toHaveLength(1);
		expect(r.stderr).toContain('over the 1 MiB limit');
	});
});

describe('only regular files are read', () => {
	const fifo = join(dir, 'pipe');
	spawnSync('mkfifo', [fifo]);
	const folder = join(dir, 'folder');
	mkdirSync(folder);

	it.each([
		['scenario', ['--scenario']],
		['trace', ['--workload', 'trace', '--trace']],
	])('refuses a FIFO as a %s at once, without waiting for a writer', (_, flags) => {
		expect(existsSync(fifo)).toBe(true);
		const r = cli(['race', '--json', ...flags, fifo]);
		expect(r.signal).toBeNull();
		expect(r.status).toBe(2);
		expect(r.lines).toEqual([expect.stringMatching(/cannot read .*pipe: it is a FIFO \(named pipe\), not a regular file$/)]);
	});

	it('refuses a directory, naming it as one', () => {
		const r = cli(['race', '--json', '--scenario', folder]);
		expect(r.status).toBe(2);
		expect(r.lines).toEqual([`livemig: --scenario: cannot read ${folder}: it is a directory`]);
	});

	it.skipIf(!existsSync('/proc/self/status')).each([
		['scenario', ['--scenario']],
		['trace', ['--workload', 'trace', '--trace']],
	])('refuses a /proc file as a %s: they claim to be regular (some block, like /proc/kmsg)', (_, flags) => {
		const r = cli(['race', '--json', ...flags, '/proc/self/status']);
		expect(r.signal).toBeNull();
		expect(r.status).toBe(2);
		expect(r.lines).toEqual([expect.stringMatching(/cannot read \/proc\/self\/status: it is a kernel pseudo-file \(\/proc\), not a regular file$/)]);
	});
});

describe('escape sequences in a scenario file', () => {
	// An OSC that retitles the window, colours, a screen clear, a C1 CSI and a bare BEL.
	const nasty = '\u001b]0;owned\u0007\u001b[31mRed\u001b[0m\u009b2J\u0007';

	it('never reach stderr raw from a bad value', () => {
		const path = join(dir, 'nasty-value.json');
		writeFileSync(path, JSON.stringify({title: nasty, vm: {memory: `4${nasty}GiB`}}));
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status).toBe(2);
		expect(r.lines).toHaveLength(1);
		expect(r.stderr).toContain('vm.memory');
		expect(r.stderr).not.toMatch(ESC);
	});

	it('never reach the console from the title, description or a caption', async () => {
		const path = join(dir, 'nasty-title.json');
		writeFileSync(path, JSON.stringify({title: `A ${nasty} title`, description: `tab\there${nasty}`, vm: {memory: '64MiB'}, demo: {timeline: [{caption: `see ${nasty}`}, {wait: '1s'}]}}));
		const run = await resolveWithScenario({scenario: path}, new Set(['scenario']));
		// Whole sequences go, the OSC's text with them; the tab becomes a space.
		expect(run.title).toBe('A Red title');
		expect(run.description).toBe('tab hereRed');
		expect(run.demo?.timeline[0]).toEqual({caption: 'see Red'});
	});
});
