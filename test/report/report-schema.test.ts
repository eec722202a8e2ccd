import {describe, expect, it} from 'vitest';
import {
	algorithms,
	eventTypes,
	createMigration,
	defaultScenario,
	MiB,
	outcomes,
	type PrecopyPolicy,
	QEMU_MAX_BANDWIDTH_BITS,
	resolveWorkload,
	type Scenario,
	SWITCHOVER_COST_MS,
} from '../../source/core/index.js';
import {buildReport} from '../../source/report/report.js';
import {reportSchema} from '../../source/report/report-schema.js';
import fc from 'fast-check';
import {algorithmArb, scenarioArb} from '../core/arbitraries.js';

function scenario(change: (s: Scenario) => void, policy: PrecopyPolicy = 'xen'): Scenario {
	const s = defaultScenario();
	s.memoryBytes = 64 * MiB;
	s.precopy.policy = policy;
	s.switchoverCostMs = SWITCHOVER_COST_MS[policy];
	change(s);
	return s;
}

/** Runs that between them reach every outcome, every loop and every kind of round. */
const cases: Array<[string, Scenario]> = [
	['xen, defaults', scenario(() => {})],
	[
		'xen with rate limiting, free and zero pages, ballooning',
		scenario((s) => {
			Object.assign(s, {freeFraction: 0.2, zeroFraction: 0.2});
			s.workload = resolveWorkload('hotspot', s, {wssBytes: 8 * MiB});
			s.precopy.rateLimit = true;
			s.postcopy.balloon = true;
		}),
	],
	['xen-today', scenario(() => {}, 'xen-today')],
	['2 MiB host pages, fault-around 8 (scenario.postcopy.faultAroundPages, results[].pagesReadahead)', scenario((s) => ((s.pageSizeBytes = 2 * 1024 * 1024), (s.postcopy.faultAroundPages = 8)))],
	['qemu with a cap and auto-converge', scenario((s) => Object.assign(s.precopy, {maxBandwidthBitsPerSec: QEMU_MAX_BANDWIDTH_BITS, autoConverge: true}), 'qemu')],
	[
		'qemu, a guest that never converges, cancelled',
		scenario((s) => {
			s.workload = resolveWorkload('uniform', s, {writeRate: 100_000});
			s.precopy.cancelAfterMs = 2000;
		}, 'qemu'),
	],
	[
		'qemu, auto-converge throttling mmuncher',
		scenario((s) => {
			s.memoryBytes = 256 * MiB;
			s.workload = resolveWorkload('mmuncher', s);
			s.precopy.autoConverge = true;
		}, 'qemu'),
	],
	['the link fails during post-copy and comes back', scenario((s) => (s.linkFailure = {atMs: 200, forMs: 300}))],
	['the link fails during post-copy for good', scenario((s) => (s.linkFailure = {atMs: 200, forMs: null}))],
	['the link is down from the start', scenario((s) => (s.linkFailure = {atMs: 0, forMs: null}))],
];

/** A report as a user reads it: through JSON (so Infinity or NaN would show up as null). */
function reportOf(s: Scenario): ReturnType<typeof JSON.parse> {
	return JSON.parse(JSON.stringify(buildReport(s, algorithms.map((a) => createMigration(s, a).run()))));
}

describe('the JSON report schema', () => {
	it('takes, strictly, the reports of every algorithm under every loop, link failures and a cancel', () => {
		const seen = new Set<string>();
		const seenEvents = new Set<string>();
		for (const [name, s] of cases) {
			const report = reportOf(s);
			const parsed = reportSchema.safeParse(report);
			expect(parsed.error?.issues ?? [], name).toEqual([]);
			expect(parsed.data, name).toEqual(report);
			for (const r of report.results) {
				seen.add(r.outcome);
				for (const e of r.events) seenEvents.add(e.type === 'stop' ? `stop:${e.rule}` : e.type);
			}
		}
		// The cases above are worth something only if they reach every outcome.
		expect([...seen].sort()).toEqual([...outcomes].sort());
		// ... and most kinds of event, each stop rule the cases can reach included.
		for (const type of eventTypes.filter((t) => t !== 'stop')) expect(seenEvents, type).toContain(type);
		for (const rule of ['xen-min-pages', 'xen-today-iterations', 'qemu-fits', 'hybrid-rounds']) expect(seenEvents, rule).toContain(`stop:${rule}`);
	});

	it('takes the events of random runs, one to four vCPUs (a fault\'s parts never below zero)', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, fc.integer({min: 1, max: 4}), (s, a, vcpus) => {
				if (s.workload.kind !== 'trace') s.vcpus = vcpus;
				const report = JSON.parse(JSON.stringify(buildReport(s, [createMigration(s, a).run()])));
				const parsed = reportSchema.safeParse(report);
				expect(parsed.error?.issues ?? []).toEqual([]);
			}),
			{numRuns: 30},
		);
	});

	it('refuses an event with a field too many or too few, an unknown type or stop rule', () => {
		const report = reportOf(cases[0][1]);
		const r = report.results[0];
		const stop = r.events.find((e: {type: string}) => e.type === 'stop');
		const {pagesLeft: _left, ...noNumbers} = stop;
		const withEvent = (e: unknown) => ({...report, results: [{...r, events: [e]}]});
		for (const bad of [{...stop, extra: 1}, noNumbers, {...stop, rule: 'tired'}, {...stop, type: 'gave-up'}, {...stop, t: -1}, {type: 'verified', t: 1}])
			expect(reportSchema.safeParse(withEvent(bad)).success, JSON.stringify(bad)).toBe(false);
		expect(reportSchema.safeParse(withEvent(stop)).success).toBe(true);
		const {events: _events, ...noEvents} = r;
		expect(reportSchema.safeParse({...report, results: [noEvents]}).success).toBe(false);
	});

	it('refuses a field it does not know and a name outside the core\'s lists, at every level', () => {
		const report = reportOf(cases[0][1]);
		const r = report.results[0];
		const refused = [
			{...report, extra: 1},
			{...report, scenario: {...report.scenario, extra: 1}},
			{...report, scenario: {...report.scenario, precopy: {...report.scenario.precopy, extra: 1}}},
			{...report, results: [{...r, extra: 1}]},
			{...report, results: [{...r, rounds: [{...r.rounds[0], extra: 1}]}]},
			{...report, results: [{...r, qemu: {...r.qemu, ram: {...r.qemu.ram, extra: 1}}}]},
			{...report, results: [{...r, algorithm: 'migrate'}]},
			{...report, results: [{...r, policy: 'vmware'}]},
			{...report, results: [{...r, rounds: [{...r.rounds[0], kind: 'warm-up'}]}]},
			{...report, scenario: {...report.scenario, workload: {...report.scenario.workload, pattern: 'random'}}},
		];
		for (const bad of refused) expect(reportSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 200)).toBe(false);
		const {rounds: _rounds, ...noRounds} = r;
		expect(reportSchema.safeParse({...report, results: [noRounds]}).success).toBe(false);
		expect(reportSchema.safeParse(report).success).toBe(true);
	});
});
