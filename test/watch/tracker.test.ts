// The tracker, the convergence verdict and the recording format, pure: QEMU 7.2's quirks
// (a `completed` with zero times, a downtime that is the host's uptime), passes shorter than
// a poll, and a recording cut mid-line.
import {describe, expect, it} from 'vitest';
import {convergence, stalled} from '../../source/watch/convergence.js';
import {parseRecording} from '../../source/watch/recording.js';
import type {QueryMigrate, WatchStart} from '../../source/watch/samples.js';
import {downtimeOf, Tracker} from '../../source/watch/tracker.js';

const start: WatchStart = {atMs: 0, qmp: 'q', qmpDest: null, qemuVersion: '7.2.0', parameters: {'downtime-limit': 300}, capabilities: {events: true}, eventsEnabled: true};
const info = (status: string, sync: number, transferred: number, remaining: number, extra: Partial<QueryMigrate> = {}): QueryMigrate => ({
	status,
	'total-time': 100,
	...extra,
	ram: {transferred, remaining, total: 64 << 20, 'dirty-sync-count': sync, 'page-size': 4096, ...extra.ram},
});

describe('the tracker', () => {
	// The polls and events of a real QEMU 7.2 run (test/e2e/watch-qemu.test.ts's), shortened.
	function realEnd(t: Tracker) {
		t.begin(start);
		t.poll({atMs: 1000, info: info('active', 1, 33_571_067, 32_190_464)});
		t.event({atMs: 1083, side: 'source', event: 'MIGRATION_PASS', qmpTimeMs: 0, data: {pass: 2}});
		t.poll({atMs: 1086, info: info('active', 2, 35_249_514, 5_926_912)});
		t.poll({atMs: 1200, info: info('active', 2, 36_928_058, 4_251_648)});
		t.event({atMs: 1271, side: 'source', event: 'MIGRATION_PASS', qmpTimeMs: 0, data: {pass: 3}});
		t.event({atMs: 1276, side: 'source', event: 'STOP', qmpTimeMs: 5000, data: {}});
		t.event({atMs: 1276, side: 'source', event: 'MIGRATION_PASS', qmpTimeMs: 0, data: {pass: 4}});
		t.poll({atMs: 1283, info: info('completed', 4, 41_770_778, 0, {'total-time': 0, downtime: 0})});
	}

	it('splits the bytes between two polls at the syncs, so a pass shorter than a poll gets its step', () => {
		const t = new Tracker();
		realEnd(t);
		const passes = t.snapshot().passes;
		expect(passes.map((p) => p.index)).toEqual([1, 2, 3, 4]);
		// Pass 1 ended at the MIGRATION_PASS 3 ms before the poll: 97% of that poll's bytes are its.
		expect(passes[0]!.bytes).toBe(Math.round(33_571_067 + ((35_249_514 - 33_571_067) * 83) / 86));
		expect(passes[0]!.durationMs).toBe(83);
		// Pass 3 ran 5 ms before the stop-and-copy's sync; pass 4, the last, was sent paused.
		expect(passes[3]!.final).toBe(true);
		expect(passes.reduce((a, p) => a + p.bytes, 0)).toBe(41_770_778);
		expect(passes[3]!.bytes).toBeGreaterThan(passes[2]!.bytes);
	});

	it('a `completed` with zero times is not the end (QEMU 7.2 says it before filling them in); the next poll is', () => {
		const t = new Tracker();
		realEnd(t);
		expect(t.finished).toBe(false);
		expect(t.snapshot().phase).toBe('completing');
		t.poll({atMs: 1400, info: info('completed', 4, 41_770_778, 0, {'total-time': 2230, downtime: 18})});
		expect(t.finished).toBe(true);
		expect(t.snapshot().final).toMatchObject({status: 'completed', totalTimeMs: 2230, downtimeMs: 18, downtimeNote: null});
		expect(t.snapshot().phase).toBe('completed');
	});

	it('a downtime longer than the migration (QEMU 7.2 once gave the host\'s uptime) is replaced by STOP to RESUME', () => {
		const bogus = info('completed', 4, 1, 0, {'total-time': 2230, downtime: 86_400_000});
		expect(downtimeOf(bogus, 5000, 5018.4)).toEqual({downtimeMs: 18, note: 'QEMU said downtime 86400000 ms, longer than the whole migration (2230 ms): shown is STOP to RESUME'});
		expect(downtimeOf(bogus, 5000, null).downtimeMs).toBeNull();
		expect(downtimeOf(info('completed', 4, 1, 0, {'total-time': 2230, downtime: 18}), null, null)).toEqual({downtimeMs: 18, note: null});
	});

	it('measures rates over the last second, so a poll milliseconds after another (a MIGRATION_PASS\'s) makes no spike', () => {
		const t = new Tracker();
		t.begin(start);
		for (let n = 0; n <= 20; n++) t.poll({atMs: n * 100, info: info('postcopy-active', 3, n * 1_000_000, 1000, {ram: {'postcopy-requests': n * 10}})});
		t.poll({atMs: 2003, info: info('postcopy-active', 3, 20_050_000, 1000, {ram: {'postcopy-requests': 201}})});
		const s = t.snapshot();
		expect(s.phase).toBe('postcopy-active');
		expect(s.sentBytesPerSec).toBeCloseTo(10_050_000 / 1.003, -3);
		expect(s.postcopyRequestsPerSec).toBeCloseTo(101 / 1.003, 0);
		expect(s.convergence.recommendation).toBeNull();
	});

	it('watched from before the start, pass 1 is there even when the first poll with a sync already shows pass 2', () => {
		const t = new Tracker();
		t.begin(start);
		t.poll({atMs: 0, info: {status: 'none'}});
		t.event({atMs: 40, side: 'source', event: 'MIGRATION_PASS', qmpTimeMs: 0, data: {pass: 1}});
		t.event({atMs: 60, side: 'source', event: 'MIGRATION_PASS', qmpTimeMs: 0, data: {pass: 2}});
		t.poll({atMs: 100, info: info('postcopy-active', 2, 1_000_000, 5000)});
		const passes = t.snapshot().passes;
		expect(passes.map((p) => [p.index, p.startMs, p.bytes])).toEqual([
			[1, 40, 600_000],
			[2, 60, 400_000],
		]);
		// Joining a migration already in pass 2, nothing is made up about pass 1.
		const late = new Tracker();
		late.begin(start);
		late.poll({atMs: 100, info: info('active', 2, 1_000_000, 5000)});
		expect(late.snapshot().passes.map((p) => [p.index, p.bytes])).toEqual([[2, 0]]);
	});

	it('a RESUME that arrives after the last poll still gives the downtime when QEMU\'s is implausible', () => {
		const t = new Tracker();
		t.begin(start);
		t.event({atMs: 10, side: 'source', event: 'STOP', qmpTimeMs: 5000, data: {}});
		t.poll({atMs: 20, info: info('completed', 4, 1, 0, {'total-time': 2230, downtime: 86_400_000})});
		expect(t.snapshot().final?.downtimeMs).toBeNull();
		t.event({atMs: 25, side: 'destination', event: 'RESUME', qmpTimeMs: 5012, data: {}});
		expect(t.snapshot().final?.downtimeMs).toBe(12);
	});

	it('costs the same per poll however long the run: passes are kept, polls are not', () => {
		const t = new Tracker();
		t.begin(start);
		for (let n = 0; n < 5000; n++) t.poll({atMs: n * 100, info: info('active', 1 + Math.floor(n / 10), n * 1000, 1000)});
		expect(t.snapshot().passes).toHaveLength(500);
	});
});

