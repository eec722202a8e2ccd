// Huge host pages and fault-around: the engine's pages are 4 KiB whatever --page-size is;
// post-copy places whole host pages (a fault fetches its host page and the vCPU waits for
// all of it; the switch makes partly dirty host pages wholly dirty); fault-around asks for an
// aligned group and waits only for the faulted page.
import {describe, expect, it} from 'vitest';
import {chunkHostPages} from '../../source/core/host-pages.js';
import {PageState} from '../../source/core/page-state.js';
import {
	buildLayout,
	bytesPerMs,
	createMigration,
	defaultScenario,
	GiB,
	MiB,
	PAGE_HEADER_BYTES,
	type Scenario,
	TARGET_PAGE_BYTES,
} from '../../source/core/index.js';
import {resolveOptions} from '../../source/config/resolve.js';

const PAGE_COST = TARGET_PAGE_BYTES + PAGE_HEADER_BYTES;

/** A 64 MiB guest whose only accesses are `reads` (page, VM ms), at the target: post-copy's faults, one by one. */
function traced(reads: Array<[number, number]>, change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 64 * MiB;
	s.channelBufferBytes = 0;
	s.postcopy.pushOrder = 'linear';
	s.workload = {kind: 'trace', pattern: 'trace', writeRate: 0, readRate: 0, wssBytes: 0, hotShare: 0, burstPages: 1, hotExtents: 1};
	s.trace = {
		writeTimes: new Float64Array(0),
		writePages: new Uint32Array(0),
		readTimes: Float64Array.from(reads.map((r) => r[1])),
		readPages: Uint32Array.from(reads.map((r) => r[0])),
		loop: false,
		durationMs: 1000,
	};
	change(s);
	return s;
}

function postcopy(s: Scenario) {
	const m = createMigration(s, 'postcopy', {audit: true});
	const r = m.run();
	expect(r.outcome).toBe('completed');
	expect(r.verified).toBe(true);
	// Every page crossed once, however it was asked for.
	expect(m.sendCounts!.every((n) => n === 1)).toBe(true);
	return r;
}

describe('a post-copy fault on a huge host page', () => {
	it('moves the whole 2 MiB host page (512 pages) and the vCPU waits for all of it', () => {
		// Page 1000 is in host page 1 (pages 512-1023). With postcopy-preempt the request's
		// pages skip the stream: the wait is the round trip and the host page's bytes, exactly.
		const at = (pageSize: number) => postcopy(traced([[1000, 0.001]], (s) => ((s.pageSizeBytes = pageSize), (s.postcopy.preempt = true))));
		const huge = at(2 * MiB);
		expect(huge.networkFaults).toBe(1);
		expect(huge.pagesOnDemand).toBe(512);
		expect(huge.faultBytes).toBe(512 * PAGE_COST);
		const s = traced([]);
		expect(huge.stallMs).toBeCloseTo(s.rttMs + (512 * PAGE_COST) / bytesPerMs(s), 9);
		// The same fault with 4 KiB host pages moves one page and waits for one.
		const small = at(4096);
		expect(small.networkFaults).toBe(1);
		expect(small.pagesOnDemand).toBe(1);
		expect(small.stallMs).toBeCloseTo(s.rttMs + PAGE_COST / bytesPerMs(s), 9);
	});

	it('is placed with one ioctl: --postcopy-place-rate charges a host page once, not per 4 KiB page', () => {
		// 10 placements a second: 100 ms to place the host page, past its 16.8 ms on the wire.
		const r = postcopy(traced([[1000, 0.001]], (s) => ((s.pageSizeBytes = 2 * MiB), (s.postcopy.preempt = true), (s.postcopy.placeRate = 10))));
		expect(r.networkFaults).toBe(1);
		expect(r.stallMs).toBeCloseTo(traced([]).rttMs + 100, 9);
	});

	it('behind the stream, waits for the host page the stream is writing, then its own', () => {
		// Without preempt the request lands behind what the stream has written: host page 0,
		// begun at the resume, goes whole before the faulted host page 1 does.
		const r = postcopy(traced([[1000, 0.001]], (s) => (s.pageSizeBytes = 2 * MiB)));
		const s = traced([]);
		const hostPageMs = (512 * PAGE_COST) / bytesPerMs(s);
		expect(r.networkFaults).toBe(1);
		expect(r.stallMs).toBeGreaterThan(2 * hostPageMs);
		expect(r.stallMs).toBeLessThan(2 * hostPageMs + s.rttMs + 0.01);
	});

	it('a 1 GiB host page: one fault brings 262144 pages', () => {
		const s = traced([[300_000, 0.001]], (x) => ((x.memoryBytes = 2 * GiB), (x.pageSizeBytes = GiB), (x.postcopy.preempt = true)));
		const r = postcopy(s);
		expect(r.networkFaults).toBe(1);
		expect(r.pagesOnDemand).toBe(262_144);
		expect(r.stallMs).toBeCloseTo(s.rttMs + (262_144 * PAGE_COST) / bytesPerMs(s), 6);
	});
});

