// The whole console on a fake terminal of a given size, driven by a virtual clock: what a
// recording does. Ink's debug mode writes every frame whole, so the last write is the screen.
import {EventEmitter} from 'node:events';
import React from 'react';
import {render} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultScenario, MiB} from '../../source/core/index.js';
import {ConsoleApp} from '../../source/ui/app.js';
import {createVirtualClock} from '../../source/ui/clock.js';
import {renderNow} from '../../source/ui/render-now.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import type {Action} from '../../source/ui/keys.js';
import {plain, strip} from './fixtures.js';

class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (s: string) => {
		this.frames.push(s);
		return true;
	};
	get last(): string[] {
		return strip(this.frames.at(-1)).replace(/\n$/, '').split('\n');
	}
}

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const m of mounted.splice(0)) m.unmount();
});

function start(columns: number, rows: number, algorithms: Array<'precopy' | 'postcopy' | 'hybrid'> = ['precopy', 'postcopy']) {
	const s = defaultScenario();
	s.memoryBytes = 512 * MiB;
	const stdout = new FakeStdout(columns, rows);
	// Each advance renders before it returns (as in a recording): nothing waits in real time.
	const clock = createVirtualClock(0, {step: renderNow});
	const driver = new EngineDriver({scenario: s, algorithms, speed: 2, budgetMs: Infinity});
	let dispatch: (a: Action) => void = () => {};
	const quits: number[] = [];
	const instance = render(<ConsoleApp driver={driver} theme={plain} fps={30} clock={clock} input={false} control={(d) => (dispatch = d)} onQuit={(code) => quits.push(code)} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	mounted.push(instance);
	return {
		stdout,
		driver,
		quits,
		/** Simulated ms the driver has run. */
		simMs: () => driver.frame(0).simMs,
		async advance(ms: number) {
			clock.advance(ms);
		},
		async press(a: Action) {
			renderNow(() => dispatch(a));
		},
	};
}

const clockOf = (lines: string[]) => lines[1].match(/t ([\d.]+ m?s)/)?.[1];

describe('ConsoleApp', async () => {
	it('fits 80x24 in 23 rows with both panels, the legend and the footer', async () => {
		const {stdout, advance} = start(80, 24);
		await advance(500);
		const lines = stdout.last;
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(lines[0]).toContain('livemig');
		expect(lines[1]).toContain('PRE-COPY');
		expect(lines[1]).toContain('POST-COPY');
		expect(lines.join('\n')).toMatch(/unsent.*target/);
		expect(lines.at(-1)).toContain('q quit');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
	});

	it('advances the clock, stops it on pause and steps it while paused', async () => {
		const {stdout, advance, press} = start(80, 24, ['precopy']);
		await advance(300);
		const a = clockOf(stdout.last);
		await advance(300);
		const b = clockOf(stdout.last);
		expect(a).not.toBe(b);
		await press('pause');
		expect(stdout.last[0]).toContain('PAUSED');
		await advance(1000);
		expect(clockOf(stdout.last)).toBe(b);
		await press('step');
		expect(clockOf(stdout.last)).not.toBe(b);
	});

	it('shows help, the QEMU view and the write heatmap on their keys', async () => {
		const {stdout, advance, press} = start(80, 24);
		await advance(200);
		await press('help');
		expect(stdout.last.join('\n')).toContain('HELP');
		await press('pause'); // any key closes help (and does nothing else)
		expect(stdout.last.join('\n')).not.toContain('HELP');
		expect(stdout.last[0]).not.toContain('PAUSED');
		await press('qemu');
		expect(stdout.last.join('\n')).toContain('total-time');
		await press('qemu');
		await press('heatmap');
		expect(stdout.last.join('\n')).toContain('wr/pg');
	});

	it('holds the simulation while help is open, and resumes it as it was when help closes', async () => {
		const {stdout, advance, press, simMs, driver} = start(80, 24);
		await advance(300);
		await press('help');
		const opened = simMs();
		await advance(2000);
		// Before the fix the run went on unseen behind the help overlay.
		expect(simMs()).toBe(opened);
		await press('close');
		expect(stdout.last.join('\n')).not.toContain('HELP');
		await advance(300);
		expect(simMs()).toBeGreaterThan(opened);
		// Paused before help: still paused after it, at the same time.
		await press('pause');
		const paused = simMs();
		await press('help');
		await advance(500);
		await press('close');
		await advance(500);
		expect(driver.paused).toBe(true);
		expect(simMs()).toBe(paused);
		expect(stdout.last[0]).toContain('PAUSED');
	});

	it('closes help on q, as its "any key closes" says, without quitting; q quits once help is closed', async () => {
		const {stdout, advance, press, quits} = start(80, 24);
		await advance(200);
		await press('help');
		expect(stdout.last.join('\n')).toContain('any key closes');
		await press('quit');
		expect(quits).toEqual([]);
		expect(stdout.last.join('\n')).not.toContain('HELP');
		await press('quit');
		expect(quits).toEqual([0]);
	});

	it('holds the simulation while the terminal is too small to show it', async () => {
		const {stdout, advance, simMs} = start(50, 12);
		await advance(2000);
		expect(stdout.last.join('\n')).toContain('Terminal too small');
		expect(simMs()).toBe(0);
		stdout.columns = 80;
		stdout.rows = 24;
		stdout.emit('resize');
		// The first advance settles the new size (its render ends the step); the next runs.
		await advance(500);
		await advance(500);
		expect(simMs()).toBeGreaterThan(0);
	});

	it('says it is too small, with the size it needs, and follows a resize', async () => {
		const {stdout, advance} = start(50, 12);
		expect(stdout.last.join('\n')).toContain('Terminal too small');
		expect(stdout.last.join('\n')).toContain('64 x 13');
		stdout.columns = 160;
		stdout.rows = 50;
		stdout.emit('resize');
		await advance(500);
		const lines = stdout.last;
		expect(lines[1]).toContain('PRE-COPY');
		expect(lines.length).toBe(49);
		expect(Math.max(...lines.map((l) => l.length))).toBe(160);
	});

	it('stacks three panels at 80x24', async () => {
		const {stdout, advance} = start(80, 24, ['precopy', 'postcopy', 'hybrid']);
		await advance(200);
		const text = stdout.last.join('\n');
		for (const name of ['PRE-COPY', 'POST-COPY', 'HYBRID']) expect(text).toContain(name);
		expect(stdout.last.length).toBeLessThanOrEqual(23);
	});

	it('ends with the scoreboard, marks and all', async () => {
		const {stdout, advance, driver} = start(80, 24);
		driver.speed = 500;
		for (let i = 0; i < 400 && !driver.finished; i++) await advance(100);
		await advance(100);
		const text = stdout.last.join('\n');
		expect(driver.finished).toBe(true);
		expect(text).toContain('SCOREBOARD');
		expect(text).toContain('★');
		expect(stdout.last[0]).toContain('finished');
	});
});
