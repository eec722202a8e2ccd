// `livemig snapshot`: the built CLI, headless, as a user runs it for slides.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {XMLValidator} from 'fast-xml-parser';
import {afterAll, describe, expect, it} from 'vitest';
import {cli} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-snapshot-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

// A small VM: the still is the same kind of frame, the run a fraction of a second.
const small = ['--memory', '256MiB'];

describe('livemig snapshot', () => {
	it('writes the same SVG bytes for the same flags, run after run', () => {
		const [a, b] = ['a.svg', 'b.svg'].map((name) => {
			const r = cli(['snapshot', ...small, '--at', '2s', '--cols', '90', '--rows', '26', '--theme', 'light', '--out', join(dir, name)]);
			expect(r.stderr).toBe('');
			expect(r.status).toBe(0);
			return readFileSync(join(dir, name), 'utf8');
		});
		expect(XMLValidator.validate(a)).toBe(true);
		expect(a).toContain('PRE-COPY (xen)');
		expect(a).toContain('width="834"');
		expect(b).toBe(a);
	});

	it('writes to stdout with --out -, and --at end shows the scoreboard', () => {
		const r = cli(['snapshot', ...small, '--at', 'end', '--out', '-']);
		expect(r.status).toBe(0);
		expect(XMLValidator.validate(r.stdout)).toBe(true);
		expect(r.stdout).toContain('SCOREBOARD');
	});

	it.each([
		[['--at', 'banana'], /^livemig: --at: must be a time like 20s, end, or an event \(stop, /],
		[['--at', '-3s'], /^livemig: --at: must be a time/],
		[['--cols', '10'], /^livemig: --cols: must be at least 40/],
		[['--at', 'stop', '--algorithms', 'postcopy'], /^livemig: --at: no run has a stop event/],
	])('refuses %j: one line naming the flag, exit 2, nothing written', (args, message) => {
		const out = join(dir, `refused-${args.join('')}.svg`);
		const r = cli(['snapshot', ...small, '--out', out, ...args]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(message);
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(readdirSync(dir).filter((f) => f.includes('refused'))).toEqual([]);
	});

	it('refuses a directory or a missing one at --out, and leaves an existing file as it was on a refusal', () => {
		const folder = join(dir, 'folder.svg');
		mkdirSync(folder);
		let r = cli(['snapshot', ...small, '--out', folder]);
		expect(r.status).toBe(2);
		expect(r.stderr).toBe(`livemig: --out: cannot write ${folder}: it is a directory\n`);
		expect(readdirSync(folder)).toEqual([]);
		r = cli(['snapshot', ...small, '--out', join(dir, 'no', 'such.svg')]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/^livemig: --out: cannot write .*: no such directory\n$/);
		const kept = join(dir, 'kept.svg');
		writeFileSync(kept, 'the old still');
		r = cli(['snapshot', ...small, '--at', 'link-down', '--out', kept]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/--at: no run has a link-down event/);
		expect(readFileSync(kept, 'utf8')).toBe('the old still');
		// No temporary file left beside it.
		expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
	});

	it('needs --out', () => {
		const r = cli(['snapshot', ...small]);
		expect(r.status).toBe(2);
		expect(r.stderr).toBe('livemig: --out: snapshot needs --out FILE.svg (or --out - for stdout)\n');
	});
});
