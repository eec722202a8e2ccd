// sweep --json is written run by run, never as one string: a large sweep's document is
// longer than the longest string V8 can build ("Invalid string length").
import {beforeAll, describe, expect, it} from 'vitest';
import {sweepJsonChunks} from '../../source/sweep/csv.js';
import {runSweep} from '../../source/sweep/sweep.js';
import type {Sweep} from '../../source/sweep/sweep-data.js';
import {buildReport} from '../../source/report/report.js';

const flags = {param: 'dirty-rate', from: '1000', to: '3000', steps: '3', repeat: '2', memory: '64MiB', workers: '1', algorithms: 'precopy,postcopy'};

/** The whole document as one string: what --json printed before, and still must. */
function wholeDocument(sweep: Sweep): string {
	const o = sweep.options;
	const doc = {
		sweep: {param: o.param.name, unit: o.param.baseUnit, values: o.values, seeds: sweep.seeds, algorithms: sweep.algorithms, log: o.log},
		runs: sweep.runs.map((run) => ({value: run.value, seed: run.seed, ...buildReport(run.scenario, run.results)})),
	};
	return `${JSON.stringify(doc, null, 2)}\n`;
}

describe('sweepJsonChunks', () => {
	let sweep: Sweep;
	beforeAll(async () => {
		sweep = await runSweep(flags);
	});

	it('writes the same text as stringifying the whole document', () => {
		expect(sweep.runs).toHaveLength(6);
		expect([...sweepJsonChunks(sweep)].join('')).toBe(wholeDocument(sweep));
		expect([...sweepJsonChunks({...sweep, runs: []})].join('')).toBe(wholeDocument({...sweep, runs: []}));
	});

	it('yields one chunk per run, each holding just that run', () => {
		const chunks = [...sweepJsonChunks(sweep)];
		expect(chunks).toHaveLength(sweep.runs.length + 2);
		chunks.slice(1, -1).forEach((chunk, i) => {
			const run = JSON.parse(chunk.replace(/^,/, ''));
			expect([run.value, run.seed]).toEqual([sweep.runs[i].value, sweep.runs[i].seed]);
		});
	});

	it('builds each run\'s report only when that run is written', () => {
		// A last run that cannot be reported: everything before it is still written.
		const broken = {...sweep.runs.at(-1)!, get results(): never {
			throw new Error('read too early');
		}};
		const chunks = sweepJsonChunks({...sweep, runs: [...sweep.runs.slice(0, -1), broken]});
		for (let i = 0; i < sweep.runs.length; i++) expect(chunks.next().done).toBe(false);
		expect(() => chunks.next()).toThrow('read too early');
	});
});
