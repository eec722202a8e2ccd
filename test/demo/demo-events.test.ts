// Demo steps anchored to events: a caption waits for its event, never shows before it, and
// every shipped demo plays to the end with each anchored caption at or after its event.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseArgs} from '../../source/cli/main.js';
import type {TimelineStep} from '../../source/config/scenario-schema.js';
import {createMigration, defaultScenario, MiB, type MigrationEvent} from '../../source/core/index.js';
import {demoRun} from '../../source/demo/demo-run.js';
import {type CaptionShown, DemoScript, eventMatches, type OnStep} from '../../source/demo/demo-script.js';
import {recordDemo} from '../../source/demo/record.js';
import {createVirtualClock} from '../../source/ui/clock.js';
import {EngineDriver} from '../../source/ui/engine-driver.js';
import {cli} from '../cli/helpers.js';
import {workDir} from './fixtures.js';

function linkScenario() {
	const s = defaultScenario();
	s.memoryBytes = 256 * MiB;
	s.workload = {...s.workload, wssBytes: 32 * MiB};
	s.linkFailure = {atMs: 1000, forMs: 500};
	return s;
}

/** A script on a paced driver, both on one virtual clock ticking at 30 fps. */
function play(steps: TimelineStep[]) {
	const clock = createVirtualClock();
	const driver = new EngineDriver({scenario: linkScenario(), algorithms: ['precopy', 'postcopy'], speed: 1, pacing: true, budgetMs: Infinity});
	const shown: Array<{caption: string | null; simMs: number}> = [];
	const dispatch = (a: string) => {
		if (a === 'pause') driver.paused = !driver.paused;
		if (a === 'restart') driver.restart();
	};
	let ended = false;
	const script = new DemoScript(steps, clock, {driver, setCaption: (c) => shown.push({caption: c, simMs: driver.nowMs})}, dispatch as never, () => (ended = true));
	const frame = (n = 1) => {
		for (let i = 0; i < n; i++) {
			clock.advance(1000 / 30);
			driver.advance(1000 / 30);
		}
	};
	return {clock, driver, shown, script, frame, isEnded: () => ended};
}

describe('demo steps on events', () => {
	it('shows a caption when the link goes down, not before', () => {
		const p = play([{on: 'link-down'}, {caption: 'down'}]);
		while (p.driver.nowMs < 999 && !p.driver.finished) {
			p.frame();
			if (p.driver.nowMs < 1000) expect(p.shown.map((s) => s.caption)).not.toContain('down');
		}
		p.frame(5);
		const at = p.shown.find((s) => s.caption === 'down');
		expect(at).toBeDefined();
		// In the frame the event happened in: at or after it, and less than a frame's worth later.
		expect(at!.simMs).toBeGreaterThanOrEqual(1000);
		expect(at!.simMs).toBeLessThan(1100);
		p.script.stop();
	});

	it('matches a round, an algorithm and the switch', () => {
		const ev = {type: 'round-end', t: 5, round: 3, kind: 'live'} as MigrationEvent;
		expect(eventMatches({on: 'round-end', round: 3}, 'precopy', ev)).toBe(true);
		expect(eventMatches({on: 'round-end', round: 2}, 'precopy', ev)).toBe(false);
		expect(eventMatches({on: 'round-end', algorithm: 'hybrid'}, 'precopy', ev)).toBe(false);
		expect(eventMatches({on: 'switch'}, 'postcopy', {type: 'switchover', t: 1} as MigrationEvent)).toBe(true);
	});

	it('waits for done, then ends; pause and resume set the state whatever it was', () => {
		const p = play([{pause: true}, {pause: true}, {wait: '200ms'}, {resume: true}, {on: 'done'}, {caption: 'over'}, {end: true}]);
		expect(p.driver.paused).toBe(true);
		p.frame(3);
		expect(p.driver.paused).toBe(true);
		p.frame(4);
		expect(p.driver.paused).toBe(false);
		for (let i = 0; i < 20000 && !p.isEnded(); i++) p.frame();
		expect(p.driver.finished).toBe(true);
		expect(p.isEnded()).toBe(true);
		expect(p.shown.find((s) => s.caption === 'over')!.simMs).toBeGreaterThanOrEqual(Math.max(...p.driver.frame().snapshots.map((s) => s.nowMs)));
	});

	it('starts over when the race restarts', () => {
		const p = play([{caption: 'first'}, {on: 'link-down'}, {caption: 'down'}]);
		while (!p.shown.some((s) => s.caption === 'down')) p.frame();
		p.driver.restart();
		p.frame();
		const after = p.shown.slice(p.shown.findIndex((s) => s.caption === 'down') + 1).map((s) => s.caption);
		expect(after).toContain('first');
		expect(after.filter((c) => c === 'down')).toHaveLength(0);
		p.script.stop();
	});
});

