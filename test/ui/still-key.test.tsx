// `s` in the console: the frame on screen handed over as the still, the footer saying where
// it went for a few seconds (or why it did not), nothing else disturbed.
import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import {defaultScenario, MiB} from '../../source/core/index.js';
import {createVirtualClock} from '../../source/ui/clock.js';
import type {Action} from '../../source/ui/keys.js';
import {keyBindings} from '../../source/ui/keys.js';
import {helpLines} from '../../source/ui/components/HelpOverlay.js';
import {createDriver, renderConsole, type RenderConsoleOptions, type RenderedConsole} from '../../source/ui/render.js';
import {renderNow} from '../../source/ui/render-now.js';
import {createTheme} from '../../source/ui/theme.js';
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
		if (!/^(\u001B\[\?25[hl])*$/.test(s)) this.frames.push(s);
		return true;
	};
	get last(): string[] {
		return strip(this.frames.at(-1)).replace(/\n$/, '').split('\n');
	}
}

const mounted: RenderedConsole[] = [];
afterEach(() => {
	for (const m of mounted.splice(0)) m.instance.unmount();
});

type Still = Parameters<NonNullable<RenderConsoleOptions['onStill']>>[0];

function start(onStill: RenderConsoleOptions['onStill'], theme = plain, columns = 100, rows = 30) {
	const scenario = defaultScenario();
	scenario.memoryBytes = 256 * MiB;
	const run = {scenario, algorithms: ['precopy', 'postcopy'] as const, display: {speed: 2, fps: 30, color: false, ascii: false}};
	const stdout = new FakeStdout(columns, rows);
	const clock = createVirtualClock(0, {step: renderNow});
	let dispatch: (a: Action) => void = () => {};
	const consoleRun = {...run, algorithms: [...run.algorithms]};
	const rendered = renderNow(() =>
		renderConsole({
			run: consoleRun,
			stdout: stdout as unknown as NodeJS.WriteStream,
			clock,
			driver: createDriver(consoleRun, Infinity),
			theme,
			input: false,
			control: (d) => (dispatch = d),
			onStill,
			debug: true,
			incrementalRendering: false,
		}),
	);
	mounted.push(rendered);
	return {stdout, clock, rendered, press: (a: Action) => renderNow(() => dispatch(a))};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('s: a still of the console', () => {
	it('is in the one key table, so help lists it', () => {
		const binding = keyBindings.find((b) => b.action === 'still');
		expect(binding?.inputs).toEqual(['s']);
		expect(helpLines(plain, 76, 30).join('\n')).toMatch(/s {2}save this frame as an SVG still/);
	});

	it('hands over the frame on screen, at the time on screen, and the footer says where it went for a few seconds', async () => {
		const stills: Still[] = [];
		const {stdout, clock, press, rendered} = start(async (s) => {
			stills.push(s);
			return 'still saved: livemig-x.svg';
		});
		clock.advance(700);
		// Paused, the screen holds a fresh heatmap (playing, it refreshes the heatmap four
		// times a second, a still takes it at the frame's instant).
		press('pause');
		const shown = stdout.last;
		const simMs = rendered.driver.nowMs;
		press('still');
		expect(stills).toHaveLength(1);
		expect(stills[0]).toMatchObject({columns: 100, rows: 30, simMs});
		// The very frame the terminal shows (the still's own render, not a copy of the screen).
		expect(strip(stills[0].frame).replace(/\n$/, '').split('\n')).toEqual(shown);
		// The run goes on as it was.
		expect(rendered.driver.nowMs).toBe(simMs);
		press('pause');
		await settle();
		renderNow(() => clock.advance(0));
		expect(stdout.last.at(-1)).toContain('still saved: livemig-x.svg');
		clock.advance(2000);
		expect(stdout.last.at(-1)).toContain('still saved');
		clock.advance(2500);
		expect(stdout.last.at(-1)).not.toContain('still saved');
		expect(rendered.driver.nowMs).toBeGreaterThan(simMs);
	});

	it('says so in the footer when the still cannot be written, and the console goes on', async () => {
		const {stdout, clock, press, rendered} = start(async () => {
			throw new Error('cannot write in /ro: read-only file system');
		});
		clock.advance(300);
		press('still');
		await settle();
		clock.advance(50);
		expect(stdout.last.at(-1)).toContain('still not saved: cannot write in /ro: read-only file system');
		const t = rendered.driver.nowMs;
		clock.advance(300);
		expect(rendered.driver.nowMs).toBeGreaterThan(t);
	});

	it('keeps the heatmap mode and view the user switched to', async () => {
		const stills: Still[] = [];
		const {clock, press} = start(async (s) => {
			stills.push(s);
			return 'ok';
		});
		clock.advance(300);
		press('qemu');
		press('still');
		expect(strip(stills[0].frame)).toContain('total-time');
		press('qemu');
		press('heatmap');
		press('still');
		expect(strip(stills[1].frame)).toContain('wr/pg');
	});

	it('paints the still in the console theme', async () => {
		const stills: Still[] = [];
		const light = createTheme({color: true, ascii: false, theme: 'light', level: 1, env: {LANG: 'C.UTF-8'}});
		const {clock, press} = start(async (s) => {
			stills.push(s);
			return 'ok';
		}, light);
		clock.advance(300);
		press('still');
		// The light theme's accent: blue (SGR 34), which the dark theme never paints text in.
		expect(stills[0].frame).toMatch(/\u001B\[34m/);
	});
});
