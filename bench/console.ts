// What the live console costs an SSH link and a shared machine: runs the default race at
// 80x24 in a real pseudo-terminal for ~10 s and measures
//  - bytes the process writes to the terminal per second (everything read from the pty),
//  - CPU share of one core: utime+stime of the child from /proc/<pid>/stat, sampled once
//    the first frame is up and again at the end (so Node's start-up is not counted), over
//    the wall time between the samples; on systems without /proc it reports null,
//  - time from spawn to the first frame (the first output that contains the title bar: the
//    boot frame painted before Ink loads) and to the first live frame (Ink's, with figures).
// Run: npx tsc -p bench && node dist/bench/console.js  (or through `npm run bench`).
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execFileSync} from 'node:child_process';
import pty from '@lydell/node-pty';

export interface ConsoleBenchOptions {
	seconds?: number;
	columns?: number;
	rows?: number;
	args?: string[];
	env?: Record<string, string>;
	/** Flags for node itself, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] to profile the console. */
	nodeArgs?: string[];
}

function cliPath(): string {
	// dist/bench/console.js -> dist/source/cli.js
	return join(dirname(fileURLToPath(import.meta.url)), '..', 'source', 'cli.js');
}

function clockTicks(): number {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	} catch {
		return 100;
	}
}

/** utime + stime of a process in seconds, or null without /proc. */
function cpuSeconds(pid: number, ticks: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces) start after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / ticks;
	} catch {
		return null;
	}
}

export async function benchConsole(options: ConsoleBenchOptions = {}): Promise<Record<string, number | string>> {
	const seconds = options.seconds ?? 10;
	const columns = options.columns ?? 80;
	const rows = options.rows ?? 24;
	const ticks = clockTicks();
	const env = {...process.env, CI: 'false', TERM: 'xterm-256color', LANG: 'C.UTF-8', FORCE_COLOR: '1', ...options.env} as Record<string, string>;
	delete env.NO_COLOR;
	const start = performance.now();
	const child = pty.spawn(process.execPath, [...(options.nodeArgs ?? []), cliPath(), ...(options.args ?? [])], {cols: columns, rows, env, name: 'xterm-256color'});
	let bytes = 0;
	let firstFrameMs: number | null = null;
	let firstLiveMs: number | null = null;
	let cpuAtFirst: number | null = null;
	let wallAtFirst = 0;
	let bytesAtFirst = 0;
	let seen = '';
	const exited = new Promise<number>((resolve) => child.onExit(({exitCode}) => resolve(exitCode)));
	child.onData((data) => {
		bytes += Buffer.byteLength(data, 'utf8');
		if (firstLiveMs !== null) return;
		seen += data;
		if (firstFrameMs === null && seen.includes('livemig')) firstFrameMs = performance.now() - start;
		// Ink's frame has the counters; CPU and bytes are measured from then on.
		if (seen.includes('downtime')) {
			firstLiveMs = performance.now() - start;
			cpuAtFirst = cpuSeconds(child.pid, ticks);
			wallAtFirst = performance.now();
			bytesAtFirst = bytes;
			seen = '';
		}
	});
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	const cpuAtEnd = cpuSeconds(child.pid, ticks);
	const wallEnd = performance.now();
	const bytesEnd = bytes;
	child.write('q');
	const code = await Promise.race([exited, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5000))]);
	if (code === -1) child.kill();
	const span = (wallEnd - wallAtFirst) / 1000;
	const cpu = cpuAtFirst !== null && cpuAtEnd !== null && span > 0 ? ((cpuAtEnd - cpuAtFirst) / span) * 100 : null;
	return {
		'console terminal': `${columns}x${rows}`,
		'console seconds measured': Number(span.toFixed(2)),
		'console bytes/s': Math.round((bytesEnd - bytesAtFirst) / Math.max(span, 1e-9)),
		'console KB/s': Number(((bytesEnd - bytesAtFirst) / Math.max(span, 1e-9) / 1000).toFixed(1)),
		'console CPU % of one core': cpu === null ? 'n/a (no /proc)' : Number(cpu.toFixed(1)),
		'console CPU method': '/proc/<pid>/stat utime+stime of the child, first live frame to end',
		'console first frame ms': firstFrameMs === null ? 'none' : Math.round(firstFrameMs),
		'console first live frame ms': firstLiveMs === null ? 'none' : Math.round(firstLiveMs),
		'console exit code': code,
	};
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
	// `--size 160x50` and `--cpu-prof-dir DIR` are the bench's own; the rest go to livemig.
	const args = process.argv.slice(2);
	const take = (flag: string): string | undefined => {
		const i = args.indexOf(flag);
		return i < 0 ? undefined : args.splice(i, 2)[1];
	};
	const [columns, rows] = (take('--size') ?? '80x24').split('x').map(Number);
	const profDir = take('--cpu-prof-dir');
	const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
	const result = await benchConsole({args, columns, rows, nodeArgs});
	for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
}
