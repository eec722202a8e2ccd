// Post-copy's channel as QEMU runs it (issue 12): what a fault waits behind, when a pushed page
// is of use, where the push goes after a request. Rules in core/accesses.ts and core/sender.ts.
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, PAGE_HEADER_BYTES, resolveWorkload, type Scenario} from '../../source/core/index.js';

function post(change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 1024 * MiB;
	s.bandwidthBitsPerSec = 1e9;
	s.rttMs = 1;
	s.channelBufferBytes = 4 * MiB;
	s.postcopy.pushOrder = 'linear';
	// QEMU's channel: one TCP socket (the xen policies' post-copy is Hines's RMAP, below).
	s.precopy.policy = 'qemu';
	// Sparse reads all over memory: each fault stands alone, far from the push.
	s.workload = resolveWorkload('uniform', s, {writeRate: 0, readRate: 20});
	change(s);
	return s;
}

const rate = 1e9 / 8 / 1000; // bytes per ms
const pageCost = 4096 + PAGE_HEADER_BYTES;

describe('a post-copy fault on a link-limited stream', () => {
	it('waits behind the bytes the channel holds: a round trip, the buffer and the page', () => {
		const r = createMigration(post(), 'postcopy').run();
		expect(r.networkFaults).toBeGreaterThan(50);
		const each = r.stallMs / r.networkFaults;
		expect(each).toBeGreaterThan(1 + (4 * MiB) / rate);
		expect(each).toBeLessThan(1 + (4 * MiB + 2 * pageCost) / rate + 0.1);
	});

	it('with postcopy-preempt it overtakes them: a round trip and the page', () => {
		const r = createMigration(post((s) => (s.postcopy.preempt = true)), 'postcopy').run();
		const each = r.stallMs / r.networkFaults;
		expect(each).toBeCloseTo(1 + pageCost / rate, 2);
	});

	it('Hines\'s post-copy (xen policies) purges the push queue: a round trip and about a page', () => {
		// MemX's RMAP, not TCP (VEE'09 §3.2, §4.1): no buffer builds ahead of a faulted page.
		// Before the fix the xen policy's fault waited behind its 128 KiB TCP buffer too.
		const r = createMigration(post((s) => ((s.precopy.policy = 'xen'), (s.channelBufferBytes = 128 * 1024))), 'postcopy').run();
		expect(r.networkFaults).toBeGreaterThan(50);
		const each = r.stallMs / r.networkFaults;
		expect(each).toBeGreaterThan(1 + pageCost / rate);
		expect(each).toBeLessThan(1 + (2 * pageCost) / rate + 0.01);
	});

	it('a stream held below the link by a cap leaves the buffer empty', () => {
		const r = createMigration(post((s) => (s.postcopy.maxBandwidthBitsPerSec = 5e8)), 'postcopy').run();
		const each = r.stallMs / r.networkFaults;
		expect(each).toBeLessThan(1 + (2 * pageCost) / rate + 0.1);
	});
});

describe('pages at the target', () => {
	it('count when their own last byte lands, not when they are written', () => {
		const s = post((x) => (x.workload = resolveWorkload('idle', x)));
		const m = createMigration(s, 'postcopy');
		m.step(100);
		const snap = m.snapshot();
		// By now the link has carried (50 - downtime - one way) ms of pages; the writer is 4 MiB ahead.
		const carried = ((snap.nowMs - snap.downtimeMs - 0.5) * rate) / pageCost;
		expect(snap.postcopy!.pushed).toBeGreaterThan(carried + (3.9 * MiB) / pageCost); // written
		const present = m.snapshot(1).heatmap!.present[0];
		expect(Math.abs(present - carried)).toBeLessThan(2);
	});

	it('a touch of a page on its way waits for it without fetching it again; QEMU counts the request', () => {
		// Reads just behind the push's front: the pages there are written, not landed.
		const s = post((x) => {
			x.workload = resolveWorkload('sequential', x, {writeRate: 0, readRate: 2000, wssBytes: 1024 * MiB});
			x.postcopy.pushOrder = 'linear';
		});
		const r = createMigration(s, 'postcopy').run();
		expect(r.inFlightWaits).toBeGreaterThan(0);
		expect(r.pagesOnDemand).toBe(r.networkFaults);
		expect(r.pagesTransferred).toBe(s.memoryBytes / s.pageSizeBytes);
		expect(r.verified).toBe(true);
	});
});

describe('the push after a request', () => {
	it('qemu: goes on forward from the requested page (bubble: around it; linear: not at all)', () => {
		const pages = (1024 * MiB) / 4096;
		const asked = Math.floor(pages * 0.75);
		const at = (order: 'qemu' | 'bubble' | 'linear') => {
			const s = post((x) => {
				x.postcopy.pushOrder = order;
				x.workload = {...x.workload, kind: 'trace', pattern: 'trace', writeRate: 0, readRate: 1};
				// One read, early in post-copy, three quarters into memory.
				x.trace = {writeTimes: new Float64Array(0), writePages: new Uint32Array(0), readTimes: new Float64Array([100]), readPages: new Uint32Array([asked]), loop: false, durationMs: 1000};
			});
			const m = createMigration(s, 'postcopy');
			m.step(400);
			const cells = m.snapshot(16).heatmap!.present;
			return {from: cells[12]!, before: cells[11]!};
		};
		// The requested page starts cell 12 (3/4 of 16 cells); cell 11 lies just before it.
		const qemu = at('qemu');
		const bubble = at('bubble');
		const linear = at('linear');
		expect(linear.from).toBe(1); // the page asked for, nothing after it
		expect(qemu.from).toBeGreaterThan(1000);
		expect(qemu.before).toBe(0);
		expect(bubble.from).toBeGreaterThan(1000);
		expect(bubble.before).toBeGreaterThan(1000);
	});
});

describe('zero pages asked for', () => {
	it('cost a header and a byte, as QEMU answers them', () => {
		const s = post((x) => {
			x.zeroFraction = 0.9;
			x.workload.readRate = 2000;
		});
		const r = createMigration(s, 'postcopy').run();
		expect(r.networkFaults).toBeGreaterThan(20);
		// Nine in ten faults land on zero pages: far fewer bytes than a page each.
		expect(r.faultBytes).toBeLessThan(r.networkFaults * pageCost * 0.3);
	});
});
