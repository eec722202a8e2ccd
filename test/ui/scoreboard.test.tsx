import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {type Score, Scoreboard, scoreboardLines} from '../../source/ui/components/Scoreboard.js';
import {asciiPlain, plain} from './fixtures.js';

const pre: Score = {name: 'pre-copy (xen)', outcome: 'completed', totalTimeMs: 37616, downtimeMs: 4.0, stallMs: 0, pagesTransferred: 1145636, bytesTransferred: 4.38 * 2 ** 30, networkFaults: 0, rounds: 19};
const post: Score = {name: 'post-copy', outcome: 'completed', totalTimeMs: 34430, downtimeMs: 3.1, stallMs: 14570, pagesTransferred: 1048576, bytesTransferred: 4.01 * 2 ** 30, networkFaults: 14105, rounds: 1};

describe('Scoreboard', () => {
	it('marks the better value of each row', () => {
		const {lastFrame} = render(<Scoreboard theme={plain} scores={[pre, post]} width={80} />);
		const lines = lastFrame()!.split('\n');
		const row = (label: string) => lines.find((l) => l.includes(label))!;
		expect(lines[0]).toContain('SCOREBOARD');
		expect(row('total time')).toMatch(/34\.43 s ★/);
		expect(row('downtime (VM paused)')).toMatch(/3\.100 ms ★/);
		expect(row('stalled on faults')).toMatch(/0\.000 ms ★/);
		expect(row('network faults')).toMatch(/0 ★/);
		expect(row('total time')).not.toMatch(/37\.62 s ★/);
		expect(lines[0]).toContain('★ better');
	});

	it('never stars rounds (fewer rounds is not better in itself), nor a tie the display cannot tell apart', () => {
		const lines = scoreboardLines(asciiPlain, [pre, post], 76);
		expect(lines.find((l) => l.includes('rounds'))).toMatch(/^rounds\s+19\s+1\s*$/);
		// precopy-wins: "4.097 ms   4.097 ms ★" came from 4.097152000002097 against 4.0971519999999995.
		const tie = scoreboardLines(asciiPlain, [{...pre, downtimeMs: 4.097152000002097}, {...post, downtimeMs: 4.0971519999999995}], 76);
		expect(tie.find((l) => l.includes('downtime'))).toMatch(/^downtime \(VM paused\)\s+4\.097 ms\s+4\.097 ms\s*$/);
	});

	it('shows the legend only when a value is starred', () => {
		const {lastFrame} = render(<Scoreboard theme={plain} scores={[pre, {...post, outcome: 'aborted'}]} width={80} />);
		expect(lastFrame()).not.toContain('better');
		expect(lastFrame()).not.toContain('★');
	});

	it('marks nothing when the values tie or only one migration completed', () => {
		const marked = (scores: Score[]) => scoreboardLines(asciiPlain, scores, 76).filter((l) => / \*/.test(l));
		expect(marked([pre, {...pre, name: 'again'}])).toEqual([]);
		expect(marked([pre, {...post, outcome: 'aborted'}])).toEqual([]);
		expect(marked([pre, {...post, outcome: 'running'}])).toEqual([]);
	});

	it('marks every run tied for the best, float noise included, and never one that did not complete', () => {
		// The same downtime reached along two paths of arithmetic (kernel-compile: post-copy and hybrid).
		const hybrid: Score = {...post, name: 'hybrid (xen)', downtimeMs: 3.0999999999992, totalTimeMs: 36000};
		const aborted: Score = {...pre, name: 'pre-copy (xen)', outcome: 'aborted', totalTimeMs: 12000, downtimeMs: 0};
		const lines = scoreboardLines(asciiPlain, [aborted, pre, post, hybrid], 90);
		const row = (label: string) => lines.find((l) => l.includes(label))!;
		expect(row('downtime (VM paused)').match(/3\.100 ms \*/g)).toHaveLength(2);
		expect(row('total time')).toMatch(/^total time\s+12\.00 s\s+37\.62 s\s+34\.43 s \*\s+36\.00 s\s*$/);
	});

	it('adds an outcome row when one did not complete, and uses * in ASCII', () => {
		const lines = scoreboardLines(asciiPlain, [pre, {...post, outcome: 'vm-lost'}], 76);
		expect(lines.some((l) => l.includes('outcome') && l.includes('vm-lost'))).toBe(true);
		const three = scoreboardLines(asciiPlain, [pre, post, {...post, name: 'hybrid (xen)', totalTimeMs: 30000}], 76);
		expect(three.find((l) => l.includes('total time'))).toMatch(/30\.00 s \*/);
	});
});
