// Every command's flags and help line, registered up front so the unknown-flag check and
// --help know them all; the commands' code (and what it imports: zod, Ink, workers) loads
// only when that command runs, which keeps start-up, and the console's first frame, quick.
import {flagSpecs, givenFlags, registerFlags} from '../config/flags.js';
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
	sweep: () => import('../commands/sweep.js'),
	trace: () => import('../commands/trace.js'),
	schema: () => import('../commands/scenarios.js'),
	scenarios: () => import('../commands/scenarios.js'),
	demo: () => import('../commands/record.js'),
	record: () => import('../commands/record.js'),
};

// What each command reads. A typed flag not on its command's list used to be ignored without
// a word (race --out x.cast, schema --memory 1PiB); now it is refused, naming the command.
// --help and --version go with any command.
const scenario = () => flagSpecs.filter((f) => ['vm', 'link', 'workload', 'precopy', 'postcopy'].includes(f.group)).map((f) => f.name);
const consoleFlags = ['speed', 'fps', 'color', 'ascii'];
const traceInputs = ['memory', 'page-size', 'free-memory', 'zero-memory', 'bandwidth', 'workload', 'dirty-rate', 'read-rate', 'wss', 'seed'];
export const commandFlags: Record<string, () => string[]> = {
	race: () => [...scenario(), 'algorithms', 'scenario', ...consoleFlags, 'json'],
	// run names its one algorithm itself.
	run: () => [...scenario(), 'scenario', ...consoleFlags, 'json'],
	sweep: () => [...scenario(), 'algorithms', 'scenario', 'param', 'from', 'to', 'steps', 'log', 'repeat', 'metrics', 'csv', 'workers', 'color', 'ascii', 'json'],
	// Only what shapes the accesses: the migration's own settings do not change a trace.
	trace: () => [...traceInputs, 'scenario', 'duration', 'out'],
	schema: () => ['json'],
	scenarios: () => ['json'],
	// The demo names its scenario file; flags override it.
	demo: () => [...scenario(), 'algorithms', ...consoleFlags],
	record: () => [...scenario(), 'algorithms', ...consoleFlags, 'out', 'cols', 'rows', 'timestamp'],
};

/** The first flag typed that `command` does not read, as a message; null if all apply. */
export function strayFlag(command: string, argv: string[]): string | null {
	const accepted = commandFlags[command];
	if (!accepted) return null;
	const ok = new Set([...accepted(), 'help', 'version']);
	for (const key of givenFlags(argv)) {
		const name = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
		if (ok.has(name)) continue;
		const users = Object.keys(commandFlags).filter((c) => commandFlags[c]().includes(name));
		return `--${name}: does not apply to ${command}${users.length ? ` (it is for ${users.join(', ')})` : ''}`;
	}
	return null;
}