describe('fault-around', () => {
	it('asks for the aligned group of 8, waits for its own page only, counts 7 read ahead', () => {
		// Page 1003's group is 1000-1007. Page 1006, touched right after the vCPU resumes, is on
		// its way behind the faulted page, asked for by the readahead: the vCPU waits for it in
		// the swap cache, no second request and no in-flight wait (one before the fix).
		const s = traced([[1003, 0.001], [1006, 0.002]], (x) => ((x.postcopy.preempt = true), (x.postcopy.faultAroundPages = 8)));
		const r = postcopy(s);
		expect(r.networkFaults).toBe(1);
		expect(r.pagesOnDemand).toBe(1);
		expect(r.pagesReadahead).toBe(7);
		expect(r.faultBytes).toBe(8 * PAGE_COST);
		expect(r.inFlightWaits).toBe(0);
		// The fault's wait is one page's; the in-flight wait adds what is left of the group's 8.
		const one = s.rttMs + PAGE_COST / bytesPerMs(s);
		expect(r.stallMs).toBeGreaterThan(one);
		expect(r.stallMs).toBeLessThan(s.rttMs + (8 * PAGE_COST) / bytesPerMs(s) + 0.002);
	});

	it('never asks again for pages already at the target or on their way', () => {
		// Non-pageable pages 0-3 are placed in the pause; the stream begins at page 4 as the VM
		// resumes; page 5's group (0-7) leaves 6 and 7 to ask for.
		const s = traced([[5, 0.001]], (x) => ((x.nonPageableBytes = 4 * TARGET_PAGE_BYTES), (x.postcopy.faultAroundPages = 8)));
		expect(buildLayout(s).nonPageable.count()).toBe(4);
		const r = postcopy(s);
		expect(r.networkFaults).toBe(1);
		expect(r.pagesReadahead).toBe(2);
	});

	it('a touch of a pushed page still on the wire reads its cluster ahead too (swapin_readahead)', () => {
		// The linear push has written page 20 by 0.8 ms; it lands half a round trip later. The
		// touch waits for it (one in-flight wait, no fault) and asks for the rest of 0-63 still
		// at the source: before the fix it asked for nothing and the push brought them later.
		const r = postcopy(traced([[20, 0.8]], (x) => (x.postcopy.faultAroundPages = 64)));
		expect(r.networkFaults).toBe(0);
		expect(r.inFlightWaits).toBe(1);
		expect(r.pagesReadahead).toBeGreaterThan(30);
		expect(r.pagesReadahead).toBeLessThan(64);
		// Without fault-around nothing is read ahead: QEMU's userfaultfd asks for the one page.
		const one = postcopy(traced([[20, 0.8]]));
		expect(one.inFlightWaits).toBe(1);
		expect(one.pagesReadahead).toBeUndefined();
	});

	it('off (1) is the model without it: no pagesReadahead field, the same figures', () => {
		const base = traced([[1003, 0.001], [1006, 0.002]]);
		const one = postcopy({...base, postcopy: {...base.postcopy, faultAroundPages: 1}});
		const none = postcopy(base);
		expect(none.pagesReadahead).toBeUndefined();
		expect(one).toEqual(none);
	});
});

