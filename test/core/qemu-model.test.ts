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
		// Hybrid's live round runs under max-bandwidth, its push under max-postcopy-bandwidth
		// (a 1 ms limit, so the rest does not fit and it does switch).
		capped.precopy.downtimeLimitMs = 1;
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

describe('QEMU\'s convergence loop (migration_iteration_run)', () => {
	const limit = 300;
	const capBytesPerMs = bytesPerMs(QEMU_MAX_BANDWIDTH_BITS);

	it('syncs the dirty log only once the unsent rest is under bandwidth x downtime-limit, mid-pass', () => {
		const s = qemu((x) => (x.precopy.downtimeLimitMs = limit));
		const r = createMigration(s, 'precopy').run();
		const live = r.rounds.filter((x) => x.kind === 'live');
		const threshold = capBytesPerMs * limit; // the cap binds: every window measures it
		expect(live.length).toBeGreaterThanOrEqual(2);
		for (const round of live) {
			const rest = round.pagesToSend - round.pagesSent;
			expect(rest * s.pageSizeBytes).toBeLessThan(threshold * 1.01);
		}
		// The first pass is cut short: the sync came with most of the threshold still unsent,
		// and the next pass starts from that rest plus the new dirt (the scan did not restart).
		const rest0 = live[0].pagesToSend - live[0].pagesSent;
		expect(rest0).toBeGreaterThan(0);
		expect(live[1].pagesToSend).toBeGreaterThanOrEqual(rest0);
		expect(r.outcome).toBe('completed');
		expect(r.verified).toBe(true);
	});

	it('iterates on BUFFER_DELAY windows when the cap binds: syncs land on the 100 ms grid or when the bitmap runs dry', () => {
		const s = qemu();
		const r = createMigration(s, 'precopy').run();
		for (const round of r.rounds.filter((x) => x.kind === 'live')) {
			const end = round.startMs + round.durationMs;
			const onGrid = Math.abs(end / 100 - Math.round(end / 100)) < 1e-6;
			const dry = round.pagesSent === round.pagesToSend;
			expect(onGrid || dry, `round ${round.index} ended at ${end}`).toBe(true);
		}
	});

	it('counts dirty-sync-count as QEMU: the setup sync, one per pass, the completion\'s', () => {
		const r = createMigration(qemu(), 'precopy').run();
		const live = r.rounds.filter((x) => x.kind === 'live').length;
		expect(r.dirtySyncCount).toBe(live + 2);
	});

	it('has no round cap: a guest that never converges is cancelled at --cancel-after, never completed', () => {
		const s = qemu((x) => {
			x.bandwidthBitsPerSec = 1e9;
			x.workload = resolveWorkload('mmuncher', x);
			x.precopy.maxRounds = 3; // Xen's cap: QEMU's loop must not read it
			x.precopy.cancelAfterMs = 20_000;
		});
		const r = createMigration(s, 'precopy').run();
		expect(r.outcome).toBe('cancelled');
		expect(r.totalTimeMs).toBe(20_000);
		expect(r.downtimeMs).toBe(0);
		expect(r.rounds.filter((x) => x.kind === 'live').length).toBeGreaterThan(3);
		expect(r.rounds.some((x) => x.kind === 'stop-and-copy')).toBe(false);
		expect(r.reason).toMatch(/not converging/);
		expect(r.reason).toMatch(/stays at the source/);
	});

	it('cancel-after ends any pre-copy still at the source, and leaves a finished one alone', () => {
		const xen = qemu((x) => {
			x.precopy.policy = 'xen';
			x.precopy.maxBandwidthBitsPerSec = null;
			x.bandwidthBitsPerSec = 1e9;
			x.precopy.cancelAfterMs = 500;
		});
		const cut = createMigration(xen, 'precopy').run();
		expect(cut.outcome).toBe('cancelled');
		expect(cut.totalTimeMs).toBe(500);
		const done = createMigration(qemu((x) => (x.precopy.cancelAfterMs = 1e6)), 'precopy').run();
		expect(done.outcome).toBe('completed');
		// Post-copy has switched over at once: nothing to cancel.
		const post = createMigration(qemu((x) => (x.precopy.cancelAfterMs = 1)), 'postcopy').run();
		expect(post.outcome).toBe('completed');
	});
});

describe('the switch-over cost', () => {
	it('downtime = final dirty pages + device state at the link + the fixed cost + one round trip', () => {
		for (const cost of [0, 5, 40]) {
			const s = qemu((x) => {
				x.switchoverCostMs = cost;
				x.cpuStateBytes = 110_000;
				x.rttMs = 0.5;
			});
			const r = createMigration(s, 'precopy').run();
			const stop = r.rounds.find((x) => x.kind === 'stop-and-copy')!;
			const link = bytesPerMs(s.bandwidthBitsPerSec);
			const formula = (stop.bytesSent + s.cpuStateBytes) / link + cost + s.rttMs;
			// Plus at most the live pages still on the wire when the VM stopped (one word's worth).
			expect(r.downtimeMs).toBeGreaterThanOrEqual(formula - 1e-9);
			expect(r.downtimeMs).toBeLessThan(formula + (32 * (s.pageSizeBytes + PAGE_HEADER_BYTES)) / link);
		}
	});

	it('post-copy pays it too: the VM pauses for the state and the fixed cost', () => {
		const s = qemu((x) => (x.switchoverCostMs = 25));
		const r = createMigration(s, 'postcopy').run();
		expect(r.downtimeMs).toBeCloseTo(s.cpuStateBytes / bytesPerMs(s.bandwidthBitsPerSec) + 25 + s.rttMs, 6);
	});
});

