// Where output goes, through the built CLI (npm test builds first): `-` is stdout, symlinks
// are written through, devices and FIFOs are written directly, a temp file never outlives
// the process, bad paths fail before the work, and stdout errors end in one line.
import {spawn} from 'node:child_process';
import {closeSync, createReadStream, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {shortDemo} from '../demo/fixtures.js';
import {spawnCli} from '../e2e/pty.js';
import {cli, cliPath} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-output-'));
const trace = ['trace', '--workload', 'hotspot', '--memory', '64MiB', '--duration', '5ms'];
const sweep = ['sweep', '--param', 'dirty-rate', '--from', '1000', '--to', '2000', '--steps', '2', '--memory', '64MiB'];
/** Minutes of trace: far more than a test waits for, so it is always interrupted midway. */
const longTrace = ['trace', '--workload', 'hotspot', '--memory', '64MiB', '--duration', '1500s'];

/** A fresh empty directory, so a leftover temp file is easy to see. */
function freshDir(name: string): string {
	const d = join(dir, name);
	mkdirSync(d);
	return d;
}

interface Spawned {
	status: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** The built CLI, asynchronously; `stdout` may be a file descriptor instead of a pipe. */
function start(args: string[], stdout: 'pipe' | number = 'pipe') {
	const child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, CI: 'true'}, stdio: ['ignore', stdout, 'pipe']});
	let out = '';
	let err = '';
	child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
	const done = new Promise<Spawned>((resolve) => child.on('close', (status, signal) => resolve({status, signal, stdout: out, stderr: err})));
	return {child, done};
}

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

describe('what is at the output path stays what it was', () => {
	it('a symlink is written through: the target gets the data, the link stays a link', () => {
		const d = freshDir('symlink');
		writeFileSync(join(d, 'target.trace'), 'old\n');
		symlinkSync('target.trace', join(d, 'link.trace'));
		const r = cli([...trace, '--out', join(d, 'link.trace')]);
		expect(r.status).toBe(0);
		expect(lstatSync(join(d, 'link.trace')).isSymbolicLink()).toBe(true);
		expect(readlinkSync(join(d, 'link.trace'))).toBe('target.trace');
		expect(readFileSync(join(d, 'target.trace'), 'utf8')).toBe(cli([...trace, '--out', '-']).stdout);
		expect(readdirSync(d).sort()).toEqual(['link.trace', 'target.trace']);
	});

	it('a dangling symlink creates its target, as a shell redirect does', () => {
		const d = freshDir('dangling');
		symlinkSync('made.csv', join(d, 'link.csv'));
		expect(cli([...sweep, '--csv', join(d, 'link.csv')]).status).toBe(0);
		expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
		expect(readFileSync(join(d, 'made.csv'), 'utf8')).toMatch(/^param,value,algorithm/);
	});

	it('a FIFO is written into, not replaced', async () => {
		const d = freshDir('fifo');
		const fifo = join(d, 'pipe.trace');
		execFileSync('mkfifo', [fifo]);
		const run = start([...trace, '--out', fifo]);
		let read = '';
		for await (const chunk of createReadStream(fifo, 'utf8')) read += chunk;
		const r = await run.done;
		expect(r.status).toBe(0);
		expect(statSync(fifo).isFIFO()).toBe(true);
		expect(read).toBe(cli([...trace, '--out', '-']).stdout);
		expect(readdirSync(d)).toEqual(['pipe.trace']);
	});

	it('/dev/null stays a character device', () => {
		// As root, renaming over /dev/null would replace the system's: use a device node of
		// our own with the same numbers. As anyone else the real one cannot be harmed.
		let devNull = '/dev/null';
		if (process.getuid?.() === 0) {
			devNull = join(freshDir('dev'), 'null');
			execFileSync('mknod', ['-m', '666', devNull, 'c', '1', '3']);
		}
		for (const args of [[...trace, '--out', devNull], [...sweep, '--csv', devNull]]) {
			const r = cli(args);
			expect(r.status, r.stderr).toBe(0);
			expect(statSync(devNull).isCharacterDevice()).toBe(true);
		}
		expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
		if (devNull !== '/dev/null') expect(readdirSync(join(dir, 'dev'))).toEqual(['null']);
	});
});

describe('- is stdout', () => {
	it('sweep --csv - prints the CSV, and only the CSV', () => {
		const file = join(dir, 'sweep.csv');
		expect(cli([...sweep, '--csv', file]).status).toBe(0);
		const r = cli([...sweep, '--csv', '-']);
		expect(r.status).toBe(0);
		expect(r.stdout).toBe(readFileSync(file, 'utf8'));
		expect(existsSync('-')).toBe(false);
	});

	it('sweep --csv - with --json is refused: both would be stdout', () => {
		const r = cli([...sweep, '--csv', '-', '--json']);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(oneLine(r.stderr)).toEqual([expect.stringMatching(/^livemig: --csv: /)]);
	});

	it('trace --out - prints the trace and writes no file', () => {
		const file = join(dir, 'five.trace');
		expect(cli([...trace, '--out', file]).status).toBe(0);
		const r = cli([...trace, '--out', '-']);
		expect(r.status).toBe(0);
		expect(r.stdout).toBe(readFileSync(file, 'utf8'));
	});

	it('record --out - prints the asciicast', () => {
		const demo = shortDemo();
		const file = join(dir, 'demo.cast');
		const args = ['record', demo, '--timestamp', '1700000000', '--out'];
		expect(cli([...args, file]).status).toBe(0);
		const r = cli([...args, '-']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stderr).toMatch(/to stdout\n$/);
		// Not byte for byte: two recordings of a demo can differ by a frame (record.ts, which
		// this change leaves alone, also does so with --out FILE). Header and shape must match.
		const [head, ...events] = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
		expect(head).toEqual(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]));
		expect(events.length).toBeGreaterThan(10);
		for (const e of events) expect(e).toEqual([expect.any(Number), 'o', expect.any(String)]);
		expect(existsSync('-')).toBe(false);
	});
});

