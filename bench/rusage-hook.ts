// Preloaded into the CLI by core.ts (node --import): the process's own peak memory and CPU,
// reported on the way out. A preload, so the product carries no hook for its benchmark.
process.on('exit', () => {
	const u = process.resourceUsage();
	process.stderr.write(`LIVEMIG_RUSAGE ${JSON.stringify({maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime})}\n`);
});
