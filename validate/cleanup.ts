// Every way out (normal end, error, Ctrl-C, kill) runs the registered cleanups: QEMU processes
// killed, the network namespace deleted, temp files removed. Cleanups are synchronous so they
// also run from a signal handler before the process exits.

type Cleanup = {name: string; run: () => void};
const cleanups: Cleanup[] = [];
let installed = false;

/** Registers a cleanup; the returned function runs it now (once) and unregisters it. */
export function onCleanup(name: string, run: () => void): () => void {
	install();
	const c: Cleanup = {name, run};
	cleanups.push(c);
	return () => {
		const i = cleanups.indexOf(c);
		if (i < 0) return;
		cleanups.splice(i, 1);
		safely(c);
	};
}

/** Runs all pending cleanups, newest first. */
export function cleanupAll(): void {
	while (cleanups.length > 0) safely(cleanups.pop()!);
}

function safely(c: Cleanup): void {
	try {
		c.run();
	} catch (e) {
		process.stderr.write(`validate: cleanup ${c.name}: ${(e as Error).message}\n`);
	}
}

function install(): void {
	if (installed) return;
	installed = true;
	process.on('exit', cleanupAll);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			process.stderr.write(`validate: ${sig}, cleaning up\n`);
			cleanupAll();
			process.exit(sig === 'SIGINT' ? 130 : 143);
		});
	}
}
