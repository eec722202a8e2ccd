// The one table of command-line flags: meow's definitions, the unknown-flag check and the
// help text are all made from it.
import {camel} from '../basics/flag-names.js';

export interface FlagSpec {
	name: string; // kebab-case, as typed
	type: 'string' | 'boolean';
	/** Shown in help; booleans default to false unless given. */
	default?: string | boolean;
	value?: string; // placeholder in help, e.g. SIZE
	help: string;
	group: 'vm' | 'link' | 'workload' | 'precopy' | 'postcopy' | 'run' | 'console' | 'output';
	short?: string;
}

export const flagSpecs: FlagSpec[] = [
	{name: 'memory', type: 'string', default: '4GiB', value: 'SIZE', help: 'VM memory', group: 'vm'},
	{name: 'page-size', type: 'string', default: '4KiB', value: 'SIZE', help: 'page size (a power of two)', group: 'vm'},
	{name: 'cpu-state', type: 'string', default: '110000B', value: 'SIZE', help: 'CPU and device state sent at the switch (QEMU\'s default devices: ~110 KB)', group: 'vm'},
	{name: 'switchover-cost', type: 'string', value: 'TIME', help: 'fixed cost of pausing and resuming the VM (default: xen 60ms, as Clark measured; qemu 5ms)', group: 'vm'},
	{name: 'free-memory', type: 'string', default: '0%', value: 'SHARE', help: 'share of memory that is free (ballooning skips it)', group: 'vm'},
	{name: 'zero-memory', type: 'string', default: '0%', value: 'SHARE', help: 'share of memory in zero pages (sent as a header)', group: 'vm'},
	{name: 'bandwidth', type: 'string', default: '1Gbit/s', value: 'RATE', help: 'link bandwidth', group: 'link'},
	{name: 'rtt', type: 'string', default: '1ms', value: 'TIME', help: 'link round-trip time', group: 'link'},
	{name: 'link-down-at', type: 'string', value: 'TIME', help: 'the link fails at this simulated time', group: 'link'},
	{name: 'link-down-for', type: 'string', value: 'TIME', help: 'and comes back after this long (default: never)', group: 'link'},
	{name: 'workload', type: 'string', default: 'hotspot', value: 'NAME', help: 'idle, uniform, hotspot, sequential, web, game, kernel-compile, hpc, mmuncher, trace', group: 'workload'},
	{name: 'dirty-rate', type: 'string', value: 'PAGES/S', help: 'page writes per second (default: the workload\'s)', group: 'workload'},
	{name: 'read-rate', type: 'string', value: 'PAGES/S', help: 'page reads per second (default: the workload\'s)', group: 'workload'},
	{name: 'wss', type: 'string', value: 'SIZE', help: 'writable working set or swept region (default: the workload\'s)', group: 'workload'},
	{name: 'seed', type: 'string', default: '42', value: 'N', help: 'seed of every random choice (0 to 4294967295)', group: 'workload'},
	{name: 'trace', type: 'string', value: 'FILE', help: 'access trace to replay (with --workload trace)', group: 'workload'},
	{name: 'trace-loop', type: 'boolean', help: 'repeat the trace when it ends (otherwise the VM idles)', group: 'workload'},
	{name: 'policy', type: 'string', default: 'xen', value: 'xen|xen-today|qemu', help: 'pre-copy loop: Xen\'s legacy one, today\'s Xen (5 iterations, 50 pages), QEMU\'s', group: 'precopy'},
	{name: 'max-rounds', type: 'string', default: '29', value: 'N', help: 'xen: live rounds at most, then the last, up to 1000 (Xen\'s DEF_MAX_ITERS 29)', group: 'precopy'},
	{name: 'cancel-after', type: 'string', value: 'TIME', help: 'cancel a migration not switched over by then; the VM stays (default qemu: 800s per GiB, as Nova and KubeVirt; never)', group: 'precopy'},
	{name: 'downtime-limit', type: 'string', default: '300ms', value: 'TIME', help: 'qemu: stop when the rest fits in this', group: 'precopy'},
	{name: 'auto-converge', type: 'boolean', help: 'qemu: throttle the vCPU when dirtying outpaces sending', group: 'precopy'},
	{name: 'max-bandwidth', type: 'string', value: 'RATE', help: 'qemu: cap of the migration stream in live rounds, lifted for the stop-and-copy (default 128MiB/s as QEMU; unlimited)', group: 'precopy'},
	{name: 'rate-limit', type: 'boolean', help: 'xen: dynamic rate limiting (100 Mbit/s, +50 per round, at most 500)', group: 'precopy'},
	{name: 'prepaging', type: 'boolean', default: true, help: 'post-copy: push pages around the latest fault first (--no-prepaging)', group: 'postcopy'},
	{name: 'balloon', type: 'boolean', help: 'dynamic self-ballooning: free pages are not sent', group: 'postcopy'},
	{name: 'postcopy-recovery', type: 'boolean', default: true, help: 'post-copy pauses and recovers when the link fails (--no-postcopy-recovery: the VM is lost)', group: 'postcopy'},
	{name: 'max-postcopy-bandwidth', type: 'string', value: 'RATE', help: 'cap of the stream after the switch to post-copy (default unlimited, as QEMU)', group: 'postcopy'},
	{name: 'precopy-rounds', type: 'string', default: '1', value: 'N', help: 'hybrid: pre-copy rounds before post-copy', group: 'postcopy'},
	{name: 'algorithms', type: 'string', default: 'precopy,postcopy', value: 'LIST', help: 'which to race: precopy, postcopy, hybrid', group: 'run'},
	{name: 'scenario', type: 'string', value: 'FILE|NAME', help: 'load a scenario file or a shipped scenario; flags override it', group: 'run'},
	{name: 'speed', type: 'string', value: 'X', help: 'console: simulated time per wall second (default: the race lasts ~30 s)', group: 'console'},
	{name: 'fps', type: 'string', default: '30', value: 'N', help: 'console: frames per second at most', group: 'console'},
	{name: 'color', type: 'boolean', default: true, help: 'colour (--no-color, or NO_COLOR in the environment, turns it off)', group: 'console'},
	{name: 'ascii', type: 'boolean', help: 'ASCII glyphs only (automatic when the locale is not UTF-8)', group: 'console'},
	{name: 'json', type: 'boolean', help: 'print the JSON report and exit', group: 'output'},
	{name: 'help', type: 'boolean', short: 'h', help: 'show this help', group: 'output'},
	{name: 'version', type: 'boolean', short: 'v', help: 'show the version', group: 'output'},
];

