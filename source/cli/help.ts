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

/** --help fits an 80-column terminal (and a pipe read on one): every line, wrapped at words. */
export const HELP_COLUMNS = 80;
/** meow indents the help text by two columns. */
const WIDTH = HELP_COLUMNS - 2;

/** Words of `text` in lines of at most `w` columns (a word longer than a line stands alone). */
function wrap(text: string, w: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > w) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return line ? [...lines, line] : lines;
}

/**
 * "  name   text" with the text wrapped in its column; a name too wide for the column takes
 * its own line, the text starting under the column.
 */
function entry(name: string, text: string, column: number): string[] {
	const indent = ' '.repeat(2 + column + 1);
	const body = wrap(text, WIDTH - indent.length);
	if (name.length > column) return [`  ${name}`, ...body.map((l) => indent + l)];
	return body.map((l, i) => (i === 0 ? `  ${name.padEnd(column)} ${l}` : indent + l));
}

export function helpText(commands: readonly Command[], flags: readonly FlagSpec[]): string {
	const lines = [
		'Usage',
		'  $ livemig [command] [flags]',
		'',
		'Commands',
		...commands.flatMap((c) => entry(c.usage, c.summary, 24)),
		'',
		...wrap(
			'Sizes take B, KiB, MiB, GiB, TiB; rates bit/s with K, M, G (1Gbit/s); times us, ms, s, min; ' +
				'shares 30% or 0.3. On a terminal it opens the live console; with --json, when output ' +
				'is not a terminal, or on TERM=dumb, it runs headless and prints the report or a summary table.',
			WIDTH,
		),
	];
	for (const [group, title] of groups) {
		lines.push('', title);
		for (const f of flags.filter((x) => x.group === group)) {
			const name = `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`;
			const def = typeof f.default === 'string' ? ` (default ${f.default})` : '';
			lines.push(...entry(name, `${f.help}${def}`, 28));
		}
	}
	lines.push('', 'Workloads');
	for (const [name, p] of Object.entries(presets)) lines.push(...entry(name, p.imitates, 16));
	lines.push(...entry('trace', 'replays an access trace (--trace FILE)', 16));
	lines.push(
		'',
		'Examples',
		'  $ livemig                                   the race on the default scenario',
		'  $ livemig race --workload mmuncher --json   headless, JSON report on stdout',
		'  $ livemig run postcopy --no-prepaging',
		'  $ livemig race --policy qemu --auto-converge --workload mmuncher',
		'  $ livemig snapshot --at stop --out stop.svg the frame at the stop, as SVG',
	);
	return lines.join('\n');
}
