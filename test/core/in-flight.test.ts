import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {InFlight} from '../../source/core/in-flight.js';

describe('pages in flight', () => {
	it('land in order, each once, no earlier than their time; a search finds the newest copy', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(200), fc.integer({min: 0, max: 5})), {minLength: 1, maxLength: 300}), fc.array(fc.nat(2000), {maxLength: 20}), (batches, cuts) => {
				const q = new InFlight(2);
				let at = 0;
				const sent: Array<[number, number, number]> = [];
				for (const [p, gap] of batches) {
					at += gap;
					q.push(p >>> 5, 1 << (p & 31), at);
					sent.push([p, at, sent.length]);
				}
				// The newest copy of each page: what a fault on it waits for.
				for (const [p] of sent) {
					const last = [...sent].reverse().find(([x]) => x === p)!;
					expect(q.arrivalOf(p)).toBe(last[1]);
				}
				const landed: number[] = [];
				for (const t of [...cuts].sort((a, b) => a - b).concat([Infinity])) {
					q.landUntil(t, (w, mask) => landed.push(w * 32 + 31 - Math.clz32(mask)));
					expect(q.count === 0 || q.nextArrival > t).toBe(true);
				}
				expect(landed).toEqual(sent.map(([p]) => p));
				expect(q.count).toBe(0);
				expect(q.arrivalOf(sent[0]![0])).toBe(-1);
			}),
		);
	});

	it('a clone is independent of its original', () => {
		const q = new InFlight();
		q.push(1, 1, 5);
		const c = q.clone();
		c.push(2, 1, 6);
		q.landUntil(10, () => {});
		expect(q.count).toBe(0);
		expect(c.count).toBe(2);
		expect(c.arrivalOf(64)).toBe(6);
	});
});
