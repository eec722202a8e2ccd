// The timeline strip and the seek keys, in a real pty: the built CLI at 80x24.
import {afterEach, describe, expect, it} from 'vitest';
import {resolveWithScenario} from '../../source/config/run-options.js';
import {createMigration} from '../../source/core/index.js';
import {isLandmark} from '../../source/ui/event-nav.js';
import {panelClock, type Session, sleep, spawnCli} from './pty.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
});
function start(args: string[], o: Parameters<typeof spawnCli>[1]): Session {
	const s = spawnCli(args, o);
	sessions.push(s);
	return s;
}

/** The default race's landmark times (event-nav.ts), ms, from a headless run: the same events. */
const {scenario} = await resolveWithScenario({}, new Set());
const landmarks = (['precopy', 'postcopy'] as const).flatMap((a) => {
	const m = createMigration(scenario, a);
	m.run();
	return m.eventsSince(0).filter(isLandmark).map((e) => e.t);
});
/** Distance from a clock reading (shown to 0.01 s, or 0.001 ms) to the nearest landmark. */
const offEvent = (ms: number) => Math.min(...landmarks.map((t) => Math.abs(t - ms)));

const timelineUp = (s: Session) => s.rows().some((r) => r.startsWith('time ')) && s.rows().some((r) => r.startsWith('post-copy '));

describe('the timeline and seeking', () => {
	it('at 80x24 the timeline sits under the panels, and the frame stays rows-1 high', async () => {
		const s = start([], {columns: 80, rows: 24});
		await s.waitFor('the timeline', timelineUp);
		const rows = s.rows();
		const axis = rows.findIndex((r) => r.startsWith('time '));
		expect(rows[axis + 1]).toMatch(/^pre-copy {2}/);
		expect(rows[axis + 2]).toMatch(/^post-copy /);
		// The panels' bottom borders are above it, the footer below it, nothing on the last row.
		expect(rows[axis - 1]).toMatch(/^╰/);
		expect(rows[axis]).toMatch(/▼/);
		expect(rows[22]).toContain('q quit');
		expect(rows[23].trim()).toBe('');
		// The post-copy switch-over, at once: its pause shows as a block on its row.
		await s.waitFor('the switch-over on the timeline', () => /^post-copy █/.test(s.rows()[axis + 2] ?? ''));
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('draws the timeline in ASCII under LANG=C', async () => {
		const s = start([], {columns: 80, rows: 24, env: {LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined}});
		await s.waitFor('the timeline', timelineUp);
		await sleep(500);
		const axis = s.rows().find((r) => r.startsWith('time '))!;
		expect(axis).toMatch(/v/);
		expect(s.text()).not.toMatch(/[█▼╳─│◆]/);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});

	it('. pauses on the next event; ] [ seek between events; $ and 0 go to the end and the start', async () => {
		const s = start([], {columns: 80, rows: 24});
		await s.waitFor('the panels', () => timelineUp(s) && !Number.isNaN(panelClock(s)));
		s.press('.');
		await s.waitFor('paused on an event', () => /PAUSED/.test(s.rows()[0]) && panelClock(s) > 0);
		await sleep(300);
		const first = panelClock(s);
		expect(offEvent(first)).toBeLessThan(6);
		// Paused: it stays there.
		await sleep(400);
		expect(panelClock(s)).toBe(first);
		s.press(']');
		await s.waitFor('the next event', () => panelClock(s) > first);
		const second = panelClock(s);
		expect(offEvent(second)).toBeLessThan(6);
		s.press('.');
		await s.waitFor('the one after', () => panelClock(s) > second);
		const third = panelClock(s);
		expect(offEvent(third)).toBeLessThan(6);
		s.press('[');
		await s.waitFor('back to the second', () => Math.abs(panelClock(s) - second) < 6);
		s.press('$');
		await s.waitFor('the end: the scoreboard', () => s.text().includes('SCOREBOARD'), 15_000);
		s.press('0');
		await s.waitFor('the start again', () => !s.text().includes('SCOREBOARD') && panelClock(s) === 0);
		s.press('q');
		expect((await s.exited).exitCode).toBe(0);
	});
});
