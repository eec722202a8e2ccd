// The migration stream runs inside a private network namespace: its own loopback, so nothing
// else on the host shares or sees it, its byte counters count only the migration, and a tbf
// qdisc on that loopback shapes the stream to a chosen rate without touching any real address.
import {execFileSync} from 'node:child_process';
import {onCleanup} from './cleanup.js';

export interface Namespace {
	name: string;
	/** argv prefix that runs a command inside the namespace. */
	exec: string[];
	/** Bytes sent on the namespace's loopback so far (both directions of every connection). */
	txBytes(): number;
	remove(): void;
}

/** tbf for a rate in bytes/s: burst >= one 64 KiB loopback packet, queue ~50 ms deep. */
export function tbfArgs(rateBytesPerSec: number): string[] {
	const burst = Math.max(256 * 1024, Math.ceil(rateBytesPerSec / 250));
	return ['rate', `${Math.round(rateBytesPerSec * 8)}bit`, 'burst', `${burst}b`, 'latency', '50ms'];
}

export function createNamespace(name: string, shapeBytesPerSec?: number): Namespace {
	const run = (...args: string[]) => execFileSync('ip', args, {stdio: ['ignore', 'pipe', 'pipe']}).toString();
	try {
		run('netns', 'del', name);
	} catch {
		// not there: the usual case
	}
	run('netns', 'add', name);
	const remove = onCleanup(`netns ${name}`, () => run('netns', 'del', name));
	run('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
	if (shapeBytesPerSec !== undefined) {
		execFileSync('ip', ['netns', 'exec', name, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'tbf', ...tbfArgs(shapeBytesPerSec)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	}
	return {
		name,
		exec: ['ip', 'netns', 'exec', name],
		txBytes: () => Number(run('netns', 'exec', name, 'cat', '/sys/class/net/lo/statistics/tx_bytes').trim()),
		remove,
	};
}
