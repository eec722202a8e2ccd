import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from './helpers.js';

/**
 * The built CLI, headless, stopped after `seconds`: inputs that once hung must now be
 * refused at once, so a regression shows as a failure (status null), not a stuck suite.
 * The limit is generous for a loaded machine; a refusal takes well under a second.
 */
function cli(args: string[], seconds = 30) {
	const r = spawnSync(process.execPath, [cliPath, ...args], {
		encoding: 'utf8',
		env: {...process.env, CI: 'true'},
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: seconds * 1000,
	});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

function expectRefused(args: string[], message: RegExp) {
	const r = cli(args);
	expect(r.status).toBe(2);
	expect(r.stdout).toBe('');
	expect(r.stderr).toMatch(message);
	expect(r.stderr.trim().split('\n')).toHaveLength(1);
	expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}

const dir = mkdtempSync(join(tmpdir(), 'livemig-inputs-'));

describe('inputs past what the model runs in reasonable time are refused, naming the limit', () => {
	const cases: Array<[string[], RegExp]> = [
		// Each of these hung or ran for minutes before.
		[['--bandwidth', '1e25'], /^livemig: --bandwidth: at most 10 Tbit\/s/],
		[['--dirty-rate', '1e12'], /^livemig: --dirty-rate: at most 10,000,000 pages\/s/],
		[['--bandwidth', '1bit/s'], /^livemig: --bandwidth: at least [\d.]+ Kbit\/s for 4 GiB of memory/],
		[['--bandwidth', '1Mbit/s'], /^livemig: --bandwidth: at least [\d.]+ Mbit\/s in this scenario, got 1 Mbit\/s \(the model's cost grows with accesses/],
		[['--precopy-rounds', '1e6', '--algorithms', 'hybrid'], /^livemig: --precopy-rounds: at most 1,000/],
		[['--max-rounds', '1e6'], /^livemig: --max-rounds: at most 1,000/],
		// Within each flag's range, but the scenario as a whole would cost too much.
		[['--dirty-rate', '1e6'], /^livemig: --dirty-rate: at most [\d,]+ pages\/s in this scenario, got 1,000,000 pages\/s/],
		[['--max-rounds', '1000', '--workload', 'mmuncher', '--memory', '64GiB', '--bandwidth', '10Gbit/s'], /^livemig: --max-rounds: at most \d+ in this scenario/],
		[['--seed', '4294967296'], /^livemig: --seed: at most 4294967295 \(seeds are 32-bit\), got 4294967296/],
		[['sweep', '--param', 'rtt', '--from', '1ms', '--to', '2ms', '--steps', '2', '--seed', '4294967295', '--repeat', '2'], /^livemig: --repeat: 2 seeds from --seed 4294967295 pass the last seed/],
	];
	for (const [args, message] of cases) it(`refuses ${args.join(' ')}`, () => expectRefused([...args, '--json'], message));

	it('a looping trace with a tiny pass is refused with the shortest pass that fits', () => {
		const file = join(dir, 'tiny.trace');
		writeFileSync(file, 'livemig-trace v1 duration=1e-300\n0 5 w\n0 6 r\n');
		expectRefused(['--workload', 'trace', '--trace', file, '--trace-loop', '--memory', '64MiB', '--json'], /tiny\.trace:1: duration: at least [\d.e-]+ ms with --trace-loop, got 1e-300 ms/);
		// The same trace without --trace-loop is two accesses: it runs.
		const once = cli(['--workload', 'trace', '--trace', file, '--memory', '64MiB', '--json']);
		expect(once.status).toBe(0);
	});

	it('a scenario file goes through the same bounds, and the message names its path', () => {
		const file = join(dir, 'fast.json');
		writeFileSync(file, JSON.stringify({link: {bandwidth: '1e25'}, seed: 1}));
		expectRefused(['--scenario', file, '--json'], /fast\.json: link\.bandwidth: at most 10 Tbit\/s/);
	});

	it('an extreme link inside the range runs to the end (sendWord sends a whole word at once)', () => {
		const r = cli(['run', 'postcopy', '--bandwidth', '10Tbit/s', '--memory', '256MiB', '--json']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).results[0].outcome).toBe('completed');
	});
});

describe('flags mean what they say', () => {
	it('race --help and run --help print the help and run nothing', () => {
		for (const args of [['race', '--help', '--memory', '128MiB'], ['run', 'precopy', '-h'], ['--json', '--help']]) {
			const r = cli(args);
			expect(r.status).toBe(0);
			expect(r.stderr).toBe('');
			expect(r.stdout).toMatch(/^\s*Watch live VM migration happen/);
			expect(r.stdout).toContain('--dirty-rate');
			expect(r.stdout).not.toMatch(/total time|"results"/);
		}
	});

	it('--version with a command or other flags prints the version only', () => {
		for (const args of [['--version', '--json'], ['race', '--version', '--memory', '128MiB'], ['-v', 'schema']]) {
			const r = cli(args);
			expect(r.status).toBe(0);
			expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
		}
	});

	it('a boolean given true or false does what it says', () => {
		const on = cli(['run', 'precopy', '--policy', 'qemu', '--auto-converge=true', '--memory', '128MiB', '--json']);
		expect(on.status).toBe(0);
		expect(JSON.parse(on.stdout).scenario.precopy.autoConverge).toBe(true);
		const off = cli(['run', 'postcopy', '--prepaging=false', '--memory', '128MiB', '--json']);
		expect(off.status).toBe(0);
		expect(JSON.parse(off.stdout).scenario.postcopy.pushOrder).toBe('linear');
	});

	it('the largest seed is kept as given, not wrapped', () => {
		const r = cli(['run', 'precopy', '--seed', '4294967295', '--memory', '128MiB', '--json']);
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).scenario.seed).toBe(4294967295);
	});

	const refused: Array<[string[], RegExp]> = [
		[['--auto-converge=yes'], /^livemig: --auto-converge: takes no value, or true or false, got "yes"/],
		[['--json=1'], /^livemig: --json: takes no value, or true or false, got "1"/],
		[['--no-prepaging=yes'], /^livemig: --no-prepaging: takes no value, got "yes"/],
		[['--algorithms', 'precopy,precopy'], /^livemig: --algorithms: "precopy" is listed twice/],
		[['race', '--out', 'x.cast'], /^livemig: --out: does not apply to race \(it is for trace, record, snapshot\)/],
		[['schema', '--memory', '1PiB'], /^livemig: --memory: does not apply to schema/],
		[['run', 'hybrid', '--algorithms', 'precopy'], /^livemig: --algorithms: does not apply to run/],
		[['trace', '--out', '-', '--rtt', '5ms'], /^livemig: --rtt: does not apply to trace/],
		[['scenarios', '--seed', '3'], /^livemig: --seed: does not apply to scenarios/],
	];
	for (const [args, message] of refused) it(`refuses ${args.join(' ')}`, () => expectRefused(args, message));
});
