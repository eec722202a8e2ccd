import {UsageError, WriteError} from '../basics/errors.js';

/** One line on stderr and the right exit code: 2 for bad input, 1 for anything else. */
export function exitWithError(error: unknown): never {
	if (error instanceof UsageError) {
		process.stderr.write(`livemig: ${error.message}\n`);
		process.exit(2);
	}
	if (error instanceof WriteError) {
		process.stderr.write(`livemig: ${error.message}\n`);
		process.exit(1);
	}
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`livemig: internal error: ${message}\n`);
	if (process.env.LIVEMIG_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
	process.exit(1);
}
