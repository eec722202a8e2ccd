import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cloneState, type EngineState} from '../../source/core/engine-state.js';
import {canForkHybrid, createMigration, type Migration, type MigrationResult} from '../../source/core/index.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

const runs = Number(process.env.LIVEMIG_PROPERTY_RUNS ?? 100);

/** Keys whose value a copy shares on purpose: the memory layout is built once and never written. */
const SHARED = new Set(['layout']);

/**
 * Walks a state and its copy side by side: every value equal, and no object, array,
 * typed array or function of the copy one of the original's (SHARED apart). `seen` maps
 * each original object to its copy, so an object reached twice (the sender's page records
 * are the state's) must map to the same copy both times.
 */
function expectIndependent(a: unknown, b: unknown, path: string, seen: Map<object, unknown>): void {
	if (typeof a === 'function') {
		expect(typeof b, path).toBe('function');
		expect(b === a, `${path}: the copy shares the original's function`).toBe(false);
		return;
	}
	if (typeof a !== 'object' || a === null) {
		expect(Object.is(a, b), `${path}: ${String(a)} copied as ${String(b)}`).toBe(true);
		return;
	}
	expect(b === a, `${path}: the copy shares the original's object`).toBe(false);
	if (seen.has(a)) {
		expect(seen.get(a) === b, `${path}: reached twice, copied to two different objects`).toBe(true);
		return;
	}
	seen.set(a, b);
	expect(typeof b === 'object' && b !== null && Object.getPrototypeOf(b) === Object.getPrototypeOf(a), `${path}: not the same kind of object`).toBe(true);
	if (ArrayBuffer.isView(a)) {
		const v = b as ArrayBufferView;
		expect(v.buffer === a.buffer, `${path}: the copy's typed array shares the original's buffer`).toBe(false);
		const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
		expect(bytes(v).equals(bytes(a)), `${path}: contents differ`).toBe(true);
		return;
	}
	// Own enumerable keys: TypeScript's `private` fields are ordinary properties. (A `#field`
	// would be invisible here: the state's classes use none.)
	const keys = Object.keys(a).sort();
	expect(Object.keys(b as object).sort(), `${path}: keys`).toEqual(keys);
	for (const key of keys) {
		const x = (a as Record<string, unknown>)[key];
		const y = (b as Record<string, unknown>)[key];
		if (SHARED.has(key)) expect(y === x, `${path}.${key} is shared on purpose`).toBe(true);
		else expectIndependent(x, y, `${path}.${key}`, seen);
	}
}

function stateOf(m: Migration): EngineState {
	// The state is private to the engine; the test reads it as the engine does.
	return m['state'];
}

describe('the engine state record', () => {
	it('cloneState copies every key of the record, sharing no object or typed array with the original', () => {
		fc.assert(
			// Up to 12 vCPUs: their clocks, stream positions, counts and claims are copied too.
			fc.property(scenarioArb, algorithmArb, fc.integer({min: 0, max: 3000}), fc.boolean(), fc.integer({min: 1, max: 12}), (s, a, atMs, audit, vcpus) => {
				const m = createMigration({...s, vcpus}, a, {audit});
				m.step(atMs);
				const state = stateOf(m);
				const copy = cloneState(state);
				expect(Object.keys(copy).sort()).toEqual(Object.keys(state).sort());
				const seen = new Map<object, unknown>();
				for (const key of Object.keys(state)) expectIndependent(state[key as keyof EngineState], copy[key as keyof EngineState], key, seen);
				// The copy's sender sends from the copy's page records and reports into the copy.
				expect(seen.get(state.st)).toBe(copy.st);
			}),
			{numRuns: Math.ceil(runs / 2)},
		);
	});
});

describe('the hybrid fork', () => {
	it('shares nothing with pre-copy: whichever runs on first, each gives every figure it gives alone', () => {
		fc.assert(
			fc.property(scenarioArb, fc.integer({min: 1, max: 4}), (one, vcpus) => {
				const s = {...one, vcpus};
				if (!canForkHybrid(s)) return;
				const precopy = createMigration(s, 'precopy').run();
				const hybrid = createMigration(s, 'hybrid').run();
				// The fork runs to its end inside the hook, before pre-copy goes on.
				let forkFirst: MigrationResult | null = null;
				const parentAfter = createMigration(s, 'precopy', {onHybridFork: (h) => (forkFirst = h.run())}).run();
				// Pre-copy runs to its end, then the fork it left behind.
				let left: Migration | null = null;
				const parentFirst = createMigration(s, 'precopy', {onHybridFork: (h) => (left = h)}).run();
				expect(parentAfter).toEqual(precopy);
				expect(parentFirst).toEqual(precopy);
				if (left === null) {
					// No fork: round 0 never ended (the link failed or the deadline came first), and
					// hybrid, whose round 0 is pre-copy's, ended the same way at the same moment.
					expect(forkFirst).toBeNull();
					expect(['aborted', 'cancelled']).toContain(precopy.outcome);
					expect({...hybrid, algorithm: 'precopy'}).toEqual(precopy);
					return;
				}
				expect(forkFirst).toEqual(hybrid);
				expect((left as Migration).run()).toEqual(forkFirst);
			}),
			{numRuns: runs},
		);
	});
});
