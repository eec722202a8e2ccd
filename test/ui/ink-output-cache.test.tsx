// ink-output-cache.ts keeps Ink's per-frame caches (styled cells and widths of each row)
// into the next frame. Without it Ink tokenised every unchanged row again on every frame.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {Text} from 'ink';
import {CACHED, installInkOutputCache, outputCachesPrototype} from '../../source/ui/ink-output-cache.js';

const inkEntry = createRequire(import.meta.url).resolve('ink');
type Caches = Record<(typeof CACHED)[number], (key: string) => unknown>;
const {default: Output} = (await import(pathToFileURL(join(dirname(inkEntry), 'output.js')).href)) as {default: new (o: {width: number; height: number}) => {caches: Caches}};

const row = '\u001B[32m████\u001B[39m\u001B[35m▀▀\u001B[39m │ t 1.25 s';

describe('ink output cache', () => {
	it('finds the lookups it caches in this Ink (an upgrade that moves them fails here)', () => {
		expect(outputCachesPrototype()).not.toBeNull();
		expect(installInkOutputCache()).toBe(true);
		// Idempotent: a second console does not wrap the lookups again.
		const proto = outputCachesPrototype()!;
		const before = CACHED.map((n) => proto[n]);
		expect(installInkOutputCache()).toBe(true);
		expect(CACHED.map((n) => proto[n])).toEqual(before);
	});

	it("reuses a row's styled cells on the next frame instead of tokenising it again", () => {
		installInkOutputCache();
		const frame1 = new Output({width: 40, height: 1}).caches;
		const frame2 = new Output({width: 40, height: 1}).caches;
		const cells = frame1.getStyledChars(row);
		// The same array, not an equal one made again: the row was not tokenised twice.
		expect(frame2.getStyledChars(row)).toBe(cells);
		expect(frame2.getStringWidth(row)).toBe(frame1.getStringWidth(row));
		// A row that went away is dropped after one frame without it (memory stays bounded).
		const frame3 = new Output({width: 40, height: 1}).caches;
		frame3.getStyledChars('other');
		const frame4 = new Output({width: 40, height: 1}).caches;
		frame4.getStyledChars('another');
		expect(new Output({width: 40, height: 1}).caches.getStyledChars(row)).not.toBe(cells);
	});

	it('draws the same frames as before', () => {
		installInkOutputCache();
		const {lastFrame, rerender} = render(<Text>{row}</Text>);
		const first = lastFrame();
		rerender(<Text>{`${row} `}</Text>);
		rerender(<Text>{row}</Text>);
		expect(lastFrame()).toBe(first);
		expect(first).toContain('t 1.25 s');
	});
});
