// argv -> command -> exit code: the command line checked against the flag table, the
// command found in the command table, and every error worded in one line (errors.ts).
import meow from 'meow';
import {UsageError} from '../basics/errors.js';
import type {Invocation} from '../config/command.js';
import type {RawOptions} from '../config/resolve.js';
import {badBooleanValue, findUnknownFlag, givenFlags, joinFlagValues, meowFlags, strayFlag} from './argv.js';
import {commands, flags} from './command-table.js';
import {exitWithError} from './errors.js';
import {helpText} from './help.js';

export interface ParsedArgs extends Invocation {
	/** --help or --version: the text to print instead of running anything. */
	print?: string;
}

/** Parses argv with meow; unknown flags are refused here with a one-line error. */
export function parseArgs(rawArgv: string[]): ParsedArgs {
	const argv = joinFlagValues(rawArgv, flags);
	const unknown = findUnknownFlag(argv, flags);
	if (unknown) throw new UsageError(`unknown flag ${unknown} (see livemig --help)`);
	const badBoolean = badBooleanValue(argv, flags);
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
	return {command, input, flags: cli.flags as RawOptions, given: givenFlags(argv, flags), print};
}

function meowParse(argv: string[]) {
	return meow(helpText(commands, flags), {
		importMeta: import.meta,
		argv,
		flags: meowFlags(flags) as never,
		allowUnknownFlags: true,
		autoHelp: false,
		autoVersion: false,
		description: 'Watch live VM migration happen: pre-copy vs post-copy, page by page.',
	});
}

/** Runs the command argv names and sets the exit code; a refusal or a failure is one line on stderr. */
export async function main(argv: string[]): Promise<void> {
	try {
		const inv = parseArgs(argv);
		if (inv.print !== undefined) {
			process.stdout.write(inv.print);
			return;
		}
		const command = commands.find((c) => c.name === inv.command);
		if (!command) throw new UsageError(`unknown command "${inv.command}" (see livemig --help)`);
		const stray = strayFlag(command, commands, inv.given);
		if (stray) throw new UsageError(stray);
		process.exitCode = (await command.run(inv)) ?? 0;
	} catch (error) {
		exitWithError(error);
	}
}
