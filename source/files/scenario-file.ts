import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import type {RawOptions} from '../cli/resolve.js';
import {UsageError} from '../cli/resolve.js';
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

/** A file path, or the name of a shipped scenario in demos/. */
export function locateScenario(nameOrPath: string, flag = '--scenario'): string {
	if (existsSync(nameOrPath) && statSync(nameOrPath).isFile()) return resolve(nameOrPath);
	const shipped = join(demosDir(), `${nameOrPath.replace(/\.json$/, '')}.json`);
	if (existsSync(shipped)) return shipped;
	throw new UsageError(`${flag}: no file or shipped scenario named "${nameOrPath}" (livemig scenarios lists them)`);
}

export function loadScenario(nameOrPath: string, flag = '--scenario'): LoadedScenario {
	const path = locateScenario(nameOrPath, flag);
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
	}
	const parsed = scenarioFileSchema.safeParse(json);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `${path}: ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
		throw new UsageError(lines.join('\nlivemig: '));
	}
	const {raw, paths} = toRawOptions(parsed.data, dirname(path));
	return {path, name: basename(path).replace(/\.json$/, ''), file: parsed.data, raw, paths};
}

/** The file's values under the flags' names, so one resolver serves flags and files. */
function toRawOptions(f: ScenarioFile, dir: string): {raw: RawOptions; paths: Record<string, string>} {
	const raw: RawOptions = {};
	const paths: Record<string, string> = {};
	const put = (key: string, path: string, value: string | number | boolean | undefined) => {
		if (value === undefined) return;
		raw[key] = value;
		paths[key] = path;
	};
	put('memory', 'vm.memory', f.vm?.memory);
	put('pageSize', 'vm.pageSize', f.vm?.pageSize);
	put('cpuState', 'vm.cpuState', f.vm?.cpuState);
	put('freeMemory', 'vm.freeMemory', f.vm?.freeMemory);
	put('zeroMemory', 'vm.zeroMemory', f.vm?.zeroMemory);
	put('bandwidth', 'link.bandwidth', f.link?.bandwidth);
	put('rtt', 'link.rtt', f.link?.rtt);
	put('linkDownAt', 'link.failure.at', f.link?.failure?.at);
	put('linkDownFor', 'link.failure.for', f.link?.failure?.for);
	put('workload', 'workload.kind', f.workload?.kind);
	put('dirtyRate', 'workload.dirtyRate', f.workload?.dirtyRate);
	put('readRate', 'workload.readRate', f.workload?.readRate);
	put('wss', 'workload.wss', f.workload?.wss);
	put('trace', 'workload.trace', f.workload?.trace === undefined ? undefined : resolve(dir, f.workload.trace));
	put('traceLoop', 'workload.traceLoop', f.workload?.traceLoop);
	put('algorithms', 'algorithms', f.algorithms?.join(','));
	put('policy', 'precopy.policy', f.precopy?.policy);
	put('maxRounds', 'precopy.maxRounds', f.precopy?.maxRounds);
	put('downtimeLimit', 'precopy.downtimeLimit', f.precopy?.downtimeLimit);
	put('autoConverge', 'precopy.autoConverge', f.precopy?.autoConverge);
	put('rateLimit', 'precopy.rateLimit', f.precopy?.rateLimit);
	put('prepaging', 'postcopy.prepaging', f.postcopy?.prepaging);
	put('balloon', 'postcopy.balloon', f.postcopy?.balloon);
	put('postcopyRecovery', 'postcopy.recovery', f.postcopy?.recovery);
	put('precopyRounds', 'hybrid.precopyRounds', f.hybrid?.precopyRounds);
	put('seed', 'seed', f.seed);
	put('speed', 'speed', f.speed);
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
