// Hines & Gopalan's pseudo-paging (VEE'09 §4.1, §5.1): non-pageable memory, and free memory
// unless ballooned, crosses while the VM is paused at post-copy's switch.
import {describe, expect, it} from 'vitest';
import {buildLayout, bytesPerMs, createMigration, defaultScenario, MiB, PAGE_HEADER_BYTES, resolveWorkload, type Scenario} from '../../source/core/index.js';
import {resolveOptions} from '../../source/config/resolve.js';
import {refusal} from '../cli/helpers.js';

function scenario(change: (s: Scenario) => void = () => {}): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 64 * MiB;
	s.workload = resolveWorkload('hotspot', s, {wssBytes: 16 * MiB});
	change(s);
	return s;
}

const pageCost = (s: Scenario) => s.pageSizeBytes + PAGE_HEADER_BYTES;
/** The pause: the pages it sends and the state at the link's rate, the round trip, the fixed cost. */
const pauseMs = (s: Scenario, pages: number) => (pages * pageCost(s) + s.cpuStateBytes) / bytesPerMs(s) + s.rttMs + s.switchoverCostMs;

describe('non-pageable memory at post-copy\'s switch', () => {
	it('is all placed even when the working set covers memory (it was silently dropped)', () => {
		const s = scenario((x) => {
			x.workload = resolveWorkload('hotspot', x, {wssBytes: 64 * MiB});
			x.nonPageableBytes = 16 * MiB;
		});
		const np = (16 * MiB) / s.pageSizeBytes;
		expect(buildLayout(s).nonPageablePages).toBe(np);
		const m = createMigration(s, 'postcopy', {audit: true});
		const r = m.run();
		expect(r.pagesNonPageable).toBe(np);
		expect(r.downtimeMs).toBeCloseTo(pauseMs(s, np), 6);
		expect(r.verified).toBe(true);
		expect(m.sendCounts!.every((n) => n === 1)).toBe(true);
	});

	it('crosses in the pause, before the CPU state: the downtime pays for it, and the push skips it', () => {
		const s = scenario((x) => (x.nonPageableBytes = 8 * MiB));
		const m = createMigration(s, 'postcopy', {audit: true});
		const r = m.run();
		const np = (8 * MiB) / s.pageSizeBytes;
		expect(buildLayout(s).nonPageablePages).toBe(np);
		expect(r.pagesNonPageable).toBe(np);
		expect(r.downtimeMs).toBeCloseTo(pauseMs(s, np), 6);
		expect(r.rounds[0].kind).toBe('push');
		expect(r.rounds[0].pagesToSend).toBe(s.memoryBytes / s.pageSizeBytes - np);
		expect(r.pagesTransferred).toBe(s.memoryBytes / s.pageSizeBytes);
		expect(r.bytesTransferred).toBe((s.memoryBytes / s.pageSizeBytes) * pageCost(s) + s.cpuStateBytes);
		expect(r.verified).toBe(true);
		// Each page moves once, the non-pageable ones in the pause.
		expect(m.sendCounts!.every((n) => n === 1)).toBe(true);
	});

	it('is never faulted for: with a quarter of memory non-pageable, a uniform workload faults less', () => {
		// The lowest extents outside the working set are the kernel's; the uniform workload
		// touches all of memory, so faults fall everywhere but there.
		const s = scenario((x) => {
			x.nonPageableBytes = 16 * MiB;
			x.workload = resolveWorkload('uniform', x, {writeRate: 4000});
		});
		const layout = buildLayout(s);
		const without = createMigration({...s, nonPageableBytes: 0}, 'postcopy').run();
		const withIt = createMigration(s, 'postcopy').run();
		expect(layout.nonPageablePages).toBe((16 * MiB) / s.pageSizeBytes);
		// A quarter of memory can no longer fault: fewer faults than without it.
		expect(withIt.networkFaults).toBeLessThan(without.networkFaults * 0.9);
		expect(withIt.downtimeMs).toBeGreaterThan(without.downtimeMs + ((16 * MiB) / bytesPerMs(s)) * 0.99);
	});

	it('takes the free memory with it unless ballooned (Hines §5.1: about 20 s without DSB)', () => {
		const base = (x: Scenario) => {
			x.nonPageableBytes = 4 * MiB;
			x.freeFraction = 0.5;
		};
		const layout = buildLayout(scenario(base));
		const np = layout.nonPageablePages;
		const plain = createMigration(scenario(base), 'postcopy').run();
		const balloon = createMigration(
			scenario((x) => {
				base(x);
				x.postcopy.balloon = true;
			}),
			'postcopy',
		).run();
		expect(plain.pagesNonPageable).toBe(np + layout.freePages);
		expect(plain.downtimeMs).toBeCloseTo(pauseMs(scenario(base), np + layout.freePages), 6);
		expect(balloon.pagesNonPageable).toBe(np);
		expect(balloon.pagesBallooned).toBe(layout.freePages);
		expect(plain.verified && balloon.verified).toBe(true);
		// With no non-pageable memory (QEMU's userfaultfd) free pages are pushed like any other.
		const qemu = createMigration(scenario((x) => (x.freeFraction = 0.5)), 'postcopy').run();
		expect(qemu.pagesNonPageable).toBe(0);
		expect(qemu.downtimeMs).toBeCloseTo(pauseMs(scenario(), 0), 6);
	});

	it('hybrid re-sends in the pause only the non-pageable pages dirtied since its pre-copy round', () => {
		const s = scenario((x) => {
			x.nonPageableBytes = 16 * MiB;
			x.workload = resolveWorkload('uniform', x, {writeRate: 2000});
		});
		const r = createMigration(s, 'hybrid').run();
		const np = buildLayout(s).nonPageablePages;
		expect(r.pagesNonPageable).toBeGreaterThan(0);
		expect(r.pagesNonPageable).toBeLessThan(np / 2);
		// ...behind what the live round left in the channel's buffer.
		expect(r.downtimeMs).toBeCloseTo(pauseMs(s, r.pagesNonPageable) + s.channelBufferBytes / bytesPerMs(s), 6);
		expect(r.verified).toBe(true);
	});

	it('leaves pre-copy alone: its pause is its last dirty pages', () => {
		const a = createMigration(scenario(), 'precopy').run();
		const b = createMigration(scenario((x) => (x.nonPageableBytes = 16 * MiB)), 'precopy').run();
		expect(b.pagesNonPageable).toBe(0);
		expect(b.downtimeMs).toBeCloseTo(a.downtimeMs, 0);
	});
});

