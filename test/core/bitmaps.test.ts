import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {anySet, Bitmap, popcount32, selectHigh, selectLow} from '../../source/core/bits.js';
import {HierBitmap} from '../../source/core/hier-bitmap.js';
import {PageVersions} from '../../source/core/version-map.js';

describe('word helpers', () => {
	it('selectLow and selectHigh pick the lowest / highest n set bits', () => {
		fc.assert(
			fc.property(fc.integer({min: 0, max: 0xffffffff}), fc.integer({min: 0, max: 33}), (word, n) => {
				const bits = [...Array(32).keys()].filter((i) => (word >>> i) & 1);
				const low = bits.slice(0, n).reduce((m, i) => (m | (1 << i)) >>> 0, 0);
				const high = bits.slice(Math.max(0, bits.length - n)).reduce((m, i) => (m | (1 << i)) >>> 0, 0);
				expect(selectLow(word, n)).toBe(n === 0 ? 0 : low);
				expect(selectHigh(word, n)).toBe(n === 0 ? 0 : high);
				expect(popcount32(word)).toBe(bits.length);
			}),
		);
	});
});

describe('anySet', () => {
	it('says whether a range holds a set bit, like a plain scan', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 300}), fc.array(fc.nat(), {maxLength: 8}), fc.nat(), fc.nat(), (size, sets, a, b) => {
				const map = new Bitmap(size);
				for (const i of sets) map.set(i % size);
				const from = a % (size + 1);
				const to = from + (b % (size + 1 - from));
				let plain = false;
				for (let i = from; i < to; i++) plain ||= map.get(i);
				expect(anySet(map.words, from, to)).toBe(plain);
				map.dispose();
			}),
		);
	});
});

describe('HierBitmap', () => {
	it('finds next and previous set bits like a plain array, across levels', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 1, max: 70_000}),
				fc.array(fc.nat(), {maxLength: 60}),
				fc.array(fc.nat(), {maxLength: 20}),
				(size, sets, probes) => {
					const map = new HierBitmap(size);
					const ref = new Set<number>();
					for (const s of sets) {
						map.set(s % size);
						ref.add(s % size);
					}
					// Clear some again, so summary bits must be withdrawn.
					for (const s of sets.slice(0, sets.length / 3)) {
						map.clear(s % size);
						ref.delete(s % size);
					}
					const sorted = [...ref].sort((a, b) => a - b);
					expect(map.count).toBe(ref.size);
					for (const p of probes) {
						const at = p % size;
						expect(map.nextSet(at)).toBe(sorted.find((x) => x >= at) ?? -1);
						expect(map.prevSet(at)).toBe([...sorted].reverse().find((x) => x <= at) ?? -1);
					}
				},
			),
		);
	});

	it('fill, reset and swap keep counts and summaries right', () => {
		const a = new HierBitmap(100_003);
		const b = new HierBitmap(100_003);
		a.fill();
		expect(a.count).toBe(100_003);
		expect(a.prevSet(200_000)).toBe(100_002);
		b.set(77_777);
		a.swap(b);
		expect(a.count).toBe(1);
		expect(a.nextSet(0)).toBe(77_777);
		expect(b.count).toBe(100_003);
		b.reset();
		expect(b.count).toBe(0);
		expect(b.nextSet(0)).toBe(-1);
	});
});

describe('PageVersions', () => {
	it('keeps both hosts\' versions like a Map would, through growth', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(1 << 28), fc.constantFrom('bump', 'deliver', 'set')), {maxLength: 3000}), (ops) => {
				const map = new PageVersions();
				const ref = new Map<number, [number, number]>();
				for (const [page, op] of ops) {
					const [latest, target] = ref.get(page) ?? [0, 0];
					if (op === 'bump') ref.set(page, [latest + 1, target]), map.bump(page);
					else if (op === 'deliver') {
						if (ref.has(page)) ref.set(page, [latest, latest]);
						map.deliver(page);
					} else ref.set(page, [7, 3]), map.set(page, 7, 3);
				}
				for (const [page, [latest, target]] of ref) {
					expect(map.latest(page)).toBe(latest);
					expect(map.target(page)).toBe(target);
				}
				let n = 0;
				map.forEach((page, latest, target) => {
					n++;
					expect(ref.get(page)).toEqual([latest, target]);
				});
				expect(n).toBe(ref.size);
				expect(map.latest(1 << 29)).toBe(0);
			}),
		);
	});
});
