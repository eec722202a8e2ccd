import type {z} from 'zod';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import type {RawOptions} from './resolve.js';
import {UsageError} from '../basics/errors.js';
import {printable} from '../basics/printable.js';
import {readRegularFileSync} from '../basics/regular-file.js';
import {UsageProblems} from '../basics/usage-problems.js';
import {demosDir} from './package-root.js';
import {type ScenarioFile, scenarioFileSchema, timelineStepKinds} from './scenario-schema.js';

export interface LoadedScenario {
	path: string;
	/** The shipped scenario's name, or the file's base name. */
	name: string;
	file: ScenarioFile;
	raw: RawOptions;
	/** Where each option came from in the file, for error messages. */
	paths: Record<string, string>;
}

/** A scenario file is a page of JSON; anything bigger is not one, and is refused unread. */
export const MAX_SCENARIO_BYTES = 2 ** 20;

/** A file path, or the name of a shipped scenario in demos/. */
export function locateScenario(nameOrPath: string, flag = '--scenario'): string {
	const shipped = join(demosDir(), `${nameOrPath.replace(/\.json$/, '')}.json`);
	if (existsSync(nameOrPath)) {
		// Something there that is not a file (a folder, a FIFO): a shipped name wins, or the
		// reader says what it is.
		if (statSync(nameOrPath).isFile() || !existsSync(shipped)) return resolve(nameOrPath);
	}
	if (existsSync(shipped)) return shipped;
	throw new UsageError(`${flag}: no file or shipped scenario named "${nameOrPath}" (livemig scenarios lists them)`);
}

export function loadScenario(nameOrPath: string, flag = '--scenario'): LoadedScenario {
	const path = locateScenario(nameOrPath, flag);
	const text = readRegularFileSync(path, `${flag}: cannot read ${path}`, MAX_SCENARIO_BYTES).toString('utf8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${path}: not valid JSON: ${printable((error as Error).message)}`);
	}
	const parsed = scenarioFileSchema.safeParse(json);
	if (!parsed.success) {
		// printable: a value quoted in a message could hold a line break (one line a problem).
		const lines = parsed.error.issues.map((i) => printable(`${path}: ${issueText(i, json)}`));
		throw lines.length === 1 ? new UsageError(lines[0]) : new UsageProblems(path, lines);
	}
	const file = withPrintableText(parsed.data);
	const {raw, paths} = toRawOptions(file, dirname(path));
	return {path, name: basename(path).replace(/\.json$/, ''), file, raw, paths};
}

/**
 * An issue as `where: what`. A demo step matches none of the step shapes (a zod union):
 * say which shape its key names and what is wrong there, or that no step has that key.
 */
function issueText(issue: z.core.$ZodIssue, json: unknown): string {
	const where = (p: readonly PropertyKey[]) => (p.length ? p.map(String).join('.') : '(top level)');
	if (issue.code !== 'invalid_union' || issue.path[0] !== 'demo') return `${where(issue.path)}: ${issue.message}`;
	const step = issue.path.reduce<unknown>((node, k) => (node as Record<PropertyKey, unknown> | undefined)?.[k], json);
	const keys = step && typeof step === 'object' ? Object.keys(step) : [];
	const kind = timelineStepKinds.find((k) => keys.includes(k));
	if (!kind) return `${where(issue.path)}: not a step: ${keys.length ? `"${keys[0]}"` : 'no key'} (a step is one of ${timelineStepKinds.join(', ')})`;
	// The branch for that kind: the one whose issues do not complain about the kind's key being unknown or missing.
	for (const branch of issue.errors) {
		const misfit = branch.some((b) => (b.code === 'unrecognized_keys' && b.keys.includes(kind)) || (b.code === 'invalid_type' && b.path.length === 1 && b.path[0] !== kind && !keys.includes(String(b.path[0]))));
		if (misfit || branch.length === 0) continue;
		const b = branch[0];
		return `${where([...issue.path, ...b.path])}: ${b.message}`;
	}
	return `${where(issue.path)}: ${issue.message}`;
}

/** The file with the text the console shows (title, description, captions) made printable. */
function withPrintableText(f: ScenarioFile): ScenarioFile {
	const text = (t: string | undefined) => (t === undefined ? undefined : printable(t));
	const demo = f.demo && {...f.demo, timeline: f.demo.timeline.map((step) => ('caption' in step ? {...step, caption: printable(step.caption)} : step))};
	return {...f, title: text(f.title), description: text(f.description), ...(demo ? {demo} : {})};
}

/** Where each flag's value sits in a scenario file. */
const fieldPaths: Array<[key: string, path: string]> = [
	['memory', 'vm.memory'],
	['vcpus', 'vm.vcpus'],
	['pageSize', 'vm.pageSize'],
	['cpuState', 'vm.cpuState'],
	['switchoverCost', 'vm.switchoverCost'],
	['nonPageable', 'vm.nonPageable'],
	['freeMemory', 'vm.freeMemory'],
	['zeroMemory', 'vm.zeroMemory'],
	['bandwidth', 'link.bandwidth'],
	['rtt', 'link.rtt'],
	['channelBuffer', 'link.channelBuffer'],
	['linkDownAt', 'link.failure.at'],
	['linkDownFor', 'link.failure.for'],
	['workload', 'workload.kind'],
	['dirtyRate', 'workload.dirtyRate'],
	['readRate', 'workload.readRate'],
	['wss', 'workload.wss'],
	['trace', 'workload.trace'],
	['traceLoop', 'workload.traceLoop'],
	['algorithms', 'algorithms'],
	['policy', 'precopy.policy'],
	['maxRounds', 'precopy.maxRounds'],
	['cancelAfter', 'precopy.cancelAfter'],
	['downtimeLimit', 'precopy.downtimeLimit'],
	['autoConverge', 'precopy.autoConverge'],
	['rateLimit', 'precopy.rateLimit'],
	['maxBandwidth', 'precopy.maxBandwidth'],
	['maxPostcopyBandwidth', 'postcopy.maxBandwidth'],
	['postcopyPlaceRate', 'postcopy.placeRate'],
	['prepaging', 'postcopy.prepaging'],
	['pushOrder', 'postcopy.pushOrder'],
	['faultAround', 'postcopy.faultAround'],
	['postcopyPreempt', 'postcopy.preempt'],
	['balloon', 'postcopy.balloon'],
	['postcopyRecovery', 'postcopy.recovery'],
	['precopyRounds', 'hybrid.precopyRounds'],
	['seed', 'seed'],
	['speed', 'speed'],
];

/** The file's values under the flags' names, so one resolver serves flags and files. */
function toRawOptions(f: ScenarioFile, dir: string): {raw: RawOptions; paths: Record<string, string>} {
	const raw: RawOptions = {};
	const paths: Record<string, string> = {};
	for (const [key, path] of fieldPaths) {
		let value = path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], f);
		if (value === undefined) continue;
		if (key === 'trace') value = resolve(dir, String(value));
		if (key === 'algorithms') value = (value as string[]).join(',');
		raw[key] = value as string | number | boolean;
		paths[key] = path;
	}
	return {raw, paths};
}

export interface ShippedScenario {
	name: string;
	title: string;
	description: string;
	hasDemo: boolean;
}

export function shippedScenarios(): ShippedScenario[] {
	return readdirSync(demosDir())
		.filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
		.sort()
		.map((f) => {
			const {file, name} = loadScenario(join(demosDir(), f));
			return {name, title: file.title ?? name, description: file.description ?? '', hasDemo: Boolean(file.demo)};
		});
}
