// Ink draws every frame from scratch: a new Output per frame, and with it new caches, so
// each row's ANSI string is tokenised into styled cells (ansi-tokenize) and measured
// (string-width) again on every frame, though most rows did not change (at 80x24 about 5
// of 24 change per frame; the heatmap rows change 4 times a second). That was most of the
// console's CPU (bench/console.ts). This keeps the caches from one frame to the next.
//
// The results are pure functions of the string (the styled cells of a line, a width), and
// Ink only reads the cells it gets back (it copies a cell to change it: blankCell), so a
// cell array from an earlier frame is as good as a new one. Memory stays bounded: what a
// frame looked up is kept for the next frame only (two generations), so rows that went
// away are dropped a frame later.
//
// Ink does not export its Output class (its package.json exports only the index): this
// loads it from the file next to Ink's entry point (the same URL, hence the same module
// Ink renders with), as render-now.ts does for the reconciler. test/ui/ink-output-cache.test.ts
// fails if an Ink upgrade moves or renames what this relies on.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';

type Lookup = (this: object, key: string) => unknown;
type Caches = Record<(typeof CACHED)[number], Lookup>;
interface OutputClass {
	new (options: {width: number; height: number}): {caches: Caches};
}

/** The per-frame lookups of Ink's OutputCaches (ink/build/output.js). */
export const CACHED = ['getStyledChars', 'getStringWidth', 'getWidestLine'] as const;

const inkEntry = createRequire(import.meta.url).resolve('ink');
const Output = ((await import(pathToFileURL(join(dirname(inkEntry), 'output.js')).href)) as {default: OutputClass}).default;

/** Ink's OutputCaches prototype, or null if this Ink has none with the lookups this patches. */
export function outputCachesPrototype(): Caches | null {
	const caches = typeof Output === 'function' ? new Output({width: 0, height: 0}).caches : undefined;
	const proto = caches ? (Object.getPrototypeOf(caches) as Caches) : null;
	return proto && CACHED.every((name) => typeof proto[name] === 'function') ? proto : null;
}

const INSTALLED = Symbol.for('livemig.inkOutputCache');

/**
 * Makes Ink's per-frame caches last into the next frame. Idempotent. Returns false (and
 * changes nothing: Ink still renders, only as slowly as before) if this Ink has no such caches.
 */
export function installInkOutputCache(): boolean {
	const proto = outputCachesPrototype() as (Caches & {[INSTALLED]?: true}) | null;
	if (!proto) return false;
	if (proto[INSTALLED]) return true;
	for (const name of CACHED) {
		const original = proto[name];
		// A new Output (hence a new caches object) is a new frame: what the last frame looked
		// up becomes the older generation.
		let owner: object | null = null;
		let current = new Map<string, unknown>();
		let previous = new Map<string, unknown>();
		proto[name] = function (this: object, key: string) {
			if (this !== owner) {
				owner = this;
				previous = current;
				current = new Map();
			}
			let value = current.get(key);
			if (value !== undefined) return value;
			value = previous.get(key);
			if (value === undefined) value = original.call(this, key);
			current.set(key, value);
			return value;
		};
	}
	proto[INSTALLED] = true;
	return true;
}
