// Every command's flags and help line, registered up front so the unknown-flag check and
// --help know them all; the commands' code (and what it imports: zod, Ink, workers) loads
// only when that command runs, which keeps start-up, and the console's first frame, quick.
import {registerFlags} from './flags.js';
import {registerCommand} from './help.js';

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
registerFlags([
	{name: 'duration', type: 'string', default: '60s', value: 'TIME', help: 'trace: VM time to write', group: 'output'},
	{name: 'out', type: 'string', value: 'FILE', help: 'trace, record: the file to write (a trace ending in .gz is gzipped; - is stdout)', group: 'output'},
]);
registerCommand('trace --out FILE', 'write what a built-in workload does (--workload, --duration) as a trace file');
registerCommand('scenarios', 'list the shipped scenarios (a name works wherever a file does)');
registerCommand('schema', 'print the scenario format\'s JSON Schema');
registerFlags([
	{name: 'cols', type: 'string', value: 'N', help: 'record: terminal width (default: the demo\'s, else 100)', group: 'output'},
	{name: 'rows', type: 'string', value: 'N', help: 'record: terminal height (default: the demo\'s, else 30)', group: 'output'},
	{name: 'timestamp', type: 'string', value: 'UNIX', help: 'record: the header\'s time (fix it for byte-identical files)', group: 'output'},
]);
registerCommand('demo NAME|FILE', 'play a scripted demo live (keys still work; q ends it)');
registerCommand('record NAME|FILE --out F', 'render a demo to an asciicast v2 file, on a virtual clock');

/** Importing a command's module registers its handler. */
export const commandModules: Record<string, () => Promise<unknown>> = {
	sweep: () => import('../experiments/sweep-command.js'),
	trace: () => import('../trace/trace-command.js'),
	schema: () => import('../files/files-commands.js'),
	scenarios: () => import('../files/files-commands.js'),
	demo: () => import('../record/record-command.js'),
	record: () => import('../record/record-command.js'),
};
