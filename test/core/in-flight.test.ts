import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {type Batch, InFlight} from '../../source/core/in-flight.js';

const NORMAL = 4104;
const ZERO = 9;

/** Batches as a sender would write them: each word's pages back to back on one segment at `rate`. */
function write(pages: number[][], rate: number, zeroEvery: number): {batches: Batch[]; landsAt: Map<number, number>} {
	let bytes = 0;
	const batches: Batch[] = [];
	const landsAt = new Map<number, number>();
	for (const [i, group] of pages.entries()) {
		const w = i; // one word per batch, pages 32*i + bit
		let mask = 0;
		let zero = 0;
		const before = bytes;
		for (const bit of [...new Set(group)].sort((a, b) => a - b)) {
			mask |= 1 << bit;
			const isZero = zeroEvery > 0 && bit % zeroEvery === 0;
			if (isZero) zero |= 1 << bit;
			bytes += isZero ? ZERO : NORMAL;
			landsAt.set(w * 32 + bit, bytes / rate + 0.5);
		}
		if (mask !== 0) batches.push({w, mask: mask >>> 0, left: mask >>> 0, zero: zero >>> 0, segStart: 0, segBytes: before, rate, ascending: true});
	}
	return {batches, landsAt};
}

describe('pages in flight', () => {
	it('each page lands when its own last byte does, in order, each once', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.integer({min: 0, max: 31}), {minLength: 1, maxLength: 6}), {minLength: 1, maxLength: 40}), fc.nat(3), fc.array(fc.double({min: 0, max: 100, noNaN: true}), {maxLength: 10}), (groups, zeroEvery, cuts) => {
				const {batches, landsAt} = write(groups, 4104, zeroEvery);
				const q = new InFlight(NORMAL, ZERO, 0.5);
				for (const b of batches) q.push(b);
				const copy = q.clone();
				for (const [p, at] of landsAt) expect(copy.take(p)).toBeCloseTo(at, 9);
				const landed: number[] = [];
				for (const t of [...cuts].sort((a, b) => a - b).concat([Infinity])) {
					q.landUntil(t, (w, mask) => {
						for (let bit = 0; bit < 32; bit++) if (mask & (1 << bit)) landed.push(w * 32 + bit);
					});
					// Nothing lands early, nothing late: exactly the pages whose own time has come.
					for (const p of landed) expect(landsAt.get(p)!).toBeLessThanOrEqual(t);
					for (const [p, at] of landsAt) if (at <= t) expect(landed).toContain(p);
				}
				expect(landed.sort((a, b) => a - b)).toEqual([...landsAt.keys()].sort((a, b) => a - b));
				expect(q.count).toBe(0);
			}),
		);
	});

	it('a page taken early is not delivered again, and the rest of its batch keeps its times', () => {
		const {batches} = write([[0, 1, 2]], 4104, 0);
		const q = new InFlight(NORMAL, ZERO, 0.5);
		q.push(batches[0]!);
		expect(q.take(1)).toBeCloseTo(2.5, 9);
		expect(q.take(1)).toBe(-1);
		const landed: number[] = [];
		q.landUntil(3.4, (w, mask) => landed.push(mask));
		expect(landed).toEqual([0b1]); // page 0 landed at 1.5, page 2 lands at 3.5
		q.landUntil(3.5, (w, mask) => landed.push(mask));
		expect(landed).toEqual([0b1, 0b100]);
	});

	it('a clone is independent of its original', () => {
		const {batches} = write([[0], [3]], 4104, 0);
		const q = new InFlight(NORMAL, ZERO, 0);
		for (const b of batches) q.push(b);
		const c = q.clone();
		q.landUntil(Infinity, () => {});
		expect(q.count).toBe(0);
		expect(c.count).toBe(2);
		expect(c.take(35)).toBeCloseTo(2, 9);
	});
});
