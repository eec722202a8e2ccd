// `livemig sweep --param NAME --from A --to B --steps K [...]`: runs every chosen algorithm
// at each point and seed, then charts, tables, crossovers, CSV or JSON.

import {type Invocation, registerHandler} from '../cli/main.js';
import {resolveOptions} from '../config/resolve.js';
import {UsageError} from '../basics/errors.js';
import {openOutput, type Output, writeStdout} from '../basics/output.js';
import {mergeScenarioFlags} from '../config/run-options.js';
import {csvLines, sweepJsonChunks} from '../sweep/csv.js';
import {type Progress, progressBar} from '../sweep/progress.js';
import {outputStyle, renderSweep} from '../sweep/render.js';
import {runSweep} from '../sweep/sweep.js';
import type {Sweep} from '../sweep/sweep-data.js';


async function sweepCommand(inv: Invocation): Promise<number> {
	if (inv.input.length > 0) throw new UsageError(`sweep: unexpected argument "${inv.input[0]}"`);
	const {raw} = await mergeScenarioFlags(inv.flags, inv.argv);
	const display = resolveOptions(raw).display;
	const style = outputStyle(display, process.env, process.stdout.columns);
	let bar: Progress | null = null;
	let csv: Output | null = null;
	let sweep: Sweep;
	try {
		sweep = await runSweep(
			raw,
			(done, total) => {
				bar ??= progressBar(total, style.ascii);
				bar.update(done);
			},
			async (o) => {
				if (o.csv === null) return;
				csv = await openOutput(o.csv, '--csv');
				if (csv.toStdout && o.json) throw new UsageError('--csv: with --json, stdout already carries the JSON; give --csv a file');
			},
		);
	} finally {
		(bar as Progress | null)?.finish();
	}
	const out = csv as Output | null;
	if (out) {
		await out.write(csvLines(sweep));
		if (!out.toStdout && process.stderr.isTTY) process.stderr.write(`livemig: wrote ${sweep.runs.length * sweep.algorithms.length} rows to ${out.name}\n`);
	}
	// With --csv -, stdout is the CSV: nothing may follow it there.
	if (out?.toStdout) return 0;
	if (sweep.options.json) await writeStdout(sweepJsonChunks(sweep));
	else process.stdout.write(renderSweep(sweep, style));
	return 0;
}

registerHandler('sweep', sweepCommand);