describe('the dirty log stays at 4 KiB', () => {
	it('pre-copy at 2 MiB host pages sends per 4 KiB dirty bit: the default race no longer rescales', () => {
		// Before, 4 KiB -> 2 MiB counted the workload's rates in 2 MiB pages and took the
		// default race's pre-copy downtime from 64 ms to tens of seconds.
		const small = createMigration(resolveOptions({}).scenario, 'precopy').run();
		const huge = createMigration(resolveOptions({pageSize: '2MiB'}).scenario, 'precopy').run();
		expect(huge.downtimeMs).toBeLessThan(1000);
		expect(Math.abs(huge.bytesTransferred - small.bytesTransferred) / small.bytesTransferred).toBeLessThan(0.03);
		expect(Math.abs(huge.downtimeMs - small.downtimeMs) / small.downtimeMs).toBeLessThan(0.03);
		expect(huge.rounds[0].pagesToSend).toBe(GiB / 1024); // 4 GiB in 4 KiB pages
	});

	it('workload rates and sizes are in 4 KiB pages whatever the host page size', () => {
		const small = resolveOptions({}).scenario;
		const huge = resolveOptions({pageSize: '1GiB'}).scenario;
		expect(huge.workload).toEqual(small.workload);
		expect(buildLayout(huge).hotPages).toBe(buildLayout(small).hotPages);
	});
});

describe('at the switch to post-copy, a partly dirty host page becomes wholly dirty', () => {
	it('queues the whole host page and drops the target\'s copy (postcopy_chunk_hostpages_pass)', () => {
		const s = defaultScenario();
		s.memoryBytes = 64 * MiB;
		const st = new PageState(buildLayout(s), TARGET_PAGE_BYTES, false);
		for (let w = 0; w < st.present.words.length; w++) st.deliver(w, 0xffffffff);
		// The target holds every page; pages 1000 and 5000 (host pages 1 and 9) were dirtied.
		for (const p of [1000, 5000]) {
			st.drop(p >>> 5, 1 << (p & 31));
			st.queue(p >>> 5, (1 << (p & 31)) >>> 0);
		}
		expect(chunkHostPages(st, 512, false)).toBe(1022);
		expect(st.toSend.count).toBe(1024);
		expect(st.present.count()).toBe(16384 - 1024);
		for (const p of [512, 1023, 4608, 5119]) expect(st.toSend.get(p)).toBe(true);
		expect(st.toSend.get(511)).toBe(false);
		expect(st.toSend.get(5120)).toBe(false);
		// 4 KiB host pages: nothing to do.
		expect(chunkHostPages(st, 1, false)).toBe(0);
	});

	it('a hybrid at 2 MiB pushes whole host pages after its pre-copy round', () => {
		const run = (pageSize: string) => createMigration(resolveOptions({memory: '256MiB', pageSize, algorithms: 'hybrid'}).scenario, 'hybrid', {audit: true}).run();
		const huge = run('2MiB');
		const small = run('4KiB');
		const push = (r: typeof huge) => r.rounds.find((x) => x.kind === 'push')!.pagesToSend;
		expect(huge.verified).toBe(true);
		expect(push(huge) % 512).toBe(0);
		expect(push(huge)).toBeGreaterThan(push(small));
		// The live round is the same: pre-copy is blind to the host page size.
		expect(huge.rounds[0]).toEqual(small.rounds[0]);
	});
});
