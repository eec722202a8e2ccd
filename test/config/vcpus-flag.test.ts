// --vcpus end to end: flag, bounds, the preset's default, the scenario file, the report.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {resolveOptions} from '../../source/config/resolve.js';
import {reportSchema} from '../../source/report/report-schema.js';
import {cli, refusal} from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'livemig-vcpus-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('--vcpus', () => {
	it('defaults to the workload\'s: 2 for web and kernel-compile (Hines\'s guests), else absent (one)', () => {
		expect(resolveOptions({workload: 'web'}).scenario.vcpus).toBe(2);
		expect(resolveOptions({workload: 'kernel-compile'}).scenario.vcpus).toBe(2);
		expect(resolveOptions({}).scenario.vcpus).toBeUndefined();
		expect(resolveOptions({vcpus: '4'}).scenario.vcpus).toBe(4);
		// One given is one: the field stays out, so the report is the one-vCPU model's.
		expect(resolveOptions({workload: 'web', vcpus: '1'}).scenario.vcpus).toBeUndefined();
	});

	it('is refused outside 1..64, when not a whole number, and above 1 with a trace', () => {
		expect(refusal({vcpus: '0'})).toMatch(/^--vcpus: at least 1 /);
		expect(refusal({vcpus: '65'})).toMatch(/^--vcpus: at most 64 /);
		expect(refusal({vcpus: '1.5'})).toMatch(/^--vcpus: must be a whole number/);
		expect(refusal({workload: 'trace', trace: 'x.trace', vcpus: '2'})).toBe('--vcpus: a trace is one access stream, so it runs on one vCPU, got 2');
		const r = cli(['race', '--json', '--vcpus', '100']);
		expect(r.status).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('a scenario file sets it as vm.vcpus, and the report gives each vCPU\'s figures', () => {
		const path = join(dir, 'three.json');
		writeFileSync(path, JSON.stringify({vm: {memory: '64MiB', vcpus: 3}, algorithms: ['postcopy']}));
		const r = cli(['race', '--json', '--scenario', path]);
		expect(r.status, r.stderr).toBe(0);
		const report = reportSchema.parse(JSON.parse(r.stdout));
		expect(report.scenario.vcpus).toBe(3);
		const [result] = report.results;
		expect(result.perVcpu).toHaveLength(3);
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, JSON.stringify({vm: {vcpus: 99}}));
		const refused = cli(['race', '--json', '--scenario', bad]);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain('vm.vcpus: at most 64');
	});

	it('one vCPU: the report has no vcpus and no perVcpu (as before vCPUs)', () => {
		const r = cli(['run', 'postcopy', '--json', '--memory', '64MiB']);
		const report = JSON.parse(r.stdout);
		expect('vcpus' in report.scenario).toBe(false);
		expect('perVcpu' in report.results[0]).toBe(false);
	});

	it('the summary shows the split over vCPUs only with more than one', () => {
		const two = cli(['run', 'postcopy', '--memory', '64MiB', '--vcpus', '2']).stdout;
		expect(two).toContain('(2 vCPUs)');
		expect(two).toMatch(/stalled \(vCPU average\)/);
		expect(two).toMatch(/faults per vCPU +[\d,]+ \/ [\d,]+/);
		const one = cli(['run', 'postcopy', '--memory', '64MiB']).stdout;
		expect(one).not.toContain('vCPU');
	});
});
