// --help and the flag checks against the command table they are made from: every flag is
// documented once with the default the resolver applies, every command has its line, and a
// command refuses exactly the flags it does not read, pointing at the commands that do.
import {describe, expect, it} from 'vitest';
import {camel} from '../../source/basics/flag-names.js';
import {strayFlag} from '../../source/cli/argv.js';
import {commands, flagTable, flags} from '../../source/cli/command-table.js';
import {parseArgs} from '../../source/cli/main.js';
import type {Command} from '../../source/config/command.js';
import {globalFlags, type FlagSpec} from '../../source/config/flags.js';
import {resolveOptions} from '../../source/config/resolve.js';
import {parseSweepOptions} from '../../source/sweep/sweep-options.js';
import {cli} from './helpers.js';

const help = parseArgs(['--help']).print!;
const lines = help.split('\n');
const column = (f: FlagSpec) => `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`;
/** An entry's text: its first line (the name in the flag column) and the wrapped lines under it, joined. */
const entryAt = (i: number) => {
	const parts = [lines[i].trim().replace(/\s{2,}/, ' ')];
	for (let k = i + 1; k < lines.length && /^ {20,}\S/.test(lines[k]); k++) parts.push(lines[k].trim());
	return parts.join(' ');
};
/** The entries that document `f`: its name in the flag column. */
const entries = (f: FlagSpec) =>
	lines.flatMap((l, i) => (l.startsWith(`    ${column(f)} `) || l === `    ${column(f)}` ? [entryAt(i)] : []));
const reads = (c: Command, f: FlagSpec) => c.flags.some((x) => x.name === f.name);
const isGlobal = (f: FlagSpec) => globalFlags.includes(f);

describe('--help', () => {
	it('documents every flag of every command once, with its default', () => {
		for (const f of flags) {
			const found = entries(f);
			expect(found, `--${f.name}`).toHaveLength(1);
			if (typeof f.default === 'string') expect(found[0], `--${f.name}`).toMatch(new RegExp(` \\(default ${f.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`));
			// A boolean that is on unless turned off says how to turn it off.
			if (f.default === true) expect(found[0], `--${f.name}`).toContain(`--no-${f.name}`);
		}
	});

	it('has a line for each command, in the table\'s order, and no other', () => {
		const start = lines.indexOf('  Commands') + 1;
		const listed = lines.slice(start, lines.indexOf('', start)).flatMap((l, i) => (/^ {4}\S/.test(l) ? [entryAt(start + i)] : []));
		expect(listed).toEqual(commands.map((c) => `${c.usage} ${c.summary}`));
		for (const c of commands) expect(c.usage.split(' ')[0]).toBe(c.name);
	});

	it('shows the defaults the resolver applies: typing them changes nothing', () => {
		const typed = Object.fromEntries(flags.filter((f) => typeof f.default === 'string').map((f) => [camel(f.name), f.default as string]));
		expect(resolveOptions(typed)).toEqual(resolveOptions({}));
		const sweep = {param: 'dirty-rate', from: '1000', to: '2000'};
		expect(parseSweepOptions({...sweep, ...typed}, 4096)).toEqual(parseSweepOptions(sweep, 4096));
	});

	it('fits 80 columns, every line, wrapped at words (it was 130 wide)', () => {
		for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
		// Wrapped, not cut: every flag's whole help text is there.
		for (const f of flags) expect(entries(f)[0], `--${f.name}`).toContain(f.help.split(' ').slice(-3).join(' '));
	});

	it('prints the version with --version', () => {
		expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});

describe('the flag table', () => {
	it('holds only flags some command reads, or --help and --version', () => {
		for (const f of flags) expect(isGlobal(f) || commands.some((c) => reads(c, f)), `--${f.name}`).toBe(true);
	});

	it('refuses two definitions of one flag (commands sharing a flag share its definition)', () => {
		const twin: Command = {...commands[0], name: 'twin', flags: [{...commands[0].flags[0]}]};
		expect(() => flagTable([...commands, twin])).toThrow(`--${commands[0].flags[0].name} is defined twice (again by twin)`);
	});
});

describe('a command and the flags it reads', () => {
	const value = (f: FlagSpec) => (f.type === 'string' ? [`--${f.name}`, 'x'] : [`--${f.name}`]);

	for (const c of commands) {
		it(`${c.name} refuses each flag it does not read, naming the commands that do`, () => {
			for (const f of flags.filter((x) => !isGlobal(x))) {
				const inv = parseArgs([c.name, ...value(f)]);
				const stray = strayFlag(c, commands, inv.given);
				if (reads(c, f)) {
					expect(stray, `${c.name} --${f.name}`).toBeNull();
					continue;
				}
				const [, users] = /^--[a-z-]+: does not apply to [a-z]+ \(it is for ([a-z, ]+)\)$/.exec(stray ?? '') ?? [];
				expect(stray, `${c.name} --${f.name}`).toMatch(new RegExp(`^--${f.name}: does not apply to ${c.name}`));
				// Each command named reads the flag; none that reads it is left out.
				expect(users.split(', ').sort()).toEqual(commands.filter((x) => reads(x, f)).map((x) => x.name).sort());
			}
		});
	}

	it('every command takes --help and --version', () => {
		for (const c of commands) for (const f of globalFlags) expect(strayFlag(c, commands, parseArgs([c.name, `--${f.name}`]).given)).toBeNull();
	});
});
