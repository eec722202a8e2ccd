// npm run validate [-- --only NAME[,NAME] --quick --nice N]
// Runs each case on real QEMU and on livemig, prints real vs livemig, and (on a full run)
// writes the table to docs/validation.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from './args.js';
import {calibration, cases, postcopyCalibration, quick, type Case} from './cases.js';
import {cleanupAll, onCleanup} from './cleanup.js';
import {buildGuest} from './guest.js';
import {ensureTools, qemuVersion} from './install.js';
import {type HostRates, linkRate, measuredBacklog, placeRate, rateGiven, runLivemig} from './livemig-side.js';
import {runCase, type RealRun} from './migrate.js';
import {caseRows, formatText, headline, median, type CaseResult, type Row} from './table.js';
import {validationDoc} from './validation-doc.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist', 'source', 'cli.js');

async function main(): Promise<number> {
	const log = (s: string) => process.stderr.write(s + '\n');
	const parsed = parseArgs(process.argv.slice(2), cases.map((c) => c.name));
	if ('error' in parsed) {
		log(parsed.error);
		return 2;
	}
	const {only, quick: isQuick, nice} = parsed;
	const problem = ensureTools(log);
	if (problem) {
		log(problem);
		return 1;
	}
	const started = Date.now();
	const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
	const outDir = path.join(repoRoot, 'dist', 'validate');
	const kernel = buildGuest(repoRoot, path.join(outDir, 'guest'));
	const traceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-val-trace-'));
	onCleanup('traces', () => fs.rmSync(traceDir, {recursive: true, force: true}));

	const selected: Case[] = cases.filter((c) => !only || only.includes(c.name)).map((c) => (isQuick ? quick(c) : c));
	// The link's rate first (a stop-and-copy of almost all memory): livemig's link for the unshaped cases.
	log(`${calibration.name}: ${calibration.what}`);
	const cal = await runCase(isQuick ? quick(calibration) : calibration, 0, {kernel, nice, warmupMs: 1000, log});
	const link = linkRate(cal.ramTransferredBytes, cal.pauseMs);
	if (link === null) throw new Error(`the calibration migration ended ${cal.status} without a rate`);
	log(`${calibration.name}: ${(link / 1024 / 1024).toFixed(0)} MiB/s (${cal.status}, ${((cal.ramTransferredBytes ?? 0) / 1024 / 1024).toFixed(1)} MiB, paused ${cal.pauseMs?.toFixed(1)} ms)`);
	// Then post-copy's placing rate, if a selected case post-copies.
	let place: number | null = null;
	if (selected.some((c) => c.mode !== 'precopy')) {
		log(`${postcopyCalibration.name}: ${postcopyCalibration.what}`);
		const pcCase = isQuick ? quick(postcopyCalibration) : postcopyCalibration;
		const measured: number[] = [];
		for (let r = 0; r < pcCase.runs; r++) {
			const pc = await runCase(pcCase, r, {kernel, nice, warmupMs: 1000, log});
			const rate = pc.status === 'completed' ? placeRate(pc.normalPages, pc.totalTimeMs, pc.pauseMs) : null;
			if (rate !== null) measured.push(rate);
			log(`  ${pc.status}, ${pc.normalPages ?? 0} pages with data in ${pc.totalTimeMs} ms, paused ${pc.pauseMs?.toFixed(1)} ms${rate === null ? '' : `: ${Math.round(rate)} pages/s`}`);
		}
		place = measured.length > 0 ? median(measured) : null;
		log(`${postcopyCalibration.name}: ${place === null ? 'no rate' : `${Math.round(place)} pages/s (median of ${measured.length})`}`);
	}
	const hostRates: HostRates = {link, placeRate: place};
	const rows: Row[] = [];
	const used: Array<{c: Case; args: string[]; rates: string}> = [];
	const raw: unknown[] = [];
	const results: CaseResult[] = [];
	for (const c of selected) {
		log(`${c.name}: ${c.what}`);
		const real: RealRun[] = [];
		for (let r = 0; r < c.runs; r++) real.push(await runCase(c, r, {kernel, nice, warmupMs: 1000, log}));
		// Each run gets its own livemig run at the rate its guest achieved: on a shared host the
		// guest's real rate moves from run to run, and livemig should be given the same one.
		const sims = real.map((r, i) => runLivemig(c, rateGiven(c, r), cliPath, path.join(traceDir, `${c.name}-${i}.trace`), hostRates, measuredBacklog(c, r.series, hostRates)));
		const caseRowsNow = caseRows(c.name, c.mode, real, sims);
		rows.push(...caseRowsNow);
		const before = real.map((r) => r.rateBefore).filter((x): x is number => x !== null);
		const during = real.map((r) => r.rateDuring).filter((x): x is number => x !== null);
		const span = (xs: number[]) => (xs.length > 1 ? `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}..${Math.round(Math.max(...xs))})` : String(Math.round(xs[0]!)));
		const rates = `asked ${c.guest.rate}${before.length > 0 ? `, achieved ${span(before)} before the migration` : ''}${during.length > 0 ? `, ${span(during)} during it` : ''}`;
		used.push({c, args: sims[0]!.args, rates});
		raw.push({case: c, real, livemig: sims});
		results.push({name: c.name, mode: c.mode, real, sims});
		process.stdout.write(formatText(caseRowsNow) + '\n\n');
	}
	const head = headline(results);
	process.stdout.write(formatText(rows) + '\n\n' + head.join('\n') + '\n');
	fs.mkdirSync(outDir, {recursive: true});
	fs.writeFileSync(path.join(outDir, 'last-run.json'), JSON.stringify(raw, null, 1));
	if (only || isQuick) {
		log('validate: --only/--quick: docs/validation.md left as it is (a full run writes it)');
		return 0;
	}
	const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
	const doc = validationDoc(
		{
			date: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
			qemuVersion: qemuVersion(),
			cpu,
			cores: os.cpus().length,
			kernel: os.release(),
			hwVirt: /\b(vmx|svm)\b/.test(fs.readFileSync('/proc/cpuinfo', 'utf8')),
			loadBefore,
			loadAfter: os.loadavg().map((x) => x.toFixed(2)).join(' '),
			durationS: (Date.now() - started) / 1000,
			linkBytesPerSec: link,
			placePagesPerSec: place,
		},
		rows,
		used,
		head,
	);
	// Written whole or not at all: a temp file renamed over the old one.
	const target = path.join(repoRoot, 'docs', 'validation.md');
	fs.writeFileSync(`${target}.tmp`, doc);
	fs.renameSync(`${target}.tmp`, target);
	log(`validate: wrote ${path.relative(repoRoot, target)}`);
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
