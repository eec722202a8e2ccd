// renderNow (source/ui/render-now.ts) reaches into Ink for its reconciler's flushSync. These
// tests fail if an Ink or React upgrade takes that away: a recording's frames would again
// depend on how busy the machine is.
import {useLayoutEffect, useState} from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {type Clock, createVirtualClock} from '../../source/ui/clock.js';
import {renderNow} from '../../source/ui/render-now.js';

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const m of mounted.splice(0)) m.unmount();
});

function Label({expose}: {expose: (set: (s: string) => void) => void}) {
	const [text, setText] = useState('a');
	useLayoutEffect(() => expose(setText), [expose]);
	return <Text>{text}</Text>;
}

/** Counts its clock's ticks, from a timer it sets up in a layout effect (as useEngines does). */
function Ticks({clock}: {clock: Clock}) {
	const [n, setN] = useState(0);
	useLayoutEffect(() => {
		const h = clock.setInterval(() => setN((x) => x + 1), 100);
		return () => clock.clear(h);
	}, [clock]);
	return <Text>{`ticks ${n}`}</Text>;
}

describe('renderNow', () => {
	it('renders an update made outside React before it returns', () => {
		let set: (s: string) => void = () => {};
		const r = render(<Label expose={(s) => (set = s)} />);
		mounted.push(r);
		expect(r.lastFrame()).toBe('a');
		renderNow(() => set('b'));
		expect(r.lastFrame()).toBe('b');
		renderNow(() => {
			set('c');
			set('d');
		});
		expect(r.lastFrame()).toBe('d');
	});

	it('is needed: without it React renders such an update later, not at once', async () => {
		let set: (s: string) => void = () => {};
		const r = render(<Label expose={(s) => (set = s)} />);
		mounted.push(r);
		set('later');
		expect(r.lastFrame()).toBe('a');
		await vi.waitFor(() => expect(r.lastFrame()).toBe('later'), {timeout: 5000});
	});

	it('as a virtual clock\'s step: every advance is on screen when advance() returns', () => {
		const clock = createVirtualClock(0, {step: renderNow});
		const r = render(<Ticks clock={clock} />);
		mounted.push(r);
		expect(r.lastFrame()).toBe('ticks 0');
		for (let i = 1; i <= 20; i++) {
			clock.advance(100);
			expect(r.lastFrame()).toBe(`ticks ${i}`);
		}
	});
});
