import {UsageError, WriteError} from '../basics/errors.js';
import {internalErrorText} from '../basics/internal-error.js';
import {printable} from '../basics/printable.js';
import {UsageProblems} from '../basics/usage-problems.js';

/** One line on stderr and the right exit code: 2 for bad input, 1 for anything else. */
export function exitWithError(error: unknown): never {
	// Messages echo file contents and flag values: no escape sequence reaches the terminal.
	const say = (line: string) => process.stderr.write(`livemig: ${printable(line)}\n`);
	if (error instanceof UsageError) {
		say(error.message);
		if (error instanceof UsageProblems) for (const problem of error.problems) say(problem);
		process.exit(2);
	}
	if (error instanceof WriteError) {
		say(error.message);
		process.exit(1);
	}
	process.stderr.write(internalErrorText(error));
	process.exit(1);
}
