// `livemig sweep --param NAME --from A --to B --steps K [...]`: runs every chosen algorithm
// at each point and seed, then charts, tables, crossovers, CSV or JSON.
import {UsageError} from '../basics/errors.js';
import type {Output} from '../basics/output.js';
import {type Command, refuseArguments} from '../config/command.js';
import {algorithmsFlag, type FlagSpec, flagsNamed, jsonFlag, scenarioFileFlag, scenarioFlags} from '../config/flags.js';
import type {Progress} from '../sweep/progress.js';
import type {Sweep} from '../sweep/sweep-data.js';

const own: FlagSpec[] = [
	{name: 'param', type: 'string', value: 'NAME', help: 'sweep: what to vary (dirty-rate, bandwidth, memory, wss, rtt, ...)', group: 'run'},
	{name: 'from', type: 'string', value: 'VALUE', help: 'sweep: first value, in the parameter\'s units', group: 'run'},
	{name: 'to', type: 'string', value: 'VALUE', help: 'sweep: last value', group: 'run'},
	{name: 'steps', type: 'string', default: '10', value: 'K', help: 'sweep: number of points', group: 'run'},
	{name: 'log', type: 'boolean', help: 'sweep: space the points geometrically', group: 'run'},
	{name: 'repeat', type: 'string', default: '1', value: 'R', help: 'sweep: seeds per point, from --seed up', group: 'run'},
	{name: 'metrics', type: 'string', default: 'downtime,total-time', value: 'LIST', help: 'sweep: downtime, total-time, pages, faults, degradation', group: 'output'},
	{name: 'csv', type: 'string', value: 'FILE', help: 'sweep: write every run to a CSV file', group: 'output'},
	{name: 'workers', type: 'string', value: 'N', help: 'sweep: worker threads (default: one per core for large sweeps)', group: 'run'},
];

export const sweep: Command = {
	name: 'sweep',
	usage: 'sweep --param NAME',
	summary: 'vary one parameter (--from A --to B --steps K): charts, table, crossovers, CSV',
	// Not --speed or --fps: a sweep has no console.
	flags: [...scenarioFlags, algorithmsFlag, scenarioFileFlag, ...own, ...flagsNamed('color', 'ascii'), jsonFlag],
	async run(inv) {
		refuseArguments(inv);
		const [{mergeScenarioFlags}, {resolveOptions}, {openOutput, writeStdout}, {csvLines, sweepJsonChunks}, {progressBar}, {outputStyle, renderSweep}, {runSweep}] =
			await Promise.all([
				import('../config/run-options.js'),
				import('../config/resolve.js'),
				import('../basics/output.js'),
				import('../sweep/csv.js'),
				import('../sweep/progress.js'),
				import('../sweep/render.js'),
				import('../sweep/sweep.js'),
			]);
		const {raw} = await mergeScenarioFlags(inv.flags, inv.given);
		const display = resolveOptions(raw).display;
		const style = outputStyle(display, process.env, process.stdout.columns);
		let bar: Progress | null = null;
		let csv: Output | null = null;
		let swept: Sweep;
		try {
			swept = await runSweep(
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
			await out.write(csvLines(swept));
			if (!out.toStdout && process.stderr.isTTY) process.stderr.write(`livemig: wrote ${swept.runs.length * swept.algorithms.length} rows to ${out.name}\n`);
		}
		// With --csv -, stdout is the CSV: nothing may follow it there.
		if (out?.toStdout) return 0;
		if (swept.options.json) await writeStdout(sweepJsonChunks(swept));
		else process.stdout.write(renderSweep(swept, style));
		return 0;
	},
};
