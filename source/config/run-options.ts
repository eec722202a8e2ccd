// A run resolved from the command line: the flags, over a scenario file's values when one is
// named, and for race and run the arguments after the command.
import {algorithms, type Algorithm} from '../core/index.js';
import {UsageError} from '../basics/errors.js';
import {flagOf} from '../basics/flag-names.js';
import {type Invocation, refuseArguments} from './command.js';
import {type RawOptions, type Resolved, resolveOptions} from './resolve.js';
import type {LoadedScenario} from './scenario-file.js';
import type {ScenarioFile} from './scenario-schema.js';

export interface RunOptions extends Resolved {
	/** From a scenario file: its title, one-paragraph description and demo timeline. */
	title: string | null;
	description: string | null;
	demo: ScenarioFile['demo'] | null;
	/** The scenario file or shipped name loaded, if any. */
	scenarioName: string | null;
}

export interface MergedOptions {
	raw: RawOptions;
	label: (key: string) => string;
	loaded: LoadedScenario | null;
}

/**
 * Flags, or a scenario file (`--scenario FILE|NAME`, or `fromFile`) with the flags the user
 * typed (`given`) on top. Errors name the flag, or the file and the path in it.
 */
export async function mergeScenarioFlags(flags: RawOptions, given: ReadonlySet<string>, fromFile?: string): Promise<MergedOptions> {
	const source = fromFile ?? (typeof flags.scenario === 'string' ? flags.scenario : undefined);
	if (source === '') throw new UsageError('--scenario: needs a file or a shipped scenario name');
	if (source === undefined) return {raw: flags, label: flagOf, loaded: null};
	// zod and the file reader load only when a scenario file is used.
	const {loadScenario} = await import('./scenario-file.js');
	const loaded = loadScenario(source, fromFile ? 'demo' : '--scenario');
	const typed = Object.fromEntries(Object.entries(flags).filter(([key]) => given.has(key) && key !== 'scenario'));
	return {
		raw: {...loaded.raw, ...typed},
		label: (key) => (given.has(key) || !(key in loaded.paths) ? flagOf(key) : `${loaded.path}: ${loaded.paths[key]}`),
		loaded,
	};
}

export async function resolveWithScenario(flags: RawOptions, given: ReadonlySet<string>, fromFile?: string): Promise<RunOptions> {
	const {raw, label, loaded} = await mergeScenarioFlags(flags, given, fromFile);
	return {
		...resolveOptions(raw, label),
		title: loaded?.file.title ?? null,
		description: loaded?.file.description ?? null,
		demo: loaded?.file.demo ?? null,
		scenarioName: loaded?.name ?? null,
	};
}

/** `livemig race`: the algorithms come from --algorithms (or the file); no arguments. */
export async function resolveRace(inv: Invocation): Promise<RunOptions> {
	const resolved = await resolveWithScenario(inv.flags, inv.given);
	refuseArguments(inv);
	return resolved;
}

/** `livemig run ALGORITHM`: that one algorithm, full width. */
export async function resolveSingle(inv: Invocation): Promise<RunOptions> {
	const resolved = await resolveWithScenario(inv.flags, inv.given);
	const name = inv.input[0];
	if (!name) throw new UsageError('run: needs an algorithm: precopy, postcopy or hybrid');
	if (!(algorithms as readonly string[]).includes(name)) throw new UsageError(`run: unknown algorithm "${name}" (known: ${algorithms.join(', ')})`);
	refuseArguments(inv, 1);
	resolved.algorithms = [name as Algorithm];
	return resolved;
}
