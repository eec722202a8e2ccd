// `livemig trace --workload NAME --duration 60s --out FILE`: writes a built-in workload as
// a trace file that `--workload trace --trace FILE` replays to the same results.
import {UsageError} from '../basics/errors.js';
import {type Command, refuseArguments} from '../config/command.js';
import {type FlagSpec, flagsNamed, outFlag, scenarioFileFlag} from '../config/flags.js';

/** Enough for a minute of the fastest preset on a 10 Gbit/s link; past it, a file of gigabytes. */
const MAX_ACCESSES = 100_000_000;

const duration: FlagSpec = {name: 'duration', type: 'string', default: '60s', value: 'TIME', help: 'trace: VM time to write', group: 'output'};

export const trace: Command = {
	name: 'trace',
	usage: 'trace --out FILE',
	summary: 'write what a built-in workload does (--workload, --duration) as a trace file',
	// Only what shapes the accesses: the migration's own settings do not change a trace.
	flags: [
		...flagsNamed('memory', 'page-size', 'free-memory', 'zero-memory', 'bandwidth', 'workload', 'dirty-rate', 'read-rate', 'wss', 'seed'),
		scenarioFileFlag,
		duration,
		outFlag,
	],
	async run(inv) {
		refuseArguments(inv);
		const out = inv.flags.out;
		if (typeof out !== 'string' || out === '') throw new UsageError('--out: trace needs --out FILE (or --out - for stdout)');
		const [{createGzip}, {mergeScenarioFlags}, {resolveOptions}, {formatBandwidth, formatSize, parseDuration, parseOrRefuse}, {openOutput}, {expectedAccesses, traceText}] =
			await Promise.all([
				import('node:zlib'),
				import('../config/run-options.js'),
				import('../config/resolve.js'),
				import('../basics/units.js'),
				import('../basics/output.js'),
				import('../trace/write.js'),
			]);
		const {raw, label} = await mergeScenarioFlags(inv.flags, inv.given);
		const {scenario: s} = resolveOptions(raw, label);
		if (s.workload.kind === 'trace') throw new UsageError('--workload: trace writes a built-in workload; name one (hotspot, web, ...)');
		const durationMs = parseOrRefuse('--duration', () => parseDuration(String(inv.flags.duration ?? '60s')));
		const expected = expectedAccesses(s, durationMs);
		if (expected > MAX_ACCESSES)
			throw new UsageError(`--duration: about ${Math.round(expected).toLocaleString('en-US')} accesses; at most ${MAX_ACCESSES.toLocaleString('en-US')} (shorten it)`);

		const w = s.workload;
		const comments = [
			`livemig trace: workload ${w.kind}, seed ${s.seed}, ${formatSize(s.memoryBytes)} VM, ${w.writeRate} writes/s, ${w.readRate} reads/s`,
			`link when written: ${formatBandwidth(s.bandwidthBitsPerSec)} (mmuncher's rate follows the link)`,
		];
		const output = await openOutput(out, '--out');
		const counts = {writes: 0, reads: 0};
		const gzip = out.endsWith('.gz') ? [createGzip()] : [];
		await output.write(traceText(s, durationMs, comments, counts), gzip);

		const total = (counts.writes + counts.reads).toLocaleString('en-US');
		if (!output.toStdout) process.stderr.write(`livemig: wrote ${total} accesses (${counts.writes.toLocaleString('en-US')} writes) to ${out}\n`);
		// Replay draws the free and zero pages without knowing the workload's working set, so
		// they land elsewhere: say so rather than let a user expect identical figures.
		if (s.freeFraction > 0 || s.zeroFraction > 0)
			process.stderr.write('livemig: note: with --free-memory or --zero-memory, a replay places free and zero pages differently, so its figures differ from the built-in workload\'s\n');
		return 0;
	},
};
