// The outcome line (report/outcome.ts) and the events' words (report/event-words.ts), from
// real runs of the shipped lessons: what the panel's end line and the summary say.
import {describe, expect, it} from 'vitest';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {createMigration, defaultScenario, MiB, type MigrationEvent, resolveWorkload} from '../../source/core/index.js';
import {eventWords, stopTestWords} from '../../source/report/event-words.js';
import {outcomeOf} from '../../source/report/outcome.js';
import {summaryTable} from '../../source/report/summary.js';
import {runAll} from '../../source/run/headless.js';

async function lesson(name: string, flags: Record<string, string> = {}) {
	const run = await resolveWithScenario(flags, new Set(Object.keys(flags)), name);
	const results = runAll(run.scenario, run.algorithms);
	return {run, results, outcomes: results.map((r) => outcomeOf(r.events, r.algorithm, run.scenario.pageSizeBytes)!)};
}

describe('the outcome line', () => {
	it('a quick pre-copy: stopped after its rounds by the 50-page test, in green', async () => {
		const {results, outcomes} = await lesson('hybrid', {algorithms: 'precopy'});
		const stop = results[0].events.find((e) => e.type === 'stop')!;
		expect(stop.type === 'stop' && stop.rule).toBe('xen-min-pages');
		if (stop.type !== 'stop' || stop.rule !== 'xen-min-pages') return;
		expect(outcomes[0].line).toBe(`stopped after ${stop.round + 1} rounds: ${stop.pagesLeft} pages < 50`);
		expect(outcomes[0].tone).toBe('good');
	});

	it('postcopy-wins: pre-copy completes after a 17 s pause, which is no success (red, not a tick)', async () => {
		const {results, outcomes} = await lesson('postcopy-wins');
		expect(results[0].downtimeMs).toBeGreaterThan(17000);
		expect(outcomes[0].line).toMatch(/^stopped after 11 rounds: sent 3\.\d\dx memory > 3x, paused 17\.\d\d s$/);
		expect(outcomes[0].tone).toBe('bad');
		expect(outcomes[0].short).toMatch(/^done in 122\.\d s, paused 17\.\d\d s$/);
		// Post-copy completed with its cost: the faults' stall.
		expect(outcomes[1].line).toMatch(/^done in 34\.\d\d s: 1\d\.\dk faults stalled it 16\.\d\d s$/);
		expect(outcomes[1].tone).toBe('warn');
	});

	it('mmuncher: not converging, the dirty rate against the send rate in MB/s', async () => {
		const {outcomes} = await lesson('mmuncher');
		expect(outcomes[0].line).toMatch(/^not converging: dirtied \d+ MB\/s > sent \d+ MB\/s, cancelled at 120\.0 s$/);
		expect(outcomes[0].tone).toBe('bad');
	});

	it('link failures: aborted at the source, or the VM lost', async () => {
		const a = await lesson('link-failure');
		expect(a.outcomes[0]).toEqual({line: 'link down at 12.00 s: aborted, VM stays on source', short: 'aborted: VM stays on source', tone: 'bad'});
		const b = await lesson('link-failure-no-recovery');
		expect(b.outcomes[1].line).toBe('link down at 12.00 s, no recovery: VM LOST, memory split');
	});

	it('qemu: the rest that fit, with the threshold\'s bandwidth', async () => {
		const {outcomes} = await lesson('mmuncher-auto-converge', {algorithms: 'precopy'});
		expect(outcomes[0].line).toMatch(/^stopped after \d+ rounds: rest [\d.]+ MiB fits 300 ms at \d+ MB\/s/);
	});

	it('the summary prints the same line for each run', async () => {
		const {run, results, outcomes} = await lesson('postcopy-wins');
		const text = summaryTable(run.scenario, results);
		expect(text).toContain(`pre-copy (xen): ${outcomes[0].line}`);
		expect(text).toContain(`post-copy: ${outcomes[1].line}`);
	});

	it('is null while the run goes on', () => {
		const s = defaultScenario();
		s.memoryBytes = 64 * MiB;
		const m = createMigration(s, 'precopy');
		m.step(10);
		expect(outcomeOf(m.eventsSince(0), 'precopy', s.pageSizeBytes)).toBeNull();
	});
});

describe('event words', () => {
	const ctx = {algorithm: 'precopy' as const, pageSizeBytes: 4096};
	it('say why the next round is bigger or smaller', () => {
		const end = (dirtied: number): MigrationEvent => ({type: 'round-end', t: 1, round: 2, kind: 'live', durationMs: 1, pagesToSend: 1000, pagesSent: 1000, pagesSkipped: 0, pagesDirtied: dirtied, bytesSent: 1, cutOff: false});
		expect(eventWords(end(1500), ctx)).toBe('round 2: sent 1.00k, 1.50k dirtied: next round bigger');
		expect(eventWords(end(200), ctx)).toBe('round 2: sent 1.00k, 200 dirtied: next round smaller');
	});

	it('give each stop test its numbers, as the issue words them', () => {
		expect(stopTestWords({rule: 'xen-min-pages', pagesLeft: 48, threshold: 50})).toBe('48 pages left < 50');
		expect(stopTestWords({rule: 'qemu-fits', restBytes: 31 * MiB, thresholdBytes: 32 * MiB, bandwidthBytesPerMs: 107_000, downtimeLimitMs: 300, hybrid: false})).toBe('rest 31 MiB fits 300 ms at 107 MB/s');
		expect(stopTestWords({rule: 'max-rounds', rounds: 30, limit: 30})).toBe('the 30-round limit');
		expect(stopTestWords({rule: 'memory-factor', pagesSent: 3_200_000, memoryPages: 1_048_576, factor: 3})).toBe('sent 3.05x memory > 3x');
		expect(eventWords({type: 'stop', t: 1, round: 18, rule: 'xen-min-pages', pagesLeft: 48, threshold: 50}, ctx)).toBe('stop rule: 48 pages left < 50 (xen)');
	});

	it('split a fault\'s wait into its parts, per fault', () => {
		const s = defaultScenario();
		s.memoryBytes = 256 * MiB;
		s.workload = resolveWorkload('hotspot', s);
		const r = createMigration(s, 'postcopy').run();
		const burst = r.events.find((e) => e.type === 'fault-burst')!;
		expect(eventWords(burst, {algorithm: 'postcopy', pageSizeBytes: 4096})).toMatch(/^\d+ faults, [\d.]+ ms each = RTT 1\.0 \+ wire 0\.03 \+ queue [\d.]+$/);
	});
});
