import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const cli = fileURLToPath(new URL('../source/cli.js', import.meta.url));
const rusageHook = new URL('./rusage-hook.js', import.meta.url).href;

export interface CoreFigures {
	memory: string;
	wallMs: number;
	peakRssMB: number;
	pagesTransferred: number;
	pagesPerSec: number;
	verified: boolean;
}

/**
 * A headless race of all three algorithms as a whole process (start-up included), the
 * way a researcher's script runs it. Peak RSS comes from the child's own getrusage,
 * reported on exit by a preloaded hook (rusage-hook.ts).
 */
export function raceProcess(memory: string): CoreFigures {
	const args = ['--import', rusageHook, cli, 'race', '--json', '--algorithms', 'precopy,postcopy,hybrid', '--memory', memory, '--bandwidth', '10Gbit/s', '--wss', '1GiB'];
	const start = process.hrtime.bigint();
	const r = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 1 << 26});
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	if (r.status !== 0) throw new Error(`race --memory ${memory} failed: ${r.stderr}`);
	const usage = JSON.parse(/LIVEMIG_RUSAGE (.*)/.exec(r.stderr)![1]) as {maxRSS: number};
	const report = JSON.parse(r.stdout) as {results: Array<{pagesTransferred: number; verified: boolean}>};
	const pages = report.results.reduce((n, x) => n + x.pagesTransferred, 0);
	return {
		memory,
		wallMs: Math.round(wallMs),
		peakRssMB: Math.round(usage.maxRSS / 1024),
		pagesTransferred: pages,
		pagesPerSec: Math.round(pages / (wallMs / 1000)),
		verified: report.results.every((x) => x.verified),
	};
}
