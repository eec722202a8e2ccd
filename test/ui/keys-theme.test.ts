import {describe, expect, it} from 'vitest';
import {actionFor, footerHints, keyBindings} from '../../source/ui/keys.js';
import {colourWanted, localeIsUtf8} from '../../source/basics/terminal-env.js';
import {createTheme} from '../../source/ui/theme.js';
import {helpLines} from '../../source/ui/components/HelpOverlay.js';
import {plain, strip} from './fixtures.js';

const none = {ctrl: false, escape: false};

describe('keys', () => {
	it('maps keys to actions through the one table', () => {
		expect(actionFor(' ', none)).toBe('pause');
		expect(actionFor('+', none)).toBe('faster');
		expect(actionFor('-', none)).toBe('slower');
		expect(actionFor('.', none)).toBe('step');
		expect(actionFor('r', none)).toBe('restart');
		expect(actionFor('n', none)).toBe('newSeed');
		expect(actionFor('h', none)).toBe('heatmap');
		expect(actionFor('i', none)).toBe('qemu');
		expect(actionFor('?', none)).toBe('help');
		expect(actionFor('q', none)).toBe('quit');
		expect(actionFor('c', {ctrl: true, escape: false})).toBe('interrupt');
		expect(actionFor('', {ctrl: false, escape: true})).toBe('close');
		expect(actionFor('x', none)).toBeNull();
	});

	it('documents every binding in the help overlay', () => {
		const help = helpLines(plain, 76, 40).map(strip).join('\n');
		for (const b of keyBindings.filter((k) => !k.hidden)) expect(help).toContain(b.help);
		expect(help).toContain('any key closes it');
	});

	it('keeps the help overlay\'s notes whole: a short terminal drops the last ones, never cuts one mid-sentence', () => {
		// 80x24: 16 rows inside the frame. Before, the first note was cut at "played to last a".
		const short = helpLines(plain, 76, 16).map(strip);
		expect(short.length).toBeLessThanOrEqual(16);
		for (const b of keyBindings.filter((k) => !k.hidden)) expect(short.join('\n')).toContain(b.help);
		const notes = short.slice(keyBindings.filter((k) => !k.hidden).length).join(' ').replace(/\s+/g, ' ').trim();
		if (notes !== '') expect(notes).toMatch(/[.)]$/);
		const tall = helpLines(plain, 76, 40).map(strip).join(' ').replace(/\s+/g, ' ').trim();
		expect(tall).toContain('played to last a second or more');
		expect(tall).toMatch(/how often they were written\.$/);
	});

	it('fits the footer to the width, most useful keys first', () => {
		const narrow = footerHints(30).map((h) => h.text);
		expect(narrow).toContain('quit');
		expect(narrow).toContain('help');
		const total = (w: number) => footerHints(w).reduce((n, h) => n + h.label.length + 1 + h.text.length + 2, -2);
		for (const w of [20, 40, 80, 200]) expect(total(w)).toBeLessThanOrEqual(w);
	});
});

describe('theme', () => {
	it('honours NO_COLOR (chalk does not) and --no-color', () => {
		expect(colourWanted({color: true}, {NO_COLOR: '1'})).toBe(false);
		expect(colourWanted({color: true}, {NO_COLOR: ''})).toBe(true);
		expect(colourWanted({color: false}, {})).toBe(false);
		const t = createTheme({color: true, ascii: false, env: {NO_COLOR: '1', LANG: 'en_US.UTF-8'}, level: 3});
		expect(t.color).toBe(false);
		expect(t.paint.good('x')).toBe('x');
	});

	it('falls back to ASCII when the locale is not UTF-8', () => {
		expect(localeIsUtf8({LANG: 'C'})).toBe(false);
		expect(localeIsUtf8({})).toBe(false);
		expect(localeIsUtf8({LANG: 'en_GB.utf8'})).toBe(true);
		expect(localeIsUtf8({LC_ALL: 'C', LANG: 'en_GB.UTF-8'})).toBe(false);
		expect(localeIsUtf8({LC_CTYPE: 'de_DE.UTF-8', LANG: 'C'})).toBe(true);
		const t = createTheme({color: true, ascii: false, env: {LANG: 'C'}, level: 1});
		expect(t.ascii).toBe(true);
		expect(t.halfBlocks).toBe(false);
		expect(t.glyph.border).toBe('classic');
		expect(createTheme({color: true, ascii: true, env: {LANG: 'C.UTF-8'}, level: 1}).ascii).toBe(true);
	});
});
