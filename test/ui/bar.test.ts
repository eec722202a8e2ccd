import {describe, expect, it} from 'vitest';
import {barString} from '../../source/ui/bar.js';
import {asciiPlain, colour, plain, strip} from './fixtures.js';

describe('barString', () => {
	it('draws 0% as an empty bar', () => {
		expect(barString(plain, 0, 20)).toBe('░'.repeat(20));
	});

	it('draws 50% half filled, with an eighth cell where it falls', () => {
		expect(barString(plain, 0.5, 20)).toBe(`${'█'.repeat(10)}${'░'.repeat(10)}`);
		expect(barString(plain, 0.5, 15)).toBe(`${'█'.repeat(7)}▌${'░'.repeat(7)}`);
	});

	it('draws 100% full', () => {
		expect(barString(plain, 1, 20)).toBe('█'.repeat(20));
	});

	it('never looks full before the end, nor empty once started', () => {
		expect(barString(plain, 0.999, 10)).not.toBe('█'.repeat(10));
		expect(barString(plain, 0.001, 10).startsWith('▏')).toBe(true);
	});

	it('uses ASCII without eighths in ASCII mode', () => {
		expect(barString(asciiPlain, 0.5, 10)).toBe('#####-----');
		expect(barString(asciiPlain, 0.55, 10)).toBe('######----');
	});

	it('draws a shorter bar (the staircase) padded to the full width', () => {
		expect(barString(plain, 1, 10, {length: 4})).toBe('████      ');
	});

	it('colours the filled and empty parts with few colour changes', () => {
		const s = barString(colour, 0.5, 10, {tone: 'done'});
		expect(strip(s)).toBe('█████░░░░░');
		expect(s.match(/\u001B\[(3[0-7]|9[0-7])m/g)).toHaveLength(2);
	});
});
