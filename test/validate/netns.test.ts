import {describe, expect, it} from 'vitest';
import {linkCommands, socketQueues} from '../../validate/netns.js';

describe('the link between the two QEMUs', () => {
	it('joins two namespaces with a veth pair and shapes only the source -> destination direction', () => {
		const cmds = linkCommands('x', 32 * 1024 * 1024).map((c) => c.join(' '));
		expect(cmds).toContain('link add mig0 netns x-s type veth peer name mig0 netns x-d');
		const tc = cmds.filter((c) => c.includes(' tc '));
		// One qdisc, on the source's end: page requests and ACKs (destination -> source) pass unshaped.
		expect(tc).toEqual([expect.stringMatching(/^netns exec x-s tc qdisc add dev mig0 root tbf rate 268435456bit /)]);
	});
	it('an unshaped link has no qdisc at all', () => {
		expect(linkCommands('x').some((c) => c.includes('tc'))).toBe(false);
	});
});

describe('the bytes queued in the migration connection', () => {
	const src = '0      2487312 10.77.0.1:51234   10.77.0.2:4444\n0      0       127.0.0.1:22      127.0.0.1:5000\n';
	const dst = '131072 0       10.77.0.2:4444    10.77.0.1:51234\n';
	it('reads the source socket by its peer port and the destination socket by its own', () => {
		expect(socketQueues(src, 4444, 'peer')).toEqual({recv: 0, send: 2487312});
		expect(socketQueues(dst, 4444, 'local')).toEqual({recv: 131072, send: 0});
	});
	it('no connection (yet, or any more): nothing queued', () => {
		expect(socketQueues('', 4444, 'peer')).toEqual({recv: 0, send: 0});
		expect(socketQueues(dst, 4444, 'peer')).toEqual({recv: 0, send: 0});
	});
});
