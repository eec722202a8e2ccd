// The command line before meow reads it, and what meow is told: each function here takes the
// flag table (cli/command-table.ts), so an unknown flag, a boolean given a value and a flag
// the command does not read are all refused from the same list --help prints.
import {camel, kebab} from '../basics/flag-names.js';
import type {Command} from '../config/command.js';
import {type FlagSpec, globalFlags} from '../config/flags.js';

type Flags = readonly FlagSpec[];

/** The first argument that names no flag, or null. */
export function findUnknownFlag(argv: string[], flags: Flags): string | null {
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('-') || /^-[0-9.]/.test(arg)) continue;
		if (arg.startsWith('--')) {
			const name = arg.slice(2).split('=')[0];
			const spec = flags.find((f) => f.name === name) ?? flags.find((f) => f.type === 'boolean' && `no-${f.name}` === name);
			if (!spec) return `--${name}`;
		} else {
			const letters = arg.slice(1).split('=')[0];
			for (const letter of letters) if (!flags.some((f) => f.short === letter)) return `-${letter}`;
		}
	}
	return null;
}

/**
 * The first boolean flag given a value other than true or false, as a message; null if none.
 * meow reads `--auto-converge=yes` as off, and `--no-x=...` both ways: refuse rather than guess.
 */
export function badBooleanValue(argv: string[], flags: Flags): string | null {
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('--') || !arg.includes('=')) continue;
		const [name, value] = [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
		if (flags.some((f) => f.type === 'boolean' && f.name === name) && value !== 'true' && value !== 'false')
			return `--${name}: takes no value, or true or false, got "${value}"`;
		if (!flags.some((f) => f.name === name) && flags.some((f) => f.type === 'boolean' && `no-${f.name}` === name))
			return `--${name}: takes no value, got "${value}"`;
	}
	return null;
}

/** Flags the user typed, camelCase (so a scenario file's values are kept for the others). */
export function givenFlags(argv: string[], flags: Flags): Set<string> {
	const given = new Set<string>();
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('--')) continue;
		let name = arg.slice(2).split('=')[0];
		if (!flags.some((f) => f.name === name) && name.startsWith('no-')) name = name.slice(3);
		given.add(camel(name));
	}
	return given;
}

export function meowFlags(flags: Flags): Record<string, {type: 'string' | 'boolean'; shortFlag?: string; default?: boolean}> {
	const out: Record<string, {type: 'string' | 'boolean'; shortFlag?: string; default?: boolean}> = {};
	for (const f of flags) {
		out[camel(f.name)] = {
			type: f.type,
			...(f.short ? {shortFlag: f.short} : {}),
			// String defaults are applied when resolving, so a scenario file can tell given from default.
			...(f.type === 'boolean' && f.default === true ? {default: true} : {}),
		};
	}
	return out;
}

/**
 * Joins `--flag value` into `--flag=value` for flags that take a value, so a value that
 * starts with a dash (`--memory -4GiB`) reaches validation instead of reading as a flag.
 */
export function joinFlagValues(argv: string[], flags: Flags): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--') {
			out.push(...argv.slice(i));
			break;
		}
		const spec = arg.startsWith('--') && !arg.includes('=') ? flags.find((f) => f.name === arg.slice(2)) : undefined;
		if (spec?.type === 'string' && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
			out.push(`${arg}=${argv[++i]}`);
		} else out.push(arg);
	}
	return out;
}

/**
 * The first flag typed that `command` does not read, as a message; null if all apply. Such a
 * flag used to be ignored without a word (race --out x.cast, schema --memory 1PiB).
 */
export function strayFlag(command: Command, commands: readonly Command[], given: ReadonlySet<string>): string | null {
	const reads = (c: Command, name: string) => c.flags.some((f) => f.name === name);
	for (const key of given) {
		const name = kebab(key);
		if (reads(command, name) || globalFlags.some((f) => f.name === name)) continue;
		const users = commands.filter((c) => reads(c, name)).map((c) => c.name);
		return `--${name}: does not apply to ${command.name}${users.length ? ` (it is for ${users.join(', ')})` : ''}`;
	}
	return null;
}
