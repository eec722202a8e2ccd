import {describe, expect, it} from 'vitest';
import {reasonOf} from '../../source/basics/errno.js';
import {tempName} from '../../source/basics/output.js';

describe('tempName', () => {
	it('keeps short names whole', () => {
		expect(tempName('out.csv', 123)).toBe('.out.csv.123.tmp');
	});

	it('cuts a long name short so the temp fits in 255 bytes, multi-byte characters whole', () => {
		for (const base of ['a'.repeat(250), 'é'.repeat(127), '😀'.repeat(63)]) {
			const name = tempName(base, 4_194_304);
			expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
			expect(name.endsWith('.4194304.tmp')).toBe(true);
			expect(name).not.toContain('\uFFFD');
			expect(base.startsWith(name.slice(1, -'.4194304.tmp'.length))).toBe(true);
		}
	});
});

describe('reasonOf', () => {
	it('names the reason in words', () => {
		expect(reasonOf(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))).toBe('broken pipe');
		expect(reasonOf(Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'}))).toBe('no space left on device');
		expect(reasonOf(Object.assign(new Error("EXDEV: cross-device link not permitted, rename 'a' -> 'b'"), {code: 'EXDEV'}))).toBe('cross-device link not permitted');
	});
});
