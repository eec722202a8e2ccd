// The dependency rule (README, "Architecture") held by the real source, and shown to catch
// each kind of import it forbids: the same checker, run on the real graph with one forbidden
// edge added, must name the files of that edge.
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {type Import, importGraph, type ImportGraph} from './import-graph.js';
import {dependencyProblems} from './rules.js';

const graph = importGraph(fileURLToPath(new URL('../../source', import.meta.url)));

/** The real graph with one more import. */
function withImport(from: string, to: string, how: Partial<Import> = {}): ImportGraph {
	const copy = new Map([...graph].map(([file, imports]) => [file, [...imports]]));
	copy.set(from, [...(copy.get(from) ?? []), {to, dynamic: false, typeOnly: false, ...how}]);
	return copy;
}

/** The import of `to` by `from`, of the kind asked (the first, if any kind). */
const edge = (from: string, to: string, kind: Partial<Import> = {}) =>
	graph.get(from)?.find((i) => i.to === to && Object.entries(kind).every(([k, v]) => i[k as keyof Import] === v));

describe('the import graph', () => {
	it('holds every source file, static, dynamic and type-only imports', () => {
		expect(graph.size).toBeGreaterThan(100);
		// Each kind the rules depend on is seen: a test that read none would pass vacuously.
		expect(edge('cli.ts', 'cli/main.ts', {dynamic: true})).toBeDefined();
		expect(edge('commands/race.ts', 'demo/play.ts', {dynamic: true})).toBeDefined();
		expect(edge('ui/start-console.ts', 'ui/render.tsx', {dynamic: true})).toBeDefined();
		expect(edge('ui/start-console.ts', 'ui/render.tsx', {typeOnly: true})).toBeDefined();
		expect(edge('ui/start-console.ts', 'ui/boot-frame.ts', {dynamic: false, typeOnly: false})).toBeDefined();
		expect(edge('demo/play.ts', 'config/run-options.ts', {typeOnly: true})).toBeDefined();
		expect(edge('cli/main.ts', 'meow', {dynamic: false})).toBeDefined();
		expect(edge('ui/render.tsx', 'ink')).toBeDefined();
		// And no edge is made up: not every file imports every other.
		expect(edge('core/rng.ts', 'ui/render.tsx')).toBeUndefined();
	});
});

describe('the dependency rule', () => {
	it('holds for the source as it is', () => {
		expect(dependencyProblems(graph)).toEqual([]);
	});

	const forbidden: Array<[what: string, from: string, to: string, how: Partial<Import>, message: RegExp]> = [
		['the core importing a view', 'core/migration.ts', 'ui/theme.ts', {}, /^layers: core\/migration\.ts imports ui\/theme\.ts/],
		['the core importing a package', 'core/rng.ts', 'node:crypto', {}, /^core: core\/rng\.ts imports node:crypto/],
		['basics importing a package', 'basics/units.ts', 'chalk', {}, /^basics: basics\/units\.ts imports chalk/],
		['a layer importing one beside it', 'report/summary.ts', 'run/headless.ts', {}, /^layers: report\/summary\.ts imports run\/headless\.ts/],
		['a layer importing one above it, type only', 'config/resolve.ts', 'ui/render.tsx', {typeOnly: true}, /^layers: config\/resolve\.ts imports ui\/render\.tsx/],
		['the console importing config', 'ui/chrome.ts', 'config/resolve.ts', {}, /^ui: ui\/chrome\.ts imports config\/resolve\.ts/],
		['the console importing a demo, dynamically', 'ui/start-console.ts', 'demo/timeline.ts', {dynamic: true}, /^layers: ui\/start-console\.ts imports demo\/timeline\.ts/],
		['a command imported by another module', 'demo/play.ts', 'commands/race.ts', {dynamic: true}, /^commands: demo\/play\.ts imports commands\/race\.ts: only cli\/command-table\.ts/],
		['a command importing another', 'commands/run.ts', 'commands/race.ts', {}, /^commands: commands\/run\.ts imports commands\/race\.ts/],
		['a cycle inside one folder', 'basics/errors.ts', 'basics/units.ts', {}, /^cycle: basics\/errors\.ts -> basics\/units\.ts -> basics\/errors\.ts$/],
		['Ink loaded at start-up', 'commands/race.ts', 'ink', {}, /^start-up: cli\/main\.ts -> cli\/command-table\.ts -> commands\/race\.ts -> ink/],
		['a file in no layer', 'widgets/dial.ts', 'core/index.ts', {}, /^layers: widgets\/dial\.ts is in no layer/],
	];
	for (const [what, from, to, how, message] of forbidden) {
		it(`reports ${what}, naming the files`, () => {
			const problems = dependencyProblems(withImport(from, to, how));
			expect(problems.some((p) => message.test(p)), problems.join('\n')).toBe(true);
		});
	}

	it('allows the same import loaded lazily where only start-up forbids it', () => {
		expect(dependencyProblems(withImport('commands/race.ts', 'ink', {dynamic: true}))).toEqual([]);
	});

	it('reports a cycle through several folders along its whole path', () => {
		// config/resolve.ts -> basics/flag-names.ts exists; back from basics to config closes a cycle.
		const problems = dependencyProblems(withImport('basics/flag-names.ts', 'config/resolve.ts'));
		expect(problems).toContain('cycle: basics/flag-names.ts -> config/resolve.ts -> basics/flag-names.ts');
		expect(problems.some((p) => p.startsWith('layers: basics/flag-names.ts imports config/resolve.ts'))).toBe(true);
	});
});
