// The migration stream runs between two private network namespaces joined by a veth pair: the
// source QEMU in one, the destination in the other, so nothing else on the host shares or sees
// the link, its byte counters count only the migration, and a tbf qdisc on the source's end
// shapes the stream (source -> destination) to a chosen rate. The other direction (post-copy's
// page requests, TCP's ACKs) is not shaped, as on a real full-duplex link: shaping a shared
// loopback instead would queue every request behind the page data in the same qdisc.
import {execFileSync} from 'node:child_process';
import {onCleanup} from './cleanup.js';

export interface Link {
	/** argv prefixes that run a command inside the source's / the destination's namespace. */
	sourceExec: string[];
	destExec: string[];
	/** The address the destination QEMU listens on (inside its namespace). */
	destAddress: string;
	/** Bytes sent on the link so far, both directions (TCP payload and headers, ACKs included). */
	txBytes(): number;
	/**
	 * Bytes queued in the migration connection now: the source socket's Send-Q (written by
	 * QEMU, not yet acknowledged: in its buffer, in the qdisc or on the wire) and the destination
	 * socket's Recv-Q (arrived, not yet read by QEMU). A message the source writes now (a page a
	 * post-copy fault asked for, the device state at the switch) arrives behind all of it.
	 */
	queued(port: number): {send: number; recv: number};
	remove(): void;
}

/** tbf for a rate in bytes/s: burst >= one 64 KiB packet, queue ~50 ms deep. */
export function tbfArgs(rateBytesPerSec: number): string[] {
	const burst = Math.max(256 * 1024, Math.ceil(rateBytesPerSec / 250));
	return ['rate', `${Math.round(rateBytesPerSec * 8)}bit`, 'burst', `${burst}b`, 'latency', '50ms'];
}

const SOURCE_IP = '10.77.0.1';
const DEST_IP = '10.77.0.2';
/** As large as veth takes: packets as big as loopback's, so per-packet overhead stays alike. */
const MTU = '65520';

/** The commands that build the pair; pure, so a test can read them. */
export function linkCommands(name: string, shapeBytesPerSec?: number): string[][] {
	const [s, d] = [`${name}-s`, `${name}-d`];
	const cmds = [
		['netns', 'add', s],
		['netns', 'add', d],
		['link', 'add', 'mig0', 'netns', s, 'type', 'veth', 'peer', 'name', 'mig0', 'netns', d],
		['-n', s, 'addr', 'add', `${SOURCE_IP}/30`, 'dev', 'mig0'],
		['-n', d, 'addr', 'add', `${DEST_IP}/30`, 'dev', 'mig0'],
		['-n', s, 'link', 'set', 'mig0', 'mtu', MTU, 'up'],
		['-n', d, 'link', 'set', 'mig0', 'mtu', MTU, 'up'],
		['-n', s, 'link', 'set', 'lo', 'up'],
		['-n', d, 'link', 'set', 'lo', 'up'],
	];
	if (shapeBytesPerSec !== undefined) cmds.push(['netns', 'exec', s, 'tc', 'qdisc', 'add', 'dev', 'mig0', 'root', 'tbf', ...tbfArgs(shapeBytesPerSec)]);
	return cmds;
}

export function createLink(name: string, shapeBytesPerSec?: number): Link {
	const ip = (...args: string[]) => execFileSync('ip', args, {stdio: ['ignore', 'pipe', 'pipe']}).toString();
	const [s, d] = [`${name}-s`, `${name}-d`];
	const del = () => {
		for (const ns of [s, d]) {
			try {
				ip('netns', 'del', ns);
			} catch {
				// not there: the usual case
			}
		}
	};
	del();
	const remove = onCleanup(`netns ${s} ${d}`, del);
	try {
		for (const cmd of linkCommands(name, shapeBytesPerSec)) ip(...cmd);
	} catch (error) {
		remove();
		throw error;
	}
	const ss = (ns: string) => execFileSync('ip', ['netns', 'exec', ns, 'ss', '-tnH', 'state', 'established'], {stdio: ['ignore', 'pipe', 'pipe']}).toString();
	const tx = (ns: string) => Number(ip('netns', 'exec', ns, 'cat', '/sys/class/net/mig0/statistics/tx_bytes').trim());
	return {
		sourceExec: ['ip', 'netns', 'exec', s],
		destExec: ['ip', 'netns', 'exec', d],
		destAddress: DEST_IP,
		txBytes: () => tx(s) + tx(d),
		queued: (port) => ({send: socketQueues(ss(s), port, 'peer').send, recv: socketQueues(ss(d), port, 'local').recv}),
		remove,
	};
}

/**
 * Recv-Q and Send-Q of the connection to (`peer`) or on (`local`) the port, from
 * `ss -tnH state established` lines: "Recv-Q Send-Q Local:Port Peer:Port". 0 when absent.
 */
export function socketQueues(text: string, port: number, side: 'local' | 'peer'): {recv: number; send: number} {
	for (const line of text.split('\n')) {
		const f = line.trim().split(/\s+/);
		if (f.length < 4) continue;
		const addr = side === 'local' ? f[2]! : f[3]!;
		if (addr.endsWith(`:${port}`)) return {recv: Number(f[0]) || 0, send: Number(f[1]) || 0};
	}
	return {recv: 0, send: 0};
}
