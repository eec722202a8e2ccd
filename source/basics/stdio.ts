// What happens when stdout or stderr cannot be written, decided in one place for every
// command. Installed first thing, so its listener runs before any pipeline's.

import {reasonOf} from './errno.js';

/**
 * A closed pipe (`livemig ... | head -1`) ends the process quietly with exit code 0: the
 * reader chose to stop, which is not a failure of ours, and `set -o pipefail` scripts keep
 * working. Any other write error (a full disk, /dev/full) is one line on stderr, exit 1.
 */
export function guardStdio(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		process.stderr.write(`livemig: cannot write to stdout: ${reasonOf(error)}\n`);
		process.exit(1);
	});
	// With stderr gone there is nowhere to say anything.
	process.stderr.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
}
