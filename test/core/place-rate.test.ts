// Post-copy's placing rate (--postcopy-place-rate): the destination places each page with data
// with UFFDIO_COPY on the thread that reads the stream (QEMU's ram_load_postcopy), so on a fast
// link pages per second, not bytes, pace the push; a 4 KiB zero page is only mapped.
import {describe, expect, it} from 'vitest';
import {createMigration, defaultScenario, MiB, resolveWorkload, type Scenario} from '../../source/core/index.js';
import {resolveOptions} from '../../source/config/resolve.js';
import {refusal} from '../cli/helpers.js';

/** A nearly idle 256 MiB guest post-copied over a fast link (loopback-like), half its memory zero. */
function fast(placeRate: number | undefined, change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.bandwidthBitsPerSec = 12e9;
	s.rttMs = 0.1;
	s.precopy.policy = 'qemu';
	s.nonPageableBytes = 0;
	s.zeroFraction = 0.5;
	s.workload = resolveWorkload('idle', s);
	if (placeRate !== undefined) s.postcopy.placeRate = placeRate;
	change(s);
	return s;
}

const pages = (256 * MiB) / 4096;
const postcopyMs = (s: Scenario) => {
	const r = createMigration(s, 'postcopy').run();
	return {r, ms: r.totalTimeMs - r.downtimeMs};
};

describe('--postcopy-place-rate: the destination places pages at most this fast', () => {
	it('paces the push when it is slower than the link: each page with data takes its placing time, a zero page none', () => {
		const rate = 100_000;
		const {r, ms} = postcopyMs(fast(rate));
		// Half the pages are zero: UFFDIO_ZEROPAGE maps the shared zero page, no copy.
		expect(r.zeroPages).toBeGreaterThan(pages * 0.4);
		const withData = r.pagesTransferred - r.zeroPages;
		expect(ms).toBeGreaterThan(0.95 * (withData / rate) * 1000);
		expect(ms).toBeLessThan(1.1 * (withData / rate) * 1000);
		const free = postcopyMs(fast(undefined)).ms;
		expect(free).toBeLessThan(0.6 * ms);
	});

	it('on huge host pages the rate counts placements, a zero host page one too (postcopy_place_page_zero copies a zeroed buffer)', () => {
		const huge = (x: Scenario) => (x.pageSizeBytes = 2 * MiB);
		const rate = 500; // host pages a second: 128 of 2 MiB, half of them zero
		const {ms} = postcopyMs(fast(rate, huge));
		expect(ms).toBeGreaterThan(0.95 * (128 / rate) * 1000);
		expect(ms).toBeLessThan(1.1 * (128 / rate) * 1000);
	});

	it('costs time, not bytes: the same pages and bytes cross', () => {
		const limited = postcopyMs(fast(200_000)).r;
		const free = postcopyMs(fast(undefined)).r;
		expect(limited.bytesTransferred).toBe(free.bytesTransferred);
		expect(limited.pagesTransferred).toBe(free.pagesTransferred);
		expect(limited.verified).toBe(true);
	});

	it('changes nothing where the link is slower than the placing', () => {
		const slow = (x: Scenario) => (x.bandwidthBitsPerSec = 1e9);
		const limited = createMigration(fast(300_000, slow), 'postcopy').run();
		const free = createMigration(fast(undefined, slow), 'postcopy').run();
		// 300k pages/s is 1.2 GB/s of full pages, above the 1 Gbit/s link; zero pages cost none.
		expect(limited.totalTimeMs).toBe(free.totalTimeMs);
	});

	it('a fault waits for its page to be placed, with or without preempt', () => {
		const busy = (x: Scenario) => (x.workload = resolveWorkload('hotspot', x, {writeRate: 20000, wssBytes: 64 * MiB}));
		for (const preempt of [false, true]) {
			const pre = (x: Scenario) => {
				busy(x);
				x.postcopy.preempt = preempt;
			};
			const slowPlace = createMigration(fast(20_000, pre), 'postcopy').run();
			const free = createMigration(fast(undefined, pre), 'postcopy').run();
			expect(slowPlace.networkFaults, `preempt ${preempt}`).toBeGreaterThan(0);
			expect(slowPlace.stallMs / slowPlace.networkFaults, `preempt ${preempt}`).toBeGreaterThan(free.stallMs / Math.max(1, free.networkFaults));
			expect(slowPlace.verified).toBe(true);
		}
	});

	it('pre-copy is not touched: its stop-and-copy writes into memory, no ioctl per page', () => {
		const a = createMigration(fast(1000), 'precopy').run();
		const b = createMigration(fast(undefined), 'precopy').run();
		expect(a.totalTimeMs).toBe(b.totalTimeMs);
		expect(a.downtimeMs).toBe(b.downtimeMs);
	});
});

describe('the flag', () => {
	it('sets the rate; absent, there is none (and the report has no field)', () => {
		expect(resolveOptions({postcopyPlaceRate: '229000'}).scenario.postcopy.placeRate).toBe(229000);
		expect('placeRate' in resolveOptions({}).scenario.postcopy).toBe(false);
	});

	it('refuses zero, a negative or a word, naming the flag', () => {
		expect(refusal({postcopyPlaceRate: '0'})).toMatch(/^--postcopy-place-rate: must be above zero/);
		expect(refusal({postcopyPlaceRate: '-5'})).toMatch(/^--postcopy-place-rate:/);
		expect(refusal({postcopyPlaceRate: 'fast'})).toMatch(/^--postcopy-place-rate:/);
	});
});
