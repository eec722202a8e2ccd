import {describe, expect, it} from 'vitest';
import {internalErrorText} from '../../source/basics/internal-error.js';

describe('internalErrorText', () => {
	it('is one printable line, the stack only when debugging', () => {
		const error = new Error('read \u001B[31mred\u001B[0m failed');
		expect(internalErrorText(error, false)).toBe('livemig: internal error: read red failed\n');
		expect(internalErrorText('plain', false)).toBe('livemig: internal error: plain\n');
		const debug = internalErrorText(error, true);
		expect(debug.split('\n').length).toBeGreaterThan(2);
		expect(debug).not.toContain('\u001B');
	});
});
