#!/usr/bin/env node
// The entry point: argv -> command -> exit code (cli/main.ts), once stdout's errors are
// handled and the Node is known to be new enough.
import {nodeVersionProblem} from './basics/node-version.js';
import {guardStdio} from './basics/stdio.js';

// Before anything writes: a closed pipe or a full disk on stdout is handled in one place.
guardStdio();

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
	process.stderr.write(`livemig: ${problem}\n`);
	process.exitCode = 1;
} else {
	// Loaded only once the Node is known to do: Ink and its dependencies need Node 22. A
	// module that fails to load is one line too, not Node's stack (main catches the rest).
	try {
		const {main} = await import('./cli/main.js');
		void main(process.argv.slice(2));
	} catch (error) {
		const {exitWithError} = await import('./cli/errors.js');
		exitWithError(error);
	}
}