describe('--non-pageable', () => {
	it('defaults to the policy\'s: Hines\'s 64 MiB for xen and xen-today, none for QEMU (userfaultfd)', () => {
		expect(resolveOptions({}).scenario.nonPageableBytes).toBe(64 * MiB);
		expect(resolveOptions({policy: 'xen-today'}).scenario.nonPageableBytes).toBe(64 * MiB);
		expect(resolveOptions({policy: 'qemu'}).scenario.nonPageableBytes).toBe(0);
		expect(resolveOptions({policy: 'qemu', nonPageable: '16MiB'}).scenario.nonPageableBytes).toBe(16 * MiB);
		expect(resolveOptions({nonPageable: '0'}).scenario.nonPageableBytes).toBe(0);
	});

	it('on a small VM the default takes at most a quarter of memory, and is never refused', () => {
		// A bug: `race --memory 32MiB` was refused for a --non-pageable the user never gave.
		expect(resolveOptions({memory: '32MiB'}).scenario.nonPageableBytes).toBe(8 * MiB);
		expect(resolveOptions({memory: '64MiB'}).scenario.nonPageableBytes).toBe(16 * MiB);
		expect(resolveOptions({memory: '1GiB'}).scenario.nonPageableBytes).toBe(64 * MiB);
		expect(resolveOptions({memory: '32MiB', nonPageable: '32MiB'}).scenario.nonPageableBytes).toBe(32 * MiB);
	});

	it('refuses a bad size, or more than memory, naming the flag', () => {
		expect(refusal({nonPageable: 'lots'})).toMatch(/^--non-pageable: must be a size/);
		expect(refusal({memory: '1GiB', nonPageable: '2GiB'})).toMatch(/^--non-pageable: cannot be more than memory/);
	});
});
