import {existsSync, readdirSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import type {RawOptions} from './resolve.js';
import {UsageError} from '../basics/errors.js';
import {printable} from '../basics/printable.js';
import {readRegularFileSync} from '../basics/regular-file.js';
import {UsageProblems} from '../basics/usage-problems.js';
import {demosDir} from './package-root.js';
import {type ScenarioFile, scenarioFileSchema} from './scenario-schema.js';

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
		const lines = parsed.error.issues.map((i) => printable(`${path}: ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`));
		throw lines.length === 1 ? new UsageError(lines[0]) : new UsageProblems(path, lines);
	}
	const file = withPrintableText(parsed.data);
	const {raw, paths} = toRawOptions(file, dirname(path));
	return {path, name: basename(path).replace(/\.json$/, ''), file, raw, paths};
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
