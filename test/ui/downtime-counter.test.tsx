import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {counterLine, DowntimeCounter} from '../../source/ui/components/DowntimeCounter.js';
import {colour, plain, strip} from './fixtures.js';

describe('DowntimeCounter', () => {
	it('ticks in milliseconds and says what it counts', () => {
		const {lastFrame} = render(<DowntimeCounter theme={plain} kind="downtime" ms={0} active={false} width={36} />);
		expect(lastFrame()).toBe(`downtime (VM paused)${' '.repeat(8)}0.000 ms`);
	});

	it('shouts while the VM is paused, in colour and without', () => {
		const {lastFrame} = render(<DowntimeCounter theme={plain} kind="downtime" ms={2.5} active width={36} />);
		expect(lastFrame()).toContain('VM PAUSED');
		expect(lastFrame()).toContain('2.500 ms');
		expect(lastFrame()).toMatch(/^\[/); // brackets stand in for inverse video
		const line = counterLine(colour, 'downtime', 2.5, true, 36);
		expect(line).toContain('\u001B[41m'); // red background
		expect(strip(line)).toContain('VM PAUSED');
	});

	it('counts the stall time of post-copy faults the same way', () => {
		expect(counterLine(plain, 'stall', 14570, false, 36)).toBe(`stalled on faults${' '.repeat(12)}14.57 s`);
		expect(counterLine(plain, 'stall', 14570, true, 36)).toContain('STALLED');
	});
});
