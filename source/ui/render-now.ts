// React 19 renders a state update made outside React (a timer's setState) later, in a task
// of React's scheduler, and that scheduler gives up its turn after 5 ms of real time. A
// virtual clock that waits "a moment" for the render therefore drops or merges frames when
// the machine is busy. renderNow runs a step of the virtual clock at React's discrete
// (flushSync) priority instead: every update made in it is rendered and committed, layout
// effects included, before renderNow returns, whatever real time does meanwhile.
//
// Ink does not export its reconciler (its package.json exports only the index), and a
// reconciler's flushSync only reaches the roots it created: this needs Ink's own instance,
// loaded from the file next to Ink's entry point (the same URL, hence the same module).
// test/ui/render-now.test.tsx fails if an Ink upgrade moves or renames it.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';

interface ReconcilerFlush {
	/** react-reconciler 0.31 and later (React 19). */
	flushSyncFromReconciler?: <T>(fn: () => T) => T;
	/** react-reconciler before 0.31. */
	flushSync?: <T>(fn: () => T) => T;
}

const inkEntry = createRequire(import.meta.url).resolve('ink');
const reconciler = ((await import(pathToFileURL(join(dirname(inkEntry), 'reconciler.js')).href)) as {default: ReconcilerFlush}).default;
const found = reconciler.flushSyncFromReconciler ?? reconciler.flushSync;
if (typeof found !== 'function') throw new Error("ink's reconciler has no flushSync: recordings cannot render synchronously (see source/ui/render-now.ts)");
const flush = found.bind(reconciler);

/** Runs fn and renders every Ink update it makes before returning (React's flushSync). */
export function renderNow<T>(fn: () => T): T {
	return flush(fn);
}
