// The flags of QEMU's model (issue 10): defaults as QEMU's, refusals that name the flag.
import {describe, expect, it} from 'vitest';
import {QEMU_MAX_BANDWIDTH_BITS} from '../../source/core/index.js';
import {resolveOptions, type RawOptions} from '../../source/config/resolve.js';
import {refusal} from '../cli/helpers.js';


describe('--max-bandwidth and --max-postcopy-bandwidth', () => {
	it('default to QEMU\'s: 128 MiB/s for the qemu policy, none for xen; post-copy unlimited', () => {
		expect(resolveOptions({policy: 'qemu'}).scenario.precopy.maxBandwidthBitsPerSec).toBe(QEMU_MAX_BANDWIDTH_BITS);
		expect(resolveOptions({}).scenario.precopy.maxBandwidthBitsPerSec).toBeNull();
		expect(resolveOptions({policy: 'qemu'}).scenario.postcopy.maxBandwidthBitsPerSec).toBeNull();
	});

	it('take a rate in bytes (as QEMU sets it) or bits, or unlimited', () => {
		expect(resolveOptions({policy: 'qemu', maxBandwidth: '32MiB/s'}).scenario.precopy.maxBandwidthBitsPerSec).toBe(32 * 2 ** 20 * 8);
		expect(resolveOptions({policy: 'qemu', maxBandwidth: '500Mbit/s'}).scenario.precopy.maxBandwidthBitsPerSec).toBe(500e6);
		expect(resolveOptions({policy: 'qemu', maxBandwidth: 'unlimited'}).scenario.precopy.maxBandwidthBitsPerSec).toBeNull();
		expect(resolveOptions({maxPostcopyBandwidth: '1Gbit/s'}).scenario.postcopy.maxBandwidthBitsPerSec).toBe(1e9);
	});

	it('refuse a cap for Xen, or a bad rate, naming the flag', () => {
		expect(refusal({maxBandwidth: '32MiB/s'})).toMatch(/^--max-bandwidth: applies to --policy qemu only/);
		expect(refusal({policy: 'qemu', maxBandwidth: 'fast'})).toMatch(/^--max-bandwidth: must be a rate/);
		expect(refusal({maxPostcopyBandwidth: '-1Gbit/s'})).toMatch(/^--max-postcopy-bandwidth:/);
	});
});

describe('--cancel-after and the round cap', () => {
	it('QEMU has no round limit: --max-rounds is refused for qemu (and xen-today), naming --cancel-after', () => {
		expect(refusal({policy: 'qemu', maxRounds: '40'})).toMatch(/^--max-rounds: applies to --policy xen only \(QEMU has no round limit: use --cancel-after\)/);
		expect(refusal({policy: 'xen-today', maxRounds: '40'})).toMatch(/^--max-rounds: applies to --policy xen only/);
		expect(resolveOptions({maxRounds: '40'}).scenario.precopy.maxRounds).toBe(40);
	});

	it('defaults to 800 s per GiB for qemu (Nova\'s and KubeVirt\'s completion timeout), never for xen', () => {
		expect(resolveOptions({policy: 'qemu', memory: '2GiB'}).scenario.precopy.cancelAfterMs).toBe(1_600_000);
		expect(resolveOptions({}).scenario.precopy.cancelAfterMs).toBeNull();
		expect(resolveOptions({cancelAfter: '90s'}).scenario.precopy.cancelAfterMs).toBe(90_000);
		expect(resolveOptions({policy: 'qemu', cancelAfter: 'never', workload: 'idle'}).scenario.precopy.cancelAfterMs).toBeNull();
		expect(refusal({cancelAfter: 'soon'})).toMatch(/^--cancel-after: must be a time/);
	});

	it('names --cancel-after when a guest that may never converge would cost the model too much', () => {
		expect(refusal({policy: 'qemu', workload: 'mmuncher', memory: '16GiB'})).toMatch(/^--cancel-after: at most .* in this scenario/);
	});
});

describe('--policy xen-today', () => {
	it('is a policy of its own; Xen\'s rate limiting (removed from Xen in 2011) is refused with it', () => {
		expect(resolveOptions({policy: 'xen-today'}).scenario.precopy.policy).toBe('xen-today');
		expect(refusal({policy: 'xen-today', rateLimit: true})).toMatch(/^--rate-limit: applies to --policy xen only/);
		expect(refusal({policy: 'vmware'})).toMatch(/^--policy: must be xen, xen-today, qemu/);
	});

	it('switch-over cost defaults by loop, and is refused past a minute', () => {
		expect(resolveOptions({}).scenario.switchoverCostMs).toBe(60);
		expect(resolveOptions({policy: 'qemu'}).scenario.switchoverCostMs).toBe(5);
		expect(resolveOptions({switchoverCost: '0ms'}).scenario.switchoverCostMs).toBe(0);
		expect(refusal({switchoverCost: '2min'})).toMatch(/^--switchover-cost: at most/);
	});
});