/** Flags other commands add (sweep, trace, demo, record) register here before parsing. */
export function registerFlags(specs: FlagSpec[]): void {
	for (const spec of specs) if (!flagSpecs.some((f) => f.name === spec.name)) flagSpecs.push(spec);
}

/** The first argument that names no flag, or null. */
export function findUnknownFlag(argv: string[]): string | null {
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('-') || /^-[0-9.]/.test(arg)) continue;
		if (arg.startsWith('--')) {
			const name = arg.slice(2).split('=')[0];
			const spec = flagSpecs.find((f) => f.name === name) ?? flagSpecs.find((f) => f.type === 'boolean' && `no-${f.name}` === name);
			if (!spec) return `--${name}`;
		} else {
			const letters = arg.slice(1).split('=')[0];
			for (const letter of letters) if (!flagSpecs.some((f) => f.short === letter)) return `-${letter}`;
		}
	}
	return null;
}

/**
 * The first boolean flag given a value other than true or false, as a message; null if none.
 * meow reads `--auto-converge=yes` as off, and `--no-x=...` both ways: refuse rather than guess.
 */
export function badBooleanValue(argv: string[]): string | null {
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('--') || !arg.includes('=')) continue;
		const [name, value] = [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
		if (flagSpecs.some((f) => f.type === 'boolean' && f.name === name) && value !== 'true' && value !== 'false')
			return `--${name}: takes no value, or true or false, got "${value}"`;
		if (!flagSpecs.some((f) => f.name === name) && flagSpecs.some((f) => f.type === 'boolean' && `no-${f.name}` === name))
			return `--${name}: takes no value, got "${value}"`;
	}
	return null;
}

/** Flags the user typed (so a scenario file's values are kept for the others). */
export function givenFlags(argv: string[]): Set<string> {
	const given = new Set<string>();
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('--')) continue;
		let name = arg.slice(2).split('=')[0];
		if (!flagSpecs.some((f) => f.name === name) && name.startsWith('no-')) name = name.slice(3);
		given.add(camel(name));
	}
	return given;
}

export function meowFlags(): Record<string, {type: 'string' | 'boolean'; shortFlag?: string; default?: boolean}> {
	const out: Record<string, {type: 'string' | 'boolean'; shortFlag?: string; default?: boolean}> = {};
	for (const f of flagSpecs) {
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
export function joinFlagValues(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--') {
			out.push(...argv.slice(i));
			break;
		}
		const spec = arg.startsWith('--') && !arg.includes('=') ? flagSpecs.find((f) => f.name === arg.slice(2)) : undefined;
		if (spec?.type === 'string' && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
			out.push(`${arg}=${argv[++i]}`);
		} else out.push(arg);
	}
	return out;
}
