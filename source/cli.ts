#!/usr/bin/env node
import {guardStdio} from './basics/stdio.js';
import {main} from './cli/main.js';

// Before anything writes: a closed pipe or a full disk on stdout is handled in one place.
guardStdio();

// For `npm run bench`: the process's own peak memory and CPU, reported on the way out.
if (process.env.LIVEMIG_RUSAGE) {
	process.on('exit', () => {
		const u = process.resourceUsage();
		process.stderr.write(`LIVEMIG_RUSAGE ${JSON.stringify({maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime})}\n`);
	});
}

void main(process.argv.slice(2));
