// Bad input with several problems found at once (a scenario file's): the message says how
// many and where, and each problem is printed on its own line after it.

import {UsageError} from './errors.js';

export class UsageProblems extends UsageError {
	constructor(
		where: string,
		readonly problems: readonly string[],
	) {
		super(`${problems.length} problems in ${where}:`);
	}
}
