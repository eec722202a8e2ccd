// The text of --help, made from the command table: a line per command, the flags by group
// (each with its default), the workloads and a few examples.
import {presets} from '../core/index.js';
import type {Command} from '../config/command.js';
import type {FlagSpec} from '../config/flags.js';

const groups: Array<[FlagSpec['group'], string]> = [
	['vm', 'The VM'],
	['link', 'The link'],
	['workload', 'The workload'],
	['precopy', 'Pre-copy'],
	['postcopy', 'Post-copy and hybrid'],
	['run', 'What to run'],
	['console', 'The console'],
	['output', 'Output'],
];

export function helpText(commands: readonly Command[], flags: readonly FlagSpec[]): string {
	const lines = [
		'Usage',
		'  $ livemig [command] [flags]',
		'',
		'Commands',
		...commands.map((c) => `  ${c.usage.padEnd(32)} ${c.summary}`),
		'',
		'Sizes take B, KiB, MiB, GiB, TiB; rates bit/s with K, M, G (1Gbit/s); times us, ms, s, min;',
		'shares 30% or 0.3. On a terminal it opens the live console; with --json, or when output',
		'is not a terminal, it runs headless and prints the report or a summary table.',
	];
	for (const [group, title] of groups) {
		lines.push('', title);
		for (const f of flags.filter((x) => x.group === group)) {
			const name = `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`;
			const def = typeof f.default === 'string' ? ` (default ${f.default})` : '';
			lines.push(`  ${name.padEnd(32)} ${f.help}${def}`);
		}
	}
	lines.push('', 'Workloads');
	for (const [name, p] of Object.entries(presets)) lines.push(`  ${name.padEnd(16)} ${p.imitates}`);
	lines.push(`  ${'trace'.padEnd(16)} replays an access trace (--trace FILE)`);
	lines.push(
		'',
		'Examples',
		'  $ livemig                                   the race on the default scenario',
		'  $ livemig race --workload mmuncher --json   headless, JSON report on stdout',
		'  $ livemig run postcopy --no-prepaging',
		'  $ livemig race --policy qemu --auto-converge --workload mmuncher',
	);
	return lines.join('\n');
}
