import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cases, type Case} from '../../validate/cases.js';
import {guestTrace} from '../../validate/guest.js';
import {livemigArgs, livemigBandwidthBits, lowNonZeroPages, reduceLivemig, zeroShare} from '../../validate/livemig-side.js';
import {cliPath} from '../cli/helpers.js';

const base: Case = {
	name: 't',
	what: 't',
	mode: 'precopy',
	memoryMiB: 128,
	guest: {rate: 2000, wssPages: 4096, basePage: 512, fillMiB: 64, pattern: 'random', seed: 1},
	maxBandwidthMiBps: 16,
	linkMiBps: null,
	downtimeLimitMs: 300,
	autoConverge: false,
	cancelAfterS: 60,
	runs: 1,
};

const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

describe('a case as livemig flags', () => {
	it("QEMU's stream cap becomes livemig's one rate; a slower shaped link wins", () => {
		expect(livemigBandwidthBits(base)).toBe(16 * 1024 * 1024 * 8);
		expect(livemigBandwidthBits({...base, maxBandwidthMiBps: 1024, linkMiBps: 32})).toBe(32 * 1024 * 1024 * 8);
		expect(flag(livemigArgs(base, 'g.trace'), '--bandwidth')).toBe('134217728bit/s');
	});

	it('zero pages: all but the low non-zero pages, the fill and a working set outside it', () => {
		const pages = 128 * 256;
		expect(zeroShare(base)).toBeCloseTo((pages - lowNonZeroPages - 64 * 256) / pages, 12);
		// A working set past the fill adds its pages.
		const outside = {...base, guest: {...base.guest, basePage: 512 + 64 * 256}};
		expect(zeroShare(outside)).toBeCloseTo((pages - lowNonZeroPages - 64 * 256 - 4096) / pages, 12);
		// Half inside, half outside.
		const half = {...base, guest: {...base.guest, basePage: 512 + 64 * 256 - 2048}};
		expect(zeroShare(half)).toBeCloseTo((pages - lowNonZeroPages - 64 * 256 - 2048) / pages, 12);
	});

	it('the mode picks the command and its flags', () => {
		const pre = livemigArgs({...base, autoConverge: true, downtimeLimitMs: 120}, 'g.trace');
		expect(pre.slice(0, 2)).toEqual(['run', 'precopy']);
		expect(flag(pre, '--policy')).toBe('qemu');
		expect(flag(pre, '--downtime-limit')).toBe('120ms');
		expect(pre).toContain('--auto-converge');
		expect(flag(pre, '--trace')).toBe('g.trace');
		const hybrid = livemigArgs({...base, mode: 'hybrid'}, 'g.trace');
		expect(hybrid.slice(0, 2)).toEqual(['run', 'hybrid']);
		expect(flag(hybrid, '--precopy-rounds')).toBe('1');
		const post = livemigArgs({...base, mode: 'postcopy'}, 'g.trace');
		expect(post.slice(0, 2)).toEqual(['run', 'postcopy']);
		expect(post).not.toContain('--policy');
		expect(post).not.toContain('--auto-converge');
	});

	it('every case is a livemig invocation the built CLI accepts, and its report reduces', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-val-test-'));
		try {
			const modes = new Set<string>();
			for (const c of cases) {
				if (modes.has(c.mode + c.autoConverge)) continue;
				modes.add(c.mode + c.autoConverge);
				// A short trace and a small guest keep it fast; the flags are the case's own.
				const small: Case = {...c, memoryMiB: 16, guest: {...c.guest, wssPages: 256, fillMiB: 4}, cancelAfterS: 1};
				const trace = path.join(dir, `${c.name}.trace`);
				fs.writeFileSync(trace, guestTrace(small.guest, 500, 2000, 16 * 1024 * 1024));
				const args = livemigArgs(small, trace);
				const r = spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8', env: {...process.env, CI: 'true'}, timeout: 60_000});
				expect(r.stderr, c.name).toBe('');
				expect(r.status, c.name).toBe(0);
				const l = reduceLivemig(JSON.parse(r.stdout), args);
				expect(l.outcome, c.name).toBe('completed');
				expect(l.bytesTransferred, c.name).toBeGreaterThan(0);
				if (c.mode === 'precopy') expect(l.liveRounds, c.name).toBeGreaterThan(0);
			}
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
});

describe("livemig's report as the table reads it", () => {
	it('counts live rounds and takes dirty-sync-count and requests from the report', () => {
		const report = {
			results: [
				{
					outcome: 'completed',
					reason: 'fits',
					totalTimeMs: 10,
					downtimeMs: 2,
					bytesTransferred: 100,
					normalPages: 3,
					zeroPages: 4,
					networkFaults: 5,
					maxThrottlePercent: 20,
					rounds: [{kind: 'live'}, {kind: 'live'}, {kind: 'stop-and-copy'}],
					qemu: {ram: {'dirty-sync-count': 3}},
				},
			],
		};
		const l = reduceLivemig(report, ['x']);
		expect(l).toMatchObject({liveRounds: 2, dirtySyncCount: 3, postcopyRequests: 5, maxThrottlePercent: 20, downtimeMs: 2});
		expect(() => reduceLivemig({results: []}, [])).toThrow(/no result/);
	});
});
