// QEMU's pre-copy as QEMU runs it (issue 10): the stream's cap, the convergence loop, the
// counters. Each rule names its source in the code it tests (core/stop-policy.ts, migration.ts).
import {describe, expect, it} from 'vitest';
import {
	createMigration,
	defaultScenario,
	MiB,
	PAGE_HEADER_BYTES,
	QEMU_MAX_BANDWIDTH_BITS,
	resolveWorkload,
	type Scenario,
} from '../../source/core/index.js';

function qemu(change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.bandwidthBitsPerSec = 10e9; // a fast link (loopback-like) under the 128 MiB/s cap
	s.precopy.policy = 'qemu';
	s.precopy.maxBandwidthBitsPerSec = QEMU_MAX_BANDWIDTH_BITS;
	s.workload = resolveWorkload('hotspot', s, {writeRate: 3000, wssBytes: 16 * MiB});
	change(s);
	return s;
}

const bytesPerMs = (bits: number) => bits / 8 / 1000;

describe('max-bandwidth: the stream cap, apart from the link', () => {
	it('live rounds send at min(link, cap); the stop-and-copy at the link', () => {
		const s = qemu();
		const r = createMigration(s, 'precopy').run();
		const cap = bytesPerMs(QEMU_MAX_BANDWIDTH_BITS);
		const live = r.rounds.filter((x) => x.kind === 'live');
		expect(live.length).toBeGreaterThan(0);
		for (const round of live) expect(round.rateBitsPerSec).toBeCloseTo(QEMU_MAX_BANDWIDTH_BITS, 0);
		// Round 0 carries most of memory: its time is its bytes at the cap, not at the link.
		const first = live[0];
		expect(first.durationMs).toBeGreaterThan((0.9 * first.bytesSent) / cap);
		const stop = r.rounds.find((x) => x.kind === 'stop-and-copy')!;
		expect(stop.rateBitsPerSec).toBe(s.bandwidthBitsPerSec);
		expect(r.outcome).toBe('completed');
		expect(r.verified).toBe(true);
	});

	it('lifting the cap at the switch makes the pause the final dirty set at link speed', () => {
		// The same run with the cap kept for the stop-and-copy would pause link/cap = ~75x longer
		// for the pages: downtime must be near the final pages' time at the link.
		const s = qemu();
		const r = createMigration(s, 'precopy').run();
		const stop = r.rounds.find((x) => x.kind === 'stop-and-copy')!;
		const link = bytesPerMs(s.bandwidthBitsPerSec);
		const pagesAtCap = stop.bytesSent / bytesPerMs(QEMU_MAX_BANDWIDTH_BITS);
		expect(stop.pagesSent).toBeGreaterThan(0);
		expect(r.downtimeMs).toBeLessThan(pagesAtCap);
		expect(r.downtimeMs).toBeGreaterThanOrEqual(stop.bytesSent / link);
	});

	it('a link slower than the cap is what limits the live rounds', () => {
		const s = qemu((x) => (x.bandwidthBitsPerSec = 100e6));
		const r = createMigration(s, 'precopy').run();
		for (const round of r.rounds) expect(round.rateBitsPerSec).toBe(100e6);
	});

	it('max-postcopy-bandwidth caps the push after the switch; unlimited by default', () => {
		const capped = qemu((x) => (x.postcopy.maxBandwidthBitsPerSec = 400e6));
		const push = createMigration(capped, 'postcopy').run().rounds.find((x) => x.kind === 'push')!;
		expect(push.rateBitsPerSec).toBe(400e6);
		const free = createMigration(qemu(), 'postcopy').run().rounds.find((x) => x.kind === 'push')!;
		expect(free.rateBitsPerSec).toBe(10e9);
		// Hybrid's live round runs under max-bandwidth, its push under max-postcopy-bandwidth.
		const hybrid = createMigration(capped, 'hybrid').run().rounds;
		expect(hybrid[0].rateBitsPerSec).toBeCloseTo(QEMU_MAX_BANDWIDTH_BITS, 0);
		expect(hybrid.find((x) => x.kind === 'push')!.rateBitsPerSec).toBe(400e6);
	});

	it('counts bytes as QEMU does: an 8-byte header before each page, a zero page 9 bytes', () => {
		const s = qemu((x) => (x.zeroFraction = 0.2));
		const r = createMigration(s, 'precopy').run();
		const pages = r.rounds.reduce((n, x) => n + x.pagesSent, 0);
		const zero = r.rounds.reduce((n, x) => n + x.zeroPages, 0);
		const pageBytes = r.rounds.reduce((n, x) => n + x.bytesSent, 0);
		expect(zero).toBeGreaterThan(0);
		expect(pageBytes).toBe((pages - zero) * (s.pageSizeBytes + PAGE_HEADER_BYTES) + zero * (PAGE_HEADER_BYTES + 1));
	});
});
