import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cases, type Case} from '../../validate/cases.js';
import {guestTrace} from '../../validate/guest.js';
import {livemigArgs, livemigLinkBits, linkRate, lowNonZeroPages, measuredBacklog, placeRate, rateGiven, reduceLivemig, zeroShare} from '../../validate/livemig-side.js';
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
	const loopback = 700 * 1024 * 1024; // bytes/s, as a calibration run might measure it
	const rates = {link: loopback, placeRate: 200_000};

	it("the link is the measured loopback or the shaped rate; QEMU's stream cap is --max-bandwidth", () => {
		expect(livemigLinkBits(base, rates)).toBe(loopback * 8);
		expect(livemigLinkBits({...base, maxBandwidthMiBps: 1024, linkMiBps: 32}, rates)).toBe(32 * 1024 * 1024 * 8);
		const args = livemigArgs(base, 'g.trace', rates);
		expect(flag(args, '--bandwidth')).toBe(`${loopback * 8}bit/s`);
		expect(flag(args, '--max-bandwidth')).toBe('16MiB/s');
		expect(flag(args, '--cancel-after')).toBe('60s');
	});

	it("every mode gets the link; post-copy and hybrid also the destination's measured placing rate", () => {
		expect(livemigLinkBits({...base, mode: 'postcopy'}, rates)).toBe(loopback * 8);
		expect(livemigLinkBits({...base, mode: 'hybrid'}, rates)).toBe(loopback * 8);
		expect(livemigLinkBits({...base, mode: 'postcopy', linkMiBps: 64}, rates)).toBe(64 * 1024 * 1024 * 8);
		expect(flag(livemigArgs({...base, mode: 'postcopy'}, 'g.trace', rates), '--postcopy-place-rate')).toBe('200000');
		expect(flag(livemigArgs({...base, mode: 'hybrid'}, 'g.trace', rates), '--postcopy-place-rate')).toBe('200000');
		expect(livemigArgs(base, 'g.trace', rates)).not.toContain('--postcopy-place-rate');
		expect(livemigArgs({...base, mode: 'postcopy'}, 'g.trace', {link: loopback, placeRate: null})).not.toContain('--postcopy-place-rate');
		// Pages with data over the post-copy phase: the total less the pause.
		expect(placeRate(200_000, 1010, 10)).toBe(200_000);
		expect(placeRate(null, 1000, 5)).toBeNull();
		expect(placeRate(1000, 5, 5)).toBeNull();
	});

	it('the calibration rate is RAM bytes over the pause, and nothing without them', () => {
		expect(linkRate(700 * 1024 * 1024, 1000)).toBe(700 * 1024 * 1024);
		expect(linkRate(null, 1000)).toBeNull();
		expect(linkRate(1000, 0)).toBeNull();
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
		const pre = livemigArgs({...base, autoConverge: true, downtimeLimitMs: 120}, 'g.trace', loopback);
		expect(pre.slice(0, 2)).toEqual(['run', 'precopy']);
		expect(flag(pre, '--policy')).toBe('qemu');
		expect(flag(pre, '--downtime-limit')).toBe('120ms');
		expect(pre).toContain('--auto-converge');
		expect(flag(pre, '--trace')).toBe('g.trace');
		const hybrid = livemigArgs({...base, mode: 'hybrid'}, 'g.trace', loopback);
		expect(hybrid.slice(0, 2)).toEqual(['run', 'hybrid']);
		expect(flag(hybrid, '--precopy-rounds')).toBe('1');
		const post = livemigArgs({...base, mode: 'postcopy'}, 'g.trace', loopback);
		expect(post.slice(0, 2)).toEqual(['run', 'postcopy']);
		// QEMU is the hypervisor in post-copy too: its switch-over cost, not Xen's.
		expect(flag(post, '--policy')).toBe('qemu');
		expect(post).not.toContain('--max-bandwidth');
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
				const small: Case = {...c, memoryMiB: 16, guest: {...c.guest, wssPages: 256, fillMiB: 4}, cancelAfterS: 30};
				const trace = path.join(dir, `${c.name}.trace`);
				fs.writeFileSync(trace, guestTrace(small.guest, 500, 2000, 16 * 1024 * 1024));
				const args = livemigArgs(small, trace, rates);
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

describe('the channel backlog livemig is given', () => {
	const sample = (status: string, send: number, recv = 0) => ({atMs: 0, info: {status}, queued: {send, recv}});
	const caseOf = (over: Partial<Case>): Case => ({...cases[0]!, ...over});
	it('is the median of what the connection held while nothing capped the stream', () => {
		const series = [sample('active', 10), sample('postcopy-active', 3_000_000, 100_000), sample('postcopy-active', 3_500_000), sample('postcopy-active', 4_000_000)];
		// Capped pre-copy samples say nothing about a full buffer: only post-copy's count.
		expect(measuredBacklog(caseOf({maxBandwidthMiBps: 16, linkMiBps: null}), series, {link: 2e9, placeRate: null})).toBe(3_500_000);
		// Uncapped over a shaped link: the pre-copy samples count too.
		const shaped = [sample('active', 3_000_000), sample('active', 3_400_000), sample('active', 3_900_000), sample('completed', 0)];
		expect(measuredBacklog(caseOf({maxBandwidthMiBps: 1024, linkMiBps: 32}), shaped, {link: 2e9, placeRate: null})).toBe(3_400_000);
	});
	it('too few samples: none (livemig keeps its default)', () => {
		expect(measuredBacklog(caseOf({maxBandwidthMiBps: 16}), [sample('postcopy-active', 1), sample('postcopy-active', 2)], {link: 2e9, placeRate: null})).toBeNull();
	});
});

describe('the write rate livemig is given', () => {
	const guest = {rate: 4000} as Case['guest'];
	it("is the rate the guest achieved while it migrated; before it under auto-converge (livemig throttles itself) or when not measured", () => {
		expect(rateGiven({autoConverge: false, guest}, {rateBefore: 3900, rateDuring: 3500})).toBe(3500);
		expect(rateGiven({autoConverge: true, guest}, {rateBefore: 3900, rateDuring: 2000})).toBe(3900);
		expect(rateGiven({autoConverge: false, guest}, {rateBefore: 3900, rateDuring: null})).toBe(3900);
		expect(rateGiven({autoConverge: false, guest}, {rateBefore: null, rateDuring: null})).toBe(4000);
	});
});
