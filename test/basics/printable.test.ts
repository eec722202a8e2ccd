import {describe, expect, it} from 'vitest';
import {printable} from '../../source/basics/printable.js';

describe('printable', () => {
	it('drops whole escape sequences, not just their ESC', () => {
		expect(printable('\u001b[1;31mred\u001b[0m')).toBe('red');
		expect(printable('\u001b]0;window title\u0007text')).toBe('text');
		expect(printable('a\u009b2Jb')).toBe('ab');
		expect(printable('\u001bcreset \u001bP1$r\u001b\\done')).toBe('reset done');
		// Unterminated: the sequence runs to the end of the text.
		expect(printable('ok\u001b]2;no end')).toBe('ok');
		expect(printable('ok\u001b')).toBe('ok');
	});

	it('drops other control characters; tabs and line breaks become one space', () => {
		expect(printable('bell\u0007 back\bspace del\u007f nul\u0000')).toBe('bell backspace del nul');
		expect(printable('one\r\ntwo\tthree')).toBe('one two three');
	});

	it('leaves ordinary text alone, Unicode included', () => {
		expect(printable('Pre-copy: 4 GiB → 1 Gbit/s, ½ dirty — ok')).toBe('Pre-copy: 4 GiB → 1 Gbit/s, ½ dirty — ok');
	});
});
