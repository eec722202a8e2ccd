// `livemig trace --workload NAME --duration 60s --out FILE`: writes a built-in workload as
// a trace file that `--workload trace --trace FILE` replays to the same results.

import {createGzip} from 'node:zlib';
import {type Invocation, registerHandler} from '../cli/main.js';
import {resolveOptions} from '../config/resolve.js';
import {UsageError} from '../basics/errors.js';
import {mergeScenarioFlags} from '../config/run-options.js';
import {formatBandwidth, formatSize, parseDuration, parseOrRefuse} from '../basics/units.js';
import {openOutput} from '../basics/output.js';
import {expectedAccesses, type TraceCounts, traceText} from '../trace/write.js';

/** Enough for a minute of the fastest preset on a 10 Gbit/s link; past it, a file of gigabytes. */
const MAX_ACCESSES = 100_000_000;


async function traceCommand(inv: Invocation): Promise<number> {
	if (inv.input.length > 0) throw new UsageError(`trace: unexpected argument "${inv.input[0]}"`);
	const out = inv.flags.out;
	if (typeof out !== 'string' || out === '') throw new UsageError('--out: trace needs --out FILE (or --out - for stdout)');
	const {raw, label} = await mergeScenarioFlags(inv.flags, inv.argv);
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
	const counts: TraceCounts = {writes: 0, reads: 0};
	const gzip = out.endsWith('.gz') ? [createGzip()] : [];
	await output.write(traceText(s, durationMs, comments, counts), gzip);

	const total = (counts.writes + counts.reads).toLocaleString('en-US');
	if (!output.toStdout) process.stderr.write(`livemig: wrote ${total} accesses (${counts.writes.toLocaleString('en-US')} writes) to ${out}\n`);
	// Replay draws the free and zero pages without knowing the workload's working set, so
	// they land elsewhere: say so rather than let a user expect identical figures.
	if (s.freeFraction > 0 || s.zeroFraction > 0)
		process.stderr.write('livemig: note: with --free-memory or --zero-memory, a replay places free and zero pages differently, so its figures differ from the built-in workload\'s\n');
	return 0;
}

registerHandler('trace', traceCommand);
