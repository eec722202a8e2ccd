#!/usr/bin/env node
import {main} from './cli/main.js';

// For `npm run bench`: the process's own peak memory and CPU, reported on the way out.
if (process.env.LIVEMIG_RUSAGE) {
	process.on('exit', () => {
		const u = process.resourceUsage();
		process.stderr.write(`LIVEMIG_RUSAGE ${JSON.stringify({maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime})}\n`);
	});
}

void main(process.argv.slice(2));
