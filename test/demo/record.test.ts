import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from '../cli/helpers.js';
import {shortDemo, workDir} from './fixtures.js';
import {replayCast} from './replay.js';

describe('livemig record', () => {
	const demo = shortDemo();
	const record = (out: string, args: string[] = []) => cli(['record', demo, '--out', out, '--timestamp', '1700000000', ...args]);

	it('writes an asciicast v2 file without a TTY, even with CI set', () => {
		const out = join(workDir, 'a.cast');
		const r = record(out);
		expect(r.stderr).toMatch(/recorded .* s of short-plain \(90x26/);
		expect(r.status).toBe(0);
		const [head, first] = readFileSync(out, 'utf8').split('\n');
		expect(JSON.parse(head)).toMatchObject({version: 2, width: 90, height: 26, timestamp: 1700000000, title: 'A short demo'});
		const event = JSON.parse(first) as [number, string, string];
		expect(event[0]).toBe(0);
		expect(event[1]).toBe('o');
	});

	it('is byte-identical for the same demo and seed', () => {
		const a = join(workDir, 'same-a.cast');
		const b = join(workDir, 'same-b.cast');
		expect(record(a).status).toBe(0);
		expect(record(b).status).toBe(0);
		expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
	});

	it('replays in a terminal emulator to the final scoreboard, with the caption row', async () => {
		const out = join(workDir, 'replay.cast');
		expect(record(out, ['--cols', '100', '--rows', '30']).status).toBe(0);
		const screen = await replayCast(out);
		expect(screen.header).toMatchObject({width: 100, height: 30});
		const text = screen.lines.join('\n');
		expect(text).toMatch(/SCOREBOARD/);
		expect(text).toMatch(/PRE-COPY/);
		expect(text).toMatch(/POST-COPY/);
		expect(text).toMatch(/total time/);
		expect(screen.colored).toBe(true);
	});

	it('--no-color records without colour; --ascii without block glyphs', async () => {
		const out = join(workDir, 'plain.cast');
		expect(record(out, ['--no-color', '--ascii']).status).toBe(0);
		const screen = await replayCast(out);
		expect(screen.colored).toBe(false);
		expect(screen.lines.join('')).not.toMatch(/[█▀▄╭─]/);
	});

	it('refuses bad input clearly', () => {
		expect(cli(['record', demo]).stderr).toMatch(/--out: record needs --out FILE/);
		expect(cli(['record', 'no-such-demo', '--out', join(workDir, 'x.cast')]).stderr).toMatch(/no file or shipped scenario named "no-such-demo"/);
		const badKey = shortDemo({demo: {timeline: [{key: 'F13'}]}});
		const r = cli(['record', badKey, '--out', join(workDir, 'y.cast')]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/demo\.timeline\.0: no key "F13"/);
		expect(cli(['record', demo, '--out', join(workDir, 'z.cast'), '--cols', '10']).stderr).toMatch(/--cols: must be at least 40/);
	});

	it('demo needs a terminal and says so', () => {
		const r = cli(['demo', 'mmuncher']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/demo: needs a terminal/);
	});
});
