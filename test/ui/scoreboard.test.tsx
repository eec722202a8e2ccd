import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {betterIndex, type Score, Scoreboard, scoreboardLines} from '../../source/ui/components/Scoreboard.js';
import {asciiPlain, plain} from './fixtures.js';

const pre: Score = {name: 'pre-copy (xen)', finished: true, outcome: 'completed', totalTimeMs: 37616, downtimeMs: 4.0, stallMs: 0, pagesTransferred: 1145636, bytesTransferred: 4.38 * 2 ** 30, networkFaults: 0, rounds: 19};
const post: Score = {name: 'post-copy', finished: true, outcome: 'completed', totalTimeMs: 34430, downtimeMs: 3.1, stallMs: 14570, pagesTransferred: 1048576, bytesTransferred: 4.01 * 2 ** 30, networkFaults: 14105, rounds: 1};

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
		expect(row('rounds')).toMatch(/1 ★/);
		expect(row('total time')).not.toMatch(/37\.62 s ★/);
	});

	it('marks nothing when the values tie or only one migration completed', () => {
		expect(betterIndex([pre, {...pre, name: 'again'}], (s) => s.totalTimeMs)).toBe(-1);
		expect(betterIndex([pre, {...post, outcome: 'aborted'}], (s) => s.totalTimeMs)).toBe(-1);
	});

	it('adds an outcome row when one did not complete, and uses * in ASCII', () => {
		const lines = scoreboardLines(asciiPlain, [pre, {...post, outcome: 'vm-lost'}], 76);
		expect(lines.some((l) => l.includes('outcome') && l.includes('vm-lost'))).toBe(true);
		const three = scoreboardLines(asciiPlain, [pre, post, {...post, name: 'hybrid (xen)', totalTimeMs: 30000}], 76);
		expect(three.find((l) => l.includes('total time'))).toMatch(/30\.00 s \*/);
	});
});
