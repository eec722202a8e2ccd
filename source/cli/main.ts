import meow from 'meow';
import {algorithms, type Algorithm} from '../core/index.js';
import {buildReport} from '../report/report.js';
import {summaryTable} from '../report/summary.js';
import {runRace} from '../run/headless.js';
import {attachTrace} from '../config/trace-attach.js';
import {exitWithError} from './errors.js';
import {badBooleanValue, findUnknownFlag, joinFlagValues, meowFlags} from '../config/flags.js';
import {helpText} from './help.js';
import {type RawOptions} from '../config/resolve.js';
import {UsageError} from '../basics/errors.js';
import {type RunOptions, resolveWithScenario} from '../config/run-options.js';

export interface Invocation {
	command: string;
	input: string[];
	flags: RawOptions;
	argv: string[];
	/** --help or --version: the text to print instead of running anything. */
	print?: string;
}

/** Parses argv with meow; unknown flags are refused here with a one-line error. */
export function parseArgs(rawArgv: string[]): Invocation {
	const argv = joinFlagValues(rawArgv);
	const unknown = findUnknownFlag(argv);
	if (unknown) throw new UsageError(`unknown flag ${unknown} (see livemig --help)`);
	const badBoolean = badBooleanValue(argv);
	if (badBoolean) throw new UsageError(badBoolean);
	let cli: ReturnType<typeof meow>;
	try {
		cli = meowParse(argv);
	} catch (error) {
		// meow throws for a flag given twice ("The flag --memory can only be set once.").
		throw new UsageError((error as Error).message.replace(/^The flag /, '').replace(/\.$/, ''));
	}
	const [command = 'race', ...input] = cli.input;
	// meow answers --help and --version only when alone; with a command or other flags
	// they were ignored (race --help ran the race). Help wins, then the version.
	const print = cli.flags.help ? `${cli.help}\n` : cli.flags.version ? `${cli.pkg.version}\n` : undefined;
	return {command, input, flags: cli.flags as RawOptions, argv, print};
}

function meowParse(argv: string[]) {
	return meow(helpText(), {
		importMeta: import.meta,
		argv,
		flags: meowFlags() as never,
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
		description: 'Watch live VM migration happen: pre-copy vs post-copy, page by page.',
	});
}

export async function resolveRun(inv: Invocation): Promise<RunOptions> {
	const resolved = await resolveWithScenario(inv.flags, inv.argv);
	if (inv.command === 'run') {
		const name = inv.input[0];
		if (!name) throw new UsageError('run: needs an algorithm: precopy, postcopy or hybrid');
		if (!(algorithms as readonly string[]).includes(name))
			throw new UsageError(`run: unknown algorithm "${name}" (known: ${algorithms.join(', ')})`);
		if (inv.input.length > 1) throw new UsageError(`run: unexpected argument "${inv.input[1]}"`);
		resolved.algorithms = [name as Algorithm];
	} else if (inv.input.length > 0) {
		throw new UsageError(`${inv.command}: unexpected argument "${inv.input[0]}"`);
	}
	return resolved;
}

/** A command: gets the parsed invocation, returns the exit code. */
export type CommandHandler = (inv: Invocation) => Promise<number>;

const handlers = new Map<string, CommandHandler>();

/** Commands other than race and run (sweep, trace, scenarios, ...) register here. */
export function registerHandler(name: string, handler: CommandHandler): void {
	handlers.set(name, handler);
}

async function raceOrRun(inv: Invocation): Promise<number> {
	const run = await resolveRun(inv);
	await attachTrace(run);
	const interactive = !inv.flags.json && process.stdout.isTTY && process.stdin.isTTY;
	if (interactive) {
		const {startConsole} = await import('../ui/start-console.js');
		return startConsole(run);
	}
	const results = await runRace(run.scenario, run.algorithms);
	if (inv.flags.json) process.stdout.write(`${JSON.stringify(buildReport(run.scenario, results), null, 2)}\n`);
	else process.stdout.write(summaryTable(run.scenario, results));
	return 0;
}

registerHandler('race', raceOrRun);
registerHandler('run', raceOrRun);

export async function main(argv: string[]): Promise<void> {
	try {
		const {commandModules, strayFlag} = await import('./command-table.js');
		const inv = parseArgs(argv);
		if (inv.print !== undefined) {
			process.stdout.write(inv.print);
			return;
		}
		await commandModules[inv.command]?.();
		const handler = handlers.get(inv.command);
		if (!handler) throw new UsageError(`unknown command "${inv.command}" (see livemig --help)`);
		const stray = strayFlag(inv.command, inv.argv);
		if (stray) throw new UsageError(stray);
		process.exitCode = await handler(inv);
	} catch (error) {
		exitWithError(error);
	}
}
