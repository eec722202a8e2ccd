// `livemig sweep --param NAME --from A --to B --steps K [...]`: runs every chosen algorithm
// at each point and seed, then charts, tables, crossovers, CSV or JSON.

import {type Invocation, registerHandler} from '../cli/main.js';
import {resolveOptions} from '../cli/resolve.js';
import {UsageError} from '../basics/errors.js';
import {mergeScenarioFlags} from '../cli/run-options.js';
import {csvLines, sweepJson} from './csv.js';
import {type Progress, progressBar} from './progress.js';
import {outputStyle, renderSweep} from './render.js';
import {runSweep} from './sweep.js';
import type {Sweep} from './sweep-data.js';
import {writeAtomic} from './write-atomic.js';


async function sweepCommand(inv: Invocation): Promise<number> {
	if (inv.input.length > 0) throw new UsageError(`sweep: unexpected argument "${inv.input[0]}"`);
	const {raw} = await mergeScenarioFlags(inv.flags, inv.argv);
	const display = resolveOptions(raw).display;
	const style = outputStyle(display, process.env, process.stdout.columns);
	let bar: Progress | null = null;
	let sweep: Sweep;
	try {
		sweep = await runSweep(raw, (done, total) => {
			bar ??= progressBar(total, style.ascii);
			bar.update(done);
		});
	} finally {
		(bar as Progress | null)?.finish();
	}
	const csv = sweep.options.csv;
	if (csv) {
		await writeAtomic(csv, csvLines(sweep), '--csv');
		if (process.stderr.isTTY) process.stderr.write(`livemig: wrote ${sweep.runs.length * sweep.algorithms.length} rows to ${csv}\n`);
	}
	process.stdout.write(sweep.options.json ? sweepJson(sweep) : renderSweep(sweep, style));
	return 0;
}

registerHandler('sweep', sweepCommand);
