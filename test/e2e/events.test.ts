// The event log and the outcome line as a user reads them: the built CLI in a pty, the screen
// through @xterm/headless, at 80x24 (and 160x50), with and without colour and Unicode.
import {afterEach, describe, expect, it} from 'vitest';
import {type Session, spawnCli} from './pty.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
});
function start(args: string[], o: Parameters<typeof spawnCli>[1]): Session {
	const s = spawnCli(args, o);
	sessions.push(s);
	return s;
}

/** The text inside the left panel's borders (columns 2..37 at 80 columns), one string per row. */
const leftPanel = (s: Session) => s.rows().map((r) => r.slice(2, 38).trimEnd());
/** The xterm palette colour of the first cell of `text` on screen, or null (default colour / not found). */
function colourOf(s: Session, text: string): number | null {
	const b = s.term.buffer.active;
	for (let y = 0; y < s.term.rows; y++) {
		const x = s.rows()[y].indexOf(text);
		if (x < 0) continue;
		const cell = b.getLine(b.viewportY + y)!.getCell(x)!;
		return cell.isFgDefault() ? null : cell.getFgColor();
	}
	return null;
}
const RED = [1, 9];
const YELLOW = [3, 11];

describe('the event log and the outcome line at 80x24', () => {
	it('link-failure: pre-copy\'s log says the link went down and the panel ends aborted, in red; the frame stays rows-1 high', async () => {
		const s = start(['race', '--scenario', 'link-failure', '--speed', '30'], {columns: 80, rows: 24});
		await s.waitFor('pre-copy aborted', (x) => x.text().includes('aborted: VM stays on source'), 20_000);
		const left = leftPanel(s);
		const joined = left.join(' ').replace(/\s+/g, ' ');
		// The newest entry first (at 80x24 the timeline under the panels leaves the log two
		// rows, so it does not wrap: the outcome line above it says what it means).
		expect(joined).toMatch(/▶ 12\.00s link down at 12\.00 s: abort/);
		// Older entries below it, newest first: the round the failure cut off.
		const at = left.findIndex((l) => l.includes('▶ 12.00s'));
		// (Right under it, or under its second row when the log has rows to spare.) Cut at a
		// word: never a partial number (it read "of 52" for 524k).
		const cut = left.findIndex((l, y) => y > at && l.includes('cut off'));
		expect(cut - at).toBeLessThanOrEqual(2);
		expect(left[cut]).toMatch(/12\.00s round 0 cut off: [\d.]+[kM] of( [\d.]+[kM]|…)/);
		expect(RED).toContain(colourOf(s, 'aborted: VM stays on source'));
		expect(s.rows()[23].trim()).toBe('');
		expect(s.rows()[22]).toContain('q quit');
	});

	it('postcopy-wins: a 17 s pause is no green tick; post-copy\'s stall is a cost; the strip keeps both outcomes', async () => {
		const s = start(['race', '--scenario', 'postcopy-wins', '--speed', '200'], {columns: 80, rows: 24});
		await s.waitFor('the scoreboard', (x) => x.text().includes('SCOREBOARD'), 30_000);
		const text = s.text();
		expect(text).toMatch(/done in 122\.\d s, paused 17\.\d\d s/);
		expect(text).not.toContain('✓');
		expect(RED).toContain(colourOf(s, 'done in 122.'));
		expect(YELLOW).toContain(colourOf(s, 'done in 34.'));
		// Below the scoreboard the panels have no log: the strip names each run's outcome.
		expect(text).toMatch(/pre-copy: stopped after 11 rounds: sent 3\.\d\dx memory > 3x, paused( 17\.\d\d|…)/);
		expect(text).toMatch(/post-copy: done in 34\.\d\d s: 1\d\.\dk faults stalled it 16\.\d\d s/);
		expect(s.rows()[23].trim()).toBe('');
	});

	it('three panels, NO_COLOR=1 and LANG=C: a shared strip in ASCII, no colour, the frame rows-1 high', async () => {
		const s = start(['race', '--algorithms', 'precopy,postcopy,hybrid', '--memory', '256MiB', '--speed', '4'], {
			columns: 80,
			rows: 24,
			env: {NO_COLOR: '1', LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined},
		});
		await s.waitFor('the strip', (x) => x.rows().some((r) => /^> +\d+\.\d\ds (pre-copy|post-copy|hybrid): /.test(r)), 15_000);
		const rows = s.rows();
		const strip = rows.findIndex((r) => /^> +\d+\.\d\ds /.test(r));
		expect(strip).toBeGreaterThan(15);
		expect(strip).toBeLessThan(22);
		expect(rows[22]).toContain('q quit');
		expect(rows[23].trim()).toBe('');
		expect(s.text()).not.toMatch(/[█▀╭│▶]/);
		expect(s.output()).not.toMatch(/\u001B\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|38;|48;)[0-9;]*m/);
	});
});

describe('at 160x50', () => {
	it('each panel has its log, the newest first', async () => {
		const s = start(['--speed', '3'], {columns: 160, rows: 50});
		await s.waitFor('post-copy faults in the log', (x) => /\d+ faults, [\d.]+ ms each = RTT 1\.0 /.test(x.text()), 15_000);
		const rows = s.rows();
		expect(rows.some((r) => /│ ▶ +0\.00s round 0: all 1\.05M pages, the VM running/.test(r))).toBe(true);
		expect(rows.some((r) => /first fault: waited [\d.]+ ms = RTT 1\.0 \+ wire 0\.03 \+ queue/.test(r)) || rows.some((r) => /faults, [\d.]+ ms each/.test(r))).toBe(true);
		expect(rows[49].trim()).toBe('');
	});
});