describe('counters as QEMU defines them', () => {
	it('expected-downtime is the unsent rest over the bandwidth measured in the last window', () => {
		const s = qemu();
		const m = createMigration(s, 'precopy');
		const cap = bytesPerMs(QEMU_MAX_BANDWIDTH_BITS);
		let checked = 0;
		for (let t = 0; t < 1500; t += 100) {
			m.step(100); // on the 100 ms grid: an iteration has just updated the counters
			const snap = m.snapshot();
			if (snap.phase !== 'precopy' || !snap.round || snap.nowMs < 200) continue;
			const rest = (snap.round.pagesToSend - snap.round.pagesSent) * s.pageSizeBytes;
			expect(Math.abs(snap.expectedDowntimeMs - rest / cap)).toBeLessThan(0.02 * (rest / cap) + 0.5);
			checked++;
		}
		expect(checked).toBeGreaterThan(3);
	});

	it('zero pages: the layout places exactly the share asked for, page by page where extents run out', async () => {
		const {buildLayout} = await import('../../source/core/index.js');
		const s = qemu((x) => {
			x.memoryBytes = 64 * MiB;
			x.zeroFraction = 0.3;
			x.workload = resolveWorkload('hotspot', x, {wssBytes: 40 * MiB});
			x.workload.hotExtents = 64; // scattered: it touches most extents
		});
		const layout = buildLayout(s);
		expect(layout.zeroPages).toBe(Math.round(0.3 * layout.pages));
		expect(layout.zero.count()).toBe(layout.zeroPages);
		// None inside the working set.
		for (const e of layout.hot) for (let p = e.start; p < e.start + e.length; p++) expect(layout.zero.get(p)).toBe(false);
		const r = createMigration(s, 'precopy').run();
		expect(r.zeroPages).toBeGreaterThan(0.9 * layout.zeroPages);
	});

	it('zero pages never sit where a trace writes: each is sent once, as a zero page', async () => {
		const {buildLayout} = await import('../../source/core/index.js');
		// The validation guest's shape: a 1000-page working set at an odd offset, written at
		// random, and most of the rest of memory zero (more than whole extents can hold).
		const s = qemu((x) => {
			x.memoryBytes = 64 * MiB;
			x.zeroFraction = 0.95;
		});
		const pages = s.memoryBytes / s.pageSizeBytes;
		const n = 20_000;
		const writeTimes = new Float64Array(n);
		const writePages = new Uint32Array(n);
		let seed = 7;
		for (let i = 0; i < n; i++) {
			seed = (seed * 1664525 + 1013904223) >>> 0;
			writeTimes[i] = i * 0.5; // 2000 writes/s
			writePages[i] = 700 + ((seed * 1000) >>> 0) % 1000;
		}
		s.workload = {...s.workload, kind: 'trace', pattern: 'trace', writeRate: 2000};
		s.trace = {writeTimes, writePages, readTimes: new Float64Array(0), readPages: new Uint32Array(0), loop: true, durationMs: n * 0.5};
		const layout = buildLayout(s);
		expect(layout.zeroPages).toBe(Math.round(0.95 * pages));
		for (const p of writePages) expect(layout.zero.get(p)).toBe(false);
		// No write ever turns a zero page normal, so QEMU's count (`duplicate`) is the layout's.
		const r = createMigration(s, 'precopy').run();
		expect(r.outcome).toBe('completed');
		expect(r.zeroPages).toBe(layout.zeroPages);
	});
});

describe("hybrid under QEMU: migrate-start-postcopy is only a flag", () => {
	// The same VM, rest after pass 1 ~13 MiB; the threshold is the pass's bandwidth (64 MiB/s) x the limit.
	const hybrid = (limitMs: number, policy: Scenario['precopy']['policy'] = 'qemu') =>
		createMigration(
			qemu((s) => {
				s.precopy.policy = policy;
				s.precopy.maxBandwidthBitsPerSec = 64 * MiB * 8;
				s.precopy.downtimeLimitMs = limitMs;
				s.bandwidthBitsPerSec = 1e9;
				s.workload = resolveWorkload('hotspot', s, {writeRate: 1000, wssBytes: 32 * MiB});
			}),
			'hybrid',
		).run();

	it('completes as pre-copy when the rest fits the downtime limit at the switch', () => {
		const r = hybrid(300);
		expect(r.outcome).toBe('completed');
		expect(r.rounds.map((x) => x.kind)).toEqual(['live', 'stop-and-copy']);
		expect(r.networkFaults).toBe(0);
		expect(r.reason).toMatch(/fit the 300 ms downtime limit at the switch/);
		// setup sync, the pass's end, ram_save_complete's: as QEMU counts them
		expect(r.dirtySyncCount).toBe(3);
		// The pause carries the rest at the link's speed.
		expect(r.downtimeMs).toBeGreaterThan((13 * MiB) / bytesPerMs(1e9));
	});

	it('switches to post-copy when the rest does not fit, and always under Xen (Hines switches at once)', () => {
		const tight = hybrid(50);
		expect(tight.rounds.map((x) => x.kind)).toEqual(['live', 'push']);
		expect(tight.dirtySyncCount).toBe(3);
		const xen = hybrid(300, 'xen');
		expect(xen.rounds.map((x) => x.kind)).toEqual(['live', 'push']);
	});
});

describe("the dirty rate a finished run shows (the console's i view) and its report", () => {
	it('are the same figure: the last live round\'s, not the pause\'s zero', () => {
		const m = createMigration(qemu(), 'precopy');
		const r = m.run();
		expect(r.dirtyRate).toBeGreaterThan(0);
		expect(m.snapshot().dirtyRate).toBe(r.dirtyRate);
	});
});
