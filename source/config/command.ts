// A command as plain data: its help line, the flags it reads and what it does. The command
// table (cli/command-table.ts) is the one module that imports the commands (commands/*.ts);
// it builds the flag table and --help from these objects, so nothing registers itself.
import {UsageError} from '../basics/errors.js';
import type {FlagSpec} from './flags.js';
import type {RawOptions} from './resolve.js';

/** A parsed command line, as a command gets it. */
export interface Invocation {
	command: string;
	/** The arguments after the command's name. */
	input: string[];
	/** Flag values as meow read them, by camelCase key. */
	flags: RawOptions;
	/** The flags the user typed (camelCase keys): a scenario file's values stand for the others. */
	given: ReadonlySet<string>;
}

export interface Command {
	name: string;
	/** The left of its --help line: "run <precopy|postcopy|hybrid>". */
	usage: string;
	summary: string;
	/** Every flag it reads, the shared ones (config/flags.ts) and its own; --help and --version go with any. */
	flags: readonly FlagSpec[];
	/**
	 * The exit code (none: 0). What it needs beyond its flags (Ink, zod, worker threads, the
	 * engine) it loads here with import(), so start-up and the console's first frame stay quick.
	 */
	run(inv: Invocation): Promise<number | void>;
}

/** Refuses arguments past the first `allowed` ("sweep: unexpected argument ..."). */
export function refuseArguments(inv: Invocation, allowed = 0): void {
	if (inv.input.length > allowed) throw new UsageError(`${inv.command}: unexpected argument "${inv.input[allowed]}"`);
}