describe('stdout errors', () => {
	it('a reader that stops early (| head -1) ends it quietly, exit 0', async () => {
		const run = start([...longTrace, '--out', '-']);
		run.child.stdout!.once('data', () => run.child.stdout!.destroy());
		const r = await run.done;
		expect(r.stderr).toBe('');
		expect(r.signal).toBeNull();
		expect(r.status).toBe(0);
	});

	const full = existsSync('/dev/full');
	it.skipIf(!full).each([
		[['schema']],
		[['scenarios']],
		[['scenarios', '--json']],
		[['race', '--json', '--memory', '64MiB']],
		[['run', 'precopy', '--memory', '64MiB']],
		[sweep],
		[[...sweep, '--json']],
		[[...trace, '--out', '-']],
	])('a full disk (%j > /dev/full) is one line, exit 1', async (args) => {
		const fd = openSync('/dev/full', 'w');
		try {
			const r = await start(args, fd).done;
			expect(r.status).toBe(1);
			expect(oneLine(r.stderr)).toEqual(['livemig: cannot write to stdout: no space left on device']);
		} finally {
			closeSync(fd);
		}
	});

	it.skipIf(!full)('a full disk at --out is one line naming the flag, exit 1', () => {
		const r = cli([...trace, '--out', '/dev/full']);
		expect(r.status).toBe(1);
		expect(oneLine(r.stderr)).toEqual(['livemig: --out: cannot write /dev/full: no space left on device']);
	});
});

describe('temp files and bad paths', () => {
	it('an interrupted trace --out leaves no temp file (SIGTERM, SIGINT, SIGHUP)', async () => {
		for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
			const d = freshDir(`interrupted-${signal}`);
			const run = start([...longTrace, '--out', join(d, 'big.trace')]);
			// Wait until the temp file is being written, then interrupt.
			for (let tries = 0; ; tries++) {
				const temp = readdirSync(d).find((f) => f.endsWith('.tmp'));
				if (temp && statSync(join(d, temp)).size > 0) break;
				if (tries > 600) throw new Error('no temp file appeared');
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			run.child.kill(signal);
			const r = await run.done;
			expect(r.status, signal).toBe(code);
			expect(readdirSync(d), signal).toEqual([]);
		}
	});

	it('a long file name that fits is written; one too long for the file system is one line, exit 2', () => {
		const d = freshDir('long-names');
		const fits = join(d, `${'a'.repeat(244)}.trace`); // 250 characters
		const r = cli([...trace, '--out', fits]);
		expect(r.status, r.stderr).toBe(0);
		expect(readdirSync(d)).toEqual([`${'a'.repeat(244)}.trace`]);

		const tooLong = join(d, `${'b'.repeat(300)}.trace`);
		const bad = cli([...trace, '--out', tooLong]);
		expect(bad.status).toBe(2);
		expect(oneLine(bad.stderr)).toEqual([expect.stringMatching(/^livemig: --out: cannot write .*: file name too long$/)]);
		expect(readdirSync(d)).toHaveLength(1);
	});

	it.each([
		[[...trace, '--out', join(dir, 'nowhere', 'x.trace')], '--out', 'no such directory'],
		[[...trace, '--out', dir], '--out', 'it is a directory'],
		[['record', shortDemo(), '--out', join(dir, 'nowhere', 'x.cast')], '--out', 'no such directory'],
	])('%j: one line naming the flag and the reason, exit 2', (args, flag, why) => {
		const r = cli(args);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(oneLine(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^livemig: ${flag}: cannot write .*: ${why}$`))]);
	});

	it('an unwritable --csv fails before the sweep runs (no progress bar is ever drawn)', async () => {
		const csv = existsSync('/proc') ? '/proc/nope.csv' : join(dir, 'nowhere', 'x.csv');
		// On a terminal the progress bar appears as soon as the runs start...
		const ok = spawnCli([...sweep, '--csv', join(dir, 'drawn.csv')], {columns: 100, rows: 30});
		try {
			expect((await ok.exited).exitCode).toBe(0);
			expect(ok.output()).toMatch(/ 0\/\d+ runs/);
		} finally {
			ok.close();
		}
		// ...so without it, none ran.
		const s = spawnCli([...sweep, '--csv', csv], {columns: 100, rows: 30});
		try {
			const {exitCode} = await s.exited;
			expect(exitCode).toBe(2);
			expect(s.output()).toContain(`livemig: --csv: cannot write ${csv}`);
			expect(s.output()).not.toMatch(/runs/);
		} finally {
			s.close();
		}
	});
});
