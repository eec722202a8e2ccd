import {describe, expect, it} from 'vitest';
import {achievedRate, blockedMs, dropRate, guestCommandLine, guestPages, guestTrace, parseGuestOutput, type GuestParams} from '../../validate/guest.js';

const seq: GuestParams = {rate: 1500, wssPages: 3, basePage: 600, fillMiB: 4, pattern: 'sequential', seed: 1};

const take = (g: Generator<number>, n: number) => Array.from({length: n}, () => g.next().value as number);

describe('the guest command line and its output', () => {
	it('passes every parameter the guest reads', () => {
		expect(guestCommandLine({...seq, pattern: 'random', seed: 9}, 250)).toBe('rate=1500 wss=3 base=600 fill=4 pat=1 seed=9 rep=250');
	});

	it('parses CFG, READY and reports, ignoring a line still being written', () => {
		const out = parseGuestOutput('CFG rate=2000 wss=4096 pmport=1544\nREADY\nT 100 W 200 S 100 D 0\nT 200 W 390 S 195 D 5\nT 30');
		expect(out.cfg).toEqual({rate: 2000, wss: 4096, pmport: 1544});
		expect(out.ready).toBe(true);
		expect(out.reports).toEqual([
			{guestMs: 100, writes: 200, slots: 100, dropped: 0},
			{guestMs: 200, writes: 390, slots: 195, dropped: 5},
		]);
		expect(parseGuestOutput('ERR fill larger than memory\n').error).toBe('fill larger than memory');
	});

	it('the achieved rate is writes per second of guest time', () => {
		expect(achievedRate({guestMs: 1000, writes: 100, slots: 0, dropped: 0}, {guestMs: 1500, writes: 1050, slots: 0, dropped: 0})).toBe(1900);
		expect(achievedRate({guestMs: 10, writes: 1, slots: 0, dropped: 0}, {guestMs: 10, writes: 5, slots: 0, dropped: 0})).toBeNull();
	});
});

describe('the vCPU blocked on post-copy faults, by the guest clock', () => {
	const r = (guestMs: number, dropped: number) => ({guestMs, writes: 0, slots: guestMs - dropped, dropped});
	it('is the slots dropped across the switch, less what the host drops anyway', () => {
		// Before: 2 dropped per 100 ms. Across the switch 300 ms pass and 66 slots go: 60 blocked.
		const baseline = dropRate(r(1000, 10), r(2000, 30));
		expect(baseline).toBeCloseTo(0.02, 9);
		expect(blockedMs(r(2000, 30), r(2300, 96), baseline)).toBeCloseTo(60, 9);
	});
	it('never below zero, and nothing to say without guest time between the reports', () => {
		expect(blockedMs(r(2000, 30), r(2300, 31), 0.02)).toBe(0);
		expect(blockedMs(r(2000, 30), r(2000, 31), 0)).toBeNull();
	});
});

describe('the pages the guest writes', () => {
	it('sequential: base, base+1, ... round the working set', () => {
		expect(take(guestPages(seq), 7)).toEqual([600, 601, 602, 600, 601, 602, 600]);
	});

	it('random: the LCG of guest.S, page = base + (x * wss) >> 32, inside the working set', () => {
		const g = {...seq, pattern: 'random' as const, wssPages: 4096, basePage: 512, seed: 1};
		// x1 = 1 * 1664525 + 1013904223 = 1015568748; 1015568748 * 4096 / 2^32 = 968.5...
		expect(take(guestPages(g), 1)).toEqual([512 + 968]);
		const many = take(guestPages(g), 20_000);
		expect(Math.min(...many)).toBeGreaterThanOrEqual(512);
		expect(Math.max(...many)).toBeLessThan(512 + 4096);
		expect(new Set(many).size).toBeGreaterThan(3900); // spread over the set, not stuck
	});

	it('the trace carries the per-slot remainder as the guest does: 1500/s = 1, 2, 1, 2 per ms', () => {
		const lines = guestTrace(seq, 1500, 4, 8 * 1024 * 1024).trim().split('\n');
		expect(lines[0]).toBe('livemig-trace v1 page-size=4096 memory=8388608 duration=4');
		expect(lines.slice(1)).toEqual(['0 600 w', '1 601 w', '1 602 w', '2 600 w', '3 601 w', '3 602 w']);
	});
});