describe('demo schema', () => {
	const write = (name: string, timeline: unknown[]) => {
		const path = join(workDir, `${name}.json`);
		writeFileSync(path, JSON.stringify({vm: {memory: '96MiB'}, demo: {timeline}}));
		return path;
	};
	it.each([
		['bad-event', [{caption: 'a'}, {on: 'lnk-down'}], /bad-event\.json: demo\.timeline\.1\.on: .*link-down/],
		['bad-step', [{wiat: '3s'}], /bad-step\.json: demo\.timeline\.0: not a step: "wiat" \(a step is one of wait, on,/],
		['bad-round', [{on: 'round-end', round: -1}], /bad-round\.json: demo\.timeline\.0\.round: /],
		['toggle', [{key: 'space'}], /toggle: demo\.timeline\.0: "space" toggles; use \{"pause": true\} and \{"resume": true\}/],
	])('refuses %s with one line and exit 2', (name, timeline, message) => {
		const r = cli(['record', write(name, timeline as unknown[]), '--out', join(workDir, 'x.cast')]);
		expect(r.status).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toMatch(message);
	});
});

const shipped = readdirSync(join(import.meta.dirname, '../../demos'))
	.filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
	.map((f) => f.replace(/\.json$/, ''));

describe('every shipped demo', () => {
	it.each(shipped)('%s plays to the end with each caption at or after its event', {timeout: 120_000}, async (name) => {
		const run = await demoRun(parseArgs(['record', name]));
		const steps = run.demo!.timeline;
		const captions: CaptionShown[] = [];
		const cast = await recordDemo(run, {cols: 80, rows: 24, fps: 5, timestamp: 0, holdSeconds: 1, onCaption: (c) => captions.push(c)});
		expect(cast.duration).toBeLessThan(590);
		expect(captions.length).toBe(steps.filter((s) => 'caption' in s).length);
		// A scripted demo anchors its story to events, not to wall time.
		const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../demos', `${name}.json`), 'utf8')) as {demo?: unknown};
		if (file.demo)
			expect(steps.filter((s) => 'on' in s).length, `${name}: no step waits for an event`).toBeGreaterThanOrEqual(2);
		// The events of a headless run of the same scenario (the same events: core/events.ts).
		const events = run.algorithms.map((a) => {
			const m = createMigration(run.scenario, a);
			m.run();
			return {algorithm: a, events: m.eventsSince(0)};
		});
		for (const c of captions) {
			const anchor = steps.slice(0, c.step).reverse().find((s) => 'on' in s) as OnStep | undefined;
			if (!anchor) continue;
			const times = events.flatMap((r) => (anchor.on === 'done' ? [r.events.at(-1)!.t] : r.events.filter((e) => eventMatches(anchor, r.algorithm, e)).map((e) => e.t)));
			expect(times.length, `${name}: ${JSON.stringify(anchor)} never happens`).toBeGreaterThan(0);
			const t = anchor.on === 'done' ? Math.max(...times) : Math.min(...times);
			expect(c.simMs, `${name}: "${c.text}"`).toBeGreaterThanOrEqual(t);
		}
	});
});

/** When an `on` step's event first happens, from headless runs (the same events: core/events.ts). */
function anchorTime(run: Awaited<ReturnType<typeof demoRun>>, anchor: OnStep): number {
	const times = run.algorithms.flatMap((a) => {
		const m = createMigration(run.scenario, a);
		m.run();
		return m.eventsSince(0).filter((e) => eventMatches(anchor, a, e)).map((e) => e.t);
	});
	return Math.min(...times);
}

/** Replays a cast frame by frame; `look` sees the screen's rows after each output event. */
async function eachScreen(text: string, look: (rows: string[]) => void): Promise<void> {
	const xterm = (await import('@xterm/headless')).default;
	const [head, ...lines] = text.trimEnd().split('\n');
	const h = JSON.parse(head) as {width: number; height: number};
	const term = new xterm.Terminal({cols: h.width, rows: h.height, allowProposedApi: true});
	for (const line of lines) {
		const [, , data] = JSON.parse(line) as [number, string, string];
		await new Promise<void>((resolve) => term.write(data, resolve));
		const b = term.buffer.active;
		look(Array.from({length: h.height}, (_, y) => b.getLine(y)?.translateToString(true) ?? ''));
	}
	term.dispose();
}

/** The panels' clocks on a screen ("t 12.00 s", "t 61.9 ms"), ms. */
const clocks = (rows: string[]) =>
	rows.slice(1, 4).concat(rows).flatMap((r) => [...r.matchAll(/[╮+─-] t ([\d.]+) (ms|s) [─-]/g)].map((m) => Number(m[1]) * (m[2] === 's' ? 1000 : 1)));

describe('captions on screen with their events', () => {
	it.each([
		['link-failure', 80, 24],
		['link-failure', 160, 50],
		['mmuncher', 80, 24],
		['hybrid', 80, 24],
		['hybrid', 160, 50],
	])('%s at %ix%i: each anchored caption shows with its event on screen', {timeout: 120_000}, async (name, cols, rows) => {
		const run = await demoRun(parseArgs(['record', name]));
		const steps = run.demo!.timeline;
		const captions: CaptionShown[] = [];
		const cast = await recordDemo(run, {cols, rows, fps: 10, timestamp: 0, holdSeconds: 1, onCaption: (c) => captions.push(c)});
		const pending = captions.map((c) => ({...c, seen: null as null | string[]}));
		await eachScreen(cast.text(), (screen) => {
			for (const c of pending) if (!c.seen && screen.some((r) => r.includes(c.text.slice(0, Math.min(40, cols - 2))))) c.seen = screen;
		});
		for (const c of pending) {
			expect(c.seen, `${name}: "${c.text}" never on screen`).not.toBeNull();
			const anchor = steps.slice(0, c.step).reverse().find((s) => 'on' in s) as OnStep | undefined;
			if (!anchor) continue;
			if (anchor.on === 'done') {
				expect(c.seen!.join('\n')).toMatch(/finished/);
				continue;
			}
			// A clock on screen has reached the event (shown to 0.01 s).
			expect(Math.max(...clocks(c.seen!)), `${name}: "${c.text}"`).toBeGreaterThanOrEqual(anchorTime(run, anchor) - 5);
			if (anchor.on === 'link-down') expect(c.seen!.join('\n')).toMatch(/link down/);
		}
	});
});
