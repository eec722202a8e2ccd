// The dependency rule of source/, as a function over an import graph (import-graph.ts): every
// problem is one message naming the files, so a test can show that each rule catches the
// import it forbids. The README's "Architecture" section states the same rule in words.
import {COMPUTED, type Import, type ImportGraph} from './import-graph.js';

/**
 * Layers from the bottom: a folder may import itself and the layers below it, never a
 * folder beside it or above. trace/ sits under config/, which attaches traces to runs.
 * cli/ (cli.ts, argv parsing, the command table) is the top.
 */
export const layers: ReadonlyArray<readonly string[]> = [['core'], ['basics'], ['trace'], ['config', 'report', 'run'], ['watch'], ['sweep', 'ui'], ['demo'], ['commands'], ['cli']];

/** The console takes a resolved run; it never reaches into how the run was made or played. */
const uiNever = ['cli', 'config', 'commands', 'demo'];

/** The one module that imports commands/. */
export const commandTable = 'cli/command-table.ts';

/** What every run loads before its command runs: cli.ts and cli/main.ts (loaded by cli.ts). */
const startupRoots = ['cli.ts', 'cli/main.ts'];
/** Loaded by commands inside run(), never at start-up: the console's first frame waits for nothing heavy. */
const heavyAtStartup = ['ink', 'react', 'zod', 'node:worker_threads'];

/** What the import() of a computed path loads, where one is needed: ink's reconciler and Output, found beside ink's entry. */
const computedImports: Record<string, string> = {'ui/render-now.ts': 'ink', 'ui/ink-output-cache.ts': 'ink'};

const isPackage = (to: string) => !/\.tsx?$/.test(to);

/** "ui/theme.ts" -> "ui"; "cli.ts" -> "cli"; another file directly in source/ has no folder. */
export function folderOf(file: string): string {
	if (file === 'cli.ts') return 'cli';
	return file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
}

const tierOf = (folder: string) => layers.findIndex((tier) => tier.includes(folder));

function layerProblems(from: string, to: string): string[] {
	const [a, b] = [folderOf(from), folderOf(to)];
	const problems: string[] = [];
	if (b === 'commands' && from !== commandTable) problems.push(`commands: ${from} imports ${to}: only ${commandTable} imports commands/`);
	if (a === b) return problems;
	const below = layers.slice(0, Math.max(0, tierOf(a))).flat();
	if (!below.includes(b)) problems.push(`layers: ${from} imports ${to}, but ${a}/ may import only ${below.length ? below.map((f) => `${f}/`).join(', ') : 'itself'}`);
	if (a === 'ui' && uiNever.includes(b)) problems.push(`ui: ${from} imports ${to}: the console never imports ${uiNever.map((f) => `${f}/`).join(', ')}`);
	return problems;
}

function packageProblems(from: string, to: string): string[] {
	const folder = folderOf(from);
	if (folder === 'core') return [`core: ${from} imports ${to}: the core imports nothing outside core/`];
	if (folder === 'basics' && !to.startsWith('node:')) return [`basics: ${from} imports ${to}: basics/ imports only node's builtins (and core/)`];
	return [];
}

/** One cycle through each strongly connected group of files (Tarjan), as "a -> b -> a". */
export function cycles(graph: ImportGraph): string[][] {
	const edges = (f: string) => [...new Set((graph.get(f) ?? []).map((i) => i.to).filter((t) => graph.has(t)))];
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let next = 0;
	const connect = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of edges(v)) {
			if (!index.has(w)) {
				connect(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) !== index.get(v)) return;
		const group: string[] = [];
		let w: string;
		do {
			w = stack.pop()!;
			onStack.delete(w);
			group.push(w);
		} while (w !== v);
		if (group.length > 1 || edges(v).includes(v)) found.push(pathBack(v, new Set(group), edges));
	};
	for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
	return found;
}

/** The shortest path from `start` back to itself inside `group`. */
function pathBack(start: string, group: ReadonlySet<string>, edges: (f: string) => string[]): string[] {
	const cameFrom = new Map<string, string>();
	const queue = [start];
	while (queue.length) {
		const v = queue.shift()!;
		for (const w of edges(v)) {
			if (!group.has(w)) continue;
			if (w === start) {
				const path = [start];
				for (let u: string | undefined = v; u !== start && u !== undefined; u = cameFrom.get(u)) path.splice(1, 0, u);
				return [...path, start];
			}
			if (!cameFrom.has(w)) {
				cameFrom.set(w, v);
				queue.push(w);
			}
		}
	}
	return [start, start];
}

/** A heavy package reached from the start-up roots by static, non-type imports, as the chain that reaches it. */
function heavyAtStart(graph: ImportGraph): string[] {
	const cameFrom = new Map<string, string>();
	const queue = startupRoots.filter((r) => graph.has(r));
	for (const r of queue) cameFrom.set(r, '');
	const problems: string[] = [];
	while (queue.length) {
		const v = queue.shift()!;
		for (const i of graph.get(v) ?? []) {
			if (i.dynamic || i.typeOnly || cameFrom.has(i.to)) continue;
			cameFrom.set(i.to, v);
			if (heavyAtStartup.includes(i.to)) {
				const chain = [i.to];
				for (let u = v; u; u = cameFrom.get(u)!) chain.unshift(u);
				problems.push(`start-up: ${chain.join(' -> ')}: load ${i.to} inside a command's run(), with import()`);
			} else if (!isPackage(i.to)) queue.push(i.to);
		}
	}
	return problems;
}

/** Every way `graph` breaks the dependency rule, one message each; none: it keeps the rule. */
export function dependencyProblems(graph: ImportGraph): string[] {
	const problems: string[] = [];
	for (const [from, imports] of graph) {
		if (tierOf(folderOf(from)) < 0) problems.push(`layers: ${from} is in no layer (add its folder to test/architecture/rules.ts and the README)`);
		for (const i of imports as Import[]) {
			const to = i.to === COMPUTED ? computedImports[from] : i.to;
			if (to === undefined) problems.push(`computed: ${from} imports a path computed as it runs: name the module, or list it in test/architecture/rules.ts`);
			else problems.push(...(isPackage(to) ? packageProblems(from, to) : layerProblems(from, to)));
		}
	}
	for (const cycle of cycles(graph)) problems.push(`cycle: ${cycle.join(' -> ')}`);
	problems.push(...heavyAtStart(graph));
	return [...new Set(problems)];
}
