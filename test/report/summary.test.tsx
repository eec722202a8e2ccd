import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {MigrationResult} from '../../source/core/index.js';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {summaryTable} from '../../source/report/summary.js';
import {runAll} from '../../source/run/headless.js';
import {Scoreboard, type Score} from '../../source/ui/components/Scoreboard.js';
import {plain} from '../ui/fixtures.js';

async function summaryOf(scenario: string | undefined, flags: Record<string, string> = {}): Promise<{lines: string[]; results: MigrationResult[]}> {
	const run = await resolveWithScenario(flags, new Set(Object.keys(flags)), scenario);
	const results = runAll(run.scenario, run.algorithms);
	return {lines: summaryTable(run.scenario, results).split('\n'), results};
}

const row = (lines: string[], label: string) => lines.find((l) => l.startsWith(label))!;

describe('summaryTable', () => {
	it('never stars a run that did not complete (link-failure: pre-copy aborts, so nothing is compared), and prints no legend then', async () => {
		const {lines} = await summaryOf('link-failure');
		expect(row(lines, 'outcome')).toMatch(/aborted\s+completed$/);
		// Before compare.ts the aborted run's 12.00 s (it gave up) was starred as the better time.
		expect(row(lines, 'total time')).not.toContain('*');
		expect(row(lines, 'downtime (VM paused)')).not.toContain('*');
		expect(lines.filter((l) => l.includes('*'))).toEqual([]);
	});

	it('stars nothing when a link outage aborts pre-copy of a small VM (race --memory 256MiB --link-down-at 1s --link-down-for 2s)', async () => {
		const {lines} = await summaryOf(undefined, {memory: '256MiB', linkDownAt: '1s', linkDownFor: '2s'});
		expect(row(lines, 'outcome')).toMatch(/aborted\s+completed$/);
		expect(lines.filter((l) => l.includes('*'))).toEqual([]);
	});

	it('treats the same downtime reached along two paths as a tie (precopy-wins, no channel buffer: 62.88 and 62.88000000000102)', async () => {
		// Without a socket buffer to drain at the stop, pre-copy's pause is post-copy's to float
		// noise (post-copy without non-pageable memory, as QEMU's).
		const {lines} = await summaryOf('precopy-wins', {channelBuffer: '0B', nonPageable: '0'});
		expect(row(lines, 'downtime (VM paused)')).toMatch(/^downtime \(VM paused\)\s+62\.9 ms\s+62\.9 ms$/);
		// Where the two differ, the better one is still starred.
		expect(row(lines, 'total time')).toMatch(/s \*$/);
	});

	it('keeps marks in a column of their own: every value of a column ends where its header does', async () => {
		const {lines} = await summaryOf(undefined);
		const header = lines[2];
		expect(header).toMatch(/^\s+pre-copy \(xen\)\s+post-copy$/);
		// Right edges of the two value columns, from the header's names.
		const ends = [header.indexOf('pre-copy (xen)') + 'pre-copy (xen)'.length, header.length];
		const body = lines.slice(3, lines.indexOf('', 3));
		expect(body.length).toBeGreaterThan(8);
		for (const line of body)
			for (const end of ends) {
				expect(line[end - 1], line).not.toBe(' ');
				expect(line[end] ?? ' ', line).toBe(' ');
				expect([' ', '*', undefined], line).toContain(line[end + 1]);
			}
		// Starred and unstarred values of one column line up (this shifted by two before).
		expect(row(lines, 'downtime (VM paused)').indexOf('ms *')).toBe(row(lines, 'throttled').indexOf('ms'));
		expect(lines).toContain('* better');
	});

	it('names the algorithms as the console does, never stars rounds, and shows figures with the console scoreboard\'s digits', async () => {
		const {lines, results} = await summaryOf(undefined);
		expect(lines.join('\n')).not.toMatch(/\bprecopy\b|\bpostcopy\b/);
		expect(lines.some((l) => l.startsWith('  pre-copy (xen): '))).toBe(true);
		expect(row(lines, 'rounds')).toMatch(/^rounds\s+\d+\s+1$/);
		// The console's scoreboard for the same results: the same text for every figure both show.
		const scores: Score[] = results.map((r) => ({
			name: r.algorithm,
			outcome: r.outcome,
			totalTimeMs: r.totalTimeMs,
			downtimeMs: r.downtimeMs,
			stallMs: r.stallMs,
			pagesTransferred: r.pagesTransferred,
			bytesTransferred: r.bytesTransferred,
			networkFaults: r.networkFaults,
			rounds: r.rounds.length,
		}));
		const board = render(<Scoreboard theme={plain} scores={scores} width={90} />).lastFrame()!.split('\n');
		for (const label of ['total time', 'downtime (VM paused)', 'stalled on faults', 'pages sent', 'bytes sent', 'network faults', 'rounds']) {
			const values = (line: string) => line.replace(label, '').replace(/[│*★]/g, '').trim().split(/\s{2,}/);
			expect(values(board.find((l) => l.includes(label))!), label).toEqual(values(row(lines, label)));
		}
	});

	it('writes times in one style: a number and ms or s, never minutes and seconds run together', async () => {
		const {lines} = await summaryOf(undefined, {bandwidth: '100Mbit/s', memory: '1GiB'});
		const total = row(lines, 'total time');
		expect(total).not.toMatch(/\dm\d/);
		expect(total).toMatch(/^total time\s+[\d,.]+ s\s+\*?\s*[\d,.]+ s/);
	});
});
