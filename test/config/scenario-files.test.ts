import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runAll} from '../../source/run/headless.js';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {shippedScenarios} from '../../source/config/scenario-file.js';
import {scenarioJsonSchema} from '../../source/config/scenario-schema.js';
import {demosDir} from '../../source/config/package-root.js';
import {cli} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-scenarios-'));
function file(name: string, content: unknown): string {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
	return path;
}

describe('shipped scenarios', () => {
	const list = shippedScenarios();
	it('cover the lessons, each with a title and a paragraph', () => {
		expect(list.length).toBeGreaterThanOrEqual(12);
		for (const s of list) {
			expect(s.title.length, s.name).toBeGreaterThan(10);
			expect(s.description.length, s.name).toBeGreaterThan(80);
		}
	});

	for (const s of shippedScenarios()) {
		it(`${s.name} loads, validates and runs headless to the end`, async () => {
			const run = await resolveWithScenario({}, new Set(), s.name);
			const results = runAll(run.scenario, run.algorithms);
			for (const r of results) {
				if (r.outcome === 'completed') expect(r.verified, `${s.name} ${r.algorithm}`).toBe(true);
				// A link that fails, or a guest QEMU's loop can never converge (cancelled), ends otherwise.
				else if (r.outcome === 'cancelled') expect(s.name, r.reason).toBe('mmuncher');
				else expect(s.name, `${r.algorithm} ${r.outcome}`).toMatch(/link-failure/);
			}
		});
	}

	it('point at a JSON Schema that matches `livemig schema`', () => {
		const shipped = JSON.parse(readFileSync(join(demosDir(), 'scenario.schema.json'), 'utf8'));
		expect(shipped).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
	});
});

describe('scenario files on the command line', () => {
	it('--scenario loads a file; flags given beside it override its values', async () => {
		const path = file('ok.json', {vm: {memory: '128MiB'}, workload: {kind: 'game', wss: '8MiB'}, seed: 5, algorithms: ['postcopy']});
		const run = await resolveWithScenario({scenario: path, seed: '9'}, new Set(['scenario', 'seed']));
		expect(run.scenario.memoryBytes).toBe(128 * 1024 * 1024);
		expect(run.scenario.workload.kind).toBe('game');
		expect(run.scenario.workload.wssBytes).toBe(8 * 1024 * 1024);
		expect(run.scenario.seed).toBe(9);
		expect(run.algorithms).toEqual(['postcopy']);
		const r = cli(['race', '--json', '--scenario', path, '--memory=64MiB']);
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).scenario.memoryBytes).toBe(64 * 1024 * 1024);
	});

	it('a shipped name works wherever a file does', () => {
		const r = cli(['race', '--json', '--scenario', 'game-server', '--memory', '64MiB']);
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).scenario.workload.kind).toBe('game');
	});

	it('a bad file gets a count, then one message per problem, with its path in the file, exit 2, nothing run', () => {
		const path = file('bad.json', {
			vm: {memory: '4XB', pageSize: 4096},
			workload: {kind: 'bitcoin', wss: 'huge'},
			link: {failure: {for: '2s'}},
			colour: 'blue',
		});
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		const lines = r.stderr.trim().split('\n');
		expect(lines).toHaveLength(6);
		expect(lines[0]).toBe(`livemig: 5 problems in ${path}:`);
		expect(r.stderr).toContain('vm.memory: must be a size like 4GiB');
		expect(r.stderr).toContain('workload.wss: must be a size like 4GiB or 256MiB, got "huge"');
		expect(r.stderr).toMatch(/workload\.kind: .*bitcoin|workload\.kind: Invalid option/);
		expect(r.stderr).toContain('link.failure.at');
		expect(r.stderr).toMatch(/\(top level\): Unrecognized key: "colour"/);
		for (const line of lines) expect(line).toContain(path);
	});

	it('problems found when resolving name the path in the file', () => {
		const path = file('big.json', {vm: {memory: '64MiB'}, workload: {wss: '1GiB'}});
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim()).toBe(`livemig: ${path}: workload.wss: the working set cannot be larger than memory`);
	});

	it('refuses broken JSON and unknown names clearly', () => {
		const broken = file('broken.json', '{"vm": {');
		expect(cli(['race', '--scenario', broken]).stderr).toMatch(/broken\.json: not valid JSON/);
		const missing = cli(['race', '--scenario', 'no-such-lesson']);
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/--scenario: no file or shipped scenario named "no-such-lesson"/);
	});

	it('livemig schema prints the JSON Schema; livemig scenarios lists the shipped ones', () => {
		const schema = cli(['schema']);
		expect(schema.status).toBe(0);
		expect(JSON.parse(schema.stdout).properties.workload.properties.wss.description).toMatch(/working set/);
		const list = cli(['scenarios']);
		expect(list.status).toBe(0);
		expect(list.stdout).toMatch(/^mmuncher\s+Pre-copy never converges/m);
	});
});
