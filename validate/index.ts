// npm run validate [-- --only NAME[,NAME] --quick --nice N --no-write]
// Runs each case on real QEMU and on livemig, prints real vs livemig, writes docs/validation.md.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cases, quick, type Case} from './cases.js';
import {cleanupAll} from './cleanup.js';
import {buildGuest} from './guest.js';
import {ensureTools} from './install.js';
import {runCase, type RealRun} from './migrate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	const flag = (name: string) => {
		const i = argv.indexOf(name);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const only = flag('--only')?.split(',');
	const isQuick = argv.includes('--quick');
	const nice = Number(flag('--nice') ?? (isQuick ? 10 : 0));
	const log = (s: string) => process.stderr.write(s + '\n');
	const problem = ensureTools(log);
	if (problem) {
		process.stderr.write(problem + '\n');
		return 1;
	}
	const unknown = only?.filter((n) => !cases.some((c) => c.name === n)) ?? [];
	if (unknown.length > 0) {
		process.stderr.write(`validate: --only: no case ${unknown.join(', ')} (cases: ${cases.map((c) => c.name).join(', ')})\n`);
		return 2;
	}
	const kernel = buildGuest(repoRoot, path.join(repoRoot, 'dist', 'validate', 'guest'));
	const selected: Case[] = cases.filter((c) => !only || only.includes(c.name)).map((c) => (isQuick ? quick(c) : c));
	for (const c of selected) {
		for (let r = 0; r < c.runs; r++) {
			const real: RealRun = await runCase(c, r, {kernel, nice, warmupMs: 1000, log});
			const {series, ...rest} = real;
			log(JSON.stringify(rest));
		}
	}
	return 0;
}

main().then(
	(code) => {
		cleanupAll();
		process.exitCode = code;
	},
	(e: unknown) => {
		cleanupAll();
		process.stderr.write(`validate: ${(e as Error).message}\n`);
		process.exitCode = 1;
	},
);
