import {describe, expect, it} from 'vitest';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {summaryTable} from '../../source/report/summary.js';
import {runAll} from '../../source/run/headless.js';

async function summaryOf(scenario: string, flags: Record<string, string> = {}): Promise<string[]> {
	const run = await resolveWithScenario(flags, new Set(Object.keys(flags)), scenario);
	return summaryTable(run.scenario, runAll(run.scenario, run.algorithms)).split('\n');
}

const row = (lines: string[], label: string) => lines.find((l) => l.startsWith(label))!;

describe('summaryTable', () => {
	it('never stars a run that did not complete (link-failure: pre-copy aborts, so nothing is compared)', async () => {
		const lines = await summaryOf('link-failure');
		expect(row(lines, 'outcome')).toMatch(/aborted\s+completed$/);
		// Before compare.ts the aborted run's 12.00 s (it gave up) was starred as the better time.
		expect(row(lines, 'total time')).not.toContain('*');
		expect(row(lines, 'downtime (VM paused)')).not.toContain('*');
		expect(lines.filter((l) => l.includes(' *'))).toEqual([]);
	});

	it('treats the same downtime reached along two paths as a tie (precopy-wins, no channel buffer: 62.88 and 62.88000000000102)', async () => {
		// Without a socket buffer to drain at the stop, pre-copy's pause is post-copy's to float
		// noise (post-copy without non-pageable memory, as QEMU's).
		const lines = await summaryOf('precopy-wins', {channelBuffer: '0B', nonPageable: '0'});
		expect(row(lines, 'downtime (VM paused)')).toMatch(/^downtime \(VM paused\)\s+63 ms\s+63 ms$/);
		// Where the two differ, the better one is still starred.
		expect(row(lines, 'total time')).toMatch(/s \*$/);
	});
});