describe('the convergence verdict', () => {
	const base = {dirtyBytesPerSec: 10, sentBytesPerSec: 100, expectedDowntimeMs: 100, downtimeLimitMs: 300, throttlePercent: 0, autoConverge: false, postcopyRam: true, precopy: true};
	const passes = (...r: number[]) => r.map((remainingAtStart, i) => ({index: i + 1, remainingAtStart}));

	it('stalled: three syncs in a row find no less than 90% of the least dirty before them (pass 1 aside)', () => {
		expect(stalled(passes(100, 50, 50, 50, 50))).toBe(true);
		expect(stalled(passes(100, 50, 50, 50))).toBe(false);
		expect(stalled(passes(100, 50, 60, 44, 50))).toBe(false);
		expect(stalled(passes(100, 50, 44, 40, 30))).toBe(false);
	});

	it('recommends in words only when it will not converge, post-copy when postcopy-ram is set', () => {
		expect(convergence({...base, passes: passes(100, 50, 20)}).recommendation).toBeNull();
		const c = convergence({...base, passes: passes(100, 50, 50, 50, 50), expectedDowntimeMs: 1234});
		expect(c.stall).toBe('remaining has not shrunk in 3 passes');
		expect(c.recommendation).toContain('raise downtime-limit from 300 ms to about 1250 ms');
		expect(c.recommendation).toContain('switch to post-copy (migrate-start-postcopy)');
		const throttled = convergence({...base, passes: passes(100, 50, 50, 50, 50), autoConverge: true, throttlePercent: 99});
		expect(throttled.recommendation).toContain('auto-converge is at its 99% cap');
		expect(convergence({...base, passes: passes(100, 50), dirtyBytesPerSec: 200}).recommendation).toMatch(/^not converging \(the guest dirties 200% of what the stream sends\)/);
		expect(convergence({...base, passes: passes(100, 50, 50, 50, 50), precopy: false}).recommendation).toBeNull();
	});
});

describe('the recording format', () => {
	const startLine = JSON.stringify({type: 'start', version: 1, ...start});
	it('keeps the whole lines of a recording cut mid-line', () => {
		const rec = parseRecording(`${startLine}\n{"type":"poll","atMs":5,"info":{"status":"active"}}\n{"type":"poll","atMs":6,"inf`, 'r.jsonl');
		expect(rec.lines).toHaveLength(1);
		expect(rec.end).toBeNull();
		expect(rec.start.qemuVersion).toBe('7.2.0');
	});
	it('names the file and line of anything else', () => {
		expect(() => parseRecording(`${startLine}\nnot json\n`, 'r.jsonl')).toThrow('r.jsonl:2: not JSON (is this a livemig watch --record file?)');
		expect(() => parseRecording(`${startLine}\n{"type":"frame","atMs":1}\n`, 'r.jsonl')).toThrow('r.jsonl:2: unknown line type "frame"');
		expect(() => parseRecording(startLine.replace('"version":1', '"version":9') + '\n', 'r.jsonl')).toThrow('r.jsonl:1: recording version 9; this livemig reads version 1');
		expect(() => parseRecording('', 'r.jsonl')).toThrow('r.jsonl: empty (no "start" line)');
	});
});
