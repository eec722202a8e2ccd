// `livemig sweep --param NAME --from A --to B --steps K [...]`: runs every chosen algorithm
// at each point and seed, then charts, tables, crossovers, CSV or JSON.

import {registerFlags} from '../cli/flags.js';
import {registerCommand} from '../cli/help.js';
import {type Invocation, registerHandler} from '../cli/main.js';
import {resolveOptions, UsageError} from '../cli/resolve.js';
import {mergeScenarioFlags} from '../cli/run-options.js';
import {csvLines, sweepJson} from './csv.js';
import {type Progress, progressBar} from './progress.js';
import {outputStyle, renderSweep} from './render.js';
import {runSweep} from './sweep.js';
import type {Sweep} from './sweep-data.js';
import {writeAtomic} from './write-atomic.js';

registerFlags([
	{name: 'param', type: 'string', value: 'NAME', help: 'sweep: what to vary (dirty-rate, bandwidth, memory, wss, rtt, ...)', group: 'run'},
	{name: 'from', type: 'string', value: 'VALUE', help: 'sweep: first value, in the parameter\'s units', group: 'run'},
	{name: 'to', type: 'string', value: 'VALUE', help: 'sweep: last value', group: 'run'},
	{name: 'steps', type: 'string', default: '10', value: 'K', help: 'sweep: number of points', group: 'run'},
	{name: 'log', type: 'boolean', help: 'sweep: space the points geometrically', group: 'run'},
	{name: 'repeat', type: 'string', default: '1', value: 'R', help: 'sweep: seeds per point, from --seed up', group: 'run'},
	{name: 'metrics', type: 'string', default: 'downtime,total-time', value: 'LIST', help: 'sweep: downtime, total-time, pages, faults, degradation', group: 'output'},
	{name: 'csv', type: 'string', value: 'FILE', help: 'sweep: write every run to a CSV file', group: 'output'},
	{name: 'workers', type: 'string', value: 'N', help: 'sweep: worker threads (default: one per core for large sweeps)', group: 'run'},
]);
registerCommand('sweep --param NAME', 'vary one parameter (--from A --to B --steps K): charts, table, crossovers, CSV');

async function sweepCommand(inv: Invocation): Promise<number> {
	if (inv.input.length > 0) throw new UsageError(`sweep: unexpected argument "${inv.input[0]}"`);
	const {raw} = mergeScenarioFlags(inv.flags, inv.argv);
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
