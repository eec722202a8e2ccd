import {describe, expect, it} from 'vitest';
import {isFinal, reduceRun, type QueryMigrate, type Sample} from '../../validate/metrics.js';
import type {QmpEvent} from '../../validate/qmp.js';

const ev = (event: string, timeMs: number, data: Record<string, unknown> = {}): QmpEvent => ({kind: 'event', event, timeMs, data});
const sample = (atMs: number, info: QueryMigrate): Sample => ({atMs, info});

const active = (transferred: number, sync: number): QueryMigrate => ({
	status: 'active',
	'expected-downtime': 40,
	'cpu-throttle-percentage': 0,
	ram: {transferred, remaining: 1000, duplicate: 10, normal: 100, 'dirty-sync-count': sync},
});
const completed: QueryMigrate = {
	status: 'completed',
	'total-time': 5000,
	'setup-time': 3,
	downtime: 12,
	ram: {transferred: 9_000_000, duplicate: 16_000, normal: 20_000, 'dirty-sync-count': 6, 'postcopy-requests': 0},
};
const srcEvents = [ev('MIGRATION_PASS', 1000, {pass: 1}), ev('MIGRATION_PASS', 3000, {pass: 2}), ev('STOP', 5990), ev('MIGRATION_PASS', 5995, {pass: 3})];
const dstEvents = [ev('RESUME', 6004.5)];

describe('query-migrate: when is it over', () => {
	it('QEMU 7.2 quirk: "completed" with zero times is not the end yet', () => {
		expect(isFinal({status: 'completed', 'total-time': 0, downtime: 0})).toBe(false);
		expect(isFinal({status: 'completed'})).toBe(false);
		expect(isFinal(completed)).toBe(true);
	});

	it('active and post-copy are not final; cancelled and failed are', () => {
		expect(isFinal({status: 'active'})).toBe(false);
		expect(isFinal({status: 'postcopy-active'})).toBe(false);
		expect(isFinal({status: 'cancelled'})).toBe(true);
		expect(isFinal({status: 'failed'})).toBe(true);
	});
});

describe('query-migrate and events to one result', () => {
	it('takes the final sample, not the zero-times "completed" before it', () => {
		const r = reduceRun(
			[sample(0, active(1e6, 1)), sample(100, {status: 'completed', 'total-time': 0, downtime: 0, ram: {transferred: 1}}), sample(200, completed)],
			srcEvents,
			dstEvents,
		);
		expect(r.status).toBe('completed');
		expect(r.totalTimeMs).toBe(5000);
		expect(r.qemuDowntimeMs).toBe(12);
		expect(r.ramTransferredBytes).toBe(9_000_000);
		expect(r.dirtySyncCount).toBe(6);
		expect(r.setupTimeMs).toBe(3);
	});

	it('the pause is STOP (source) to RESUME (destination); the pass the last sync before STOP starts is not live', () => {
		const r = reduceRun([sample(0, active(1, 1)), sample(100, completed)], srcEvents, dstEvents);
		expect(r.pauseMs).toBeCloseTo(14.5, 6);
		expect(r.passEvents).toBe(3);
		// Two syncs before STOP (the setup sync, the end of pass 1): pass 1 ran live, pass 2
		// went in the stop-and-copy; the third sync is the completion's, after STOP.
		expect(r.syncsBeforeStop).toBe(2);
		expect(r.livePasses).toBe(1);
	});

	it('QEMU 7.2 quirk: a downtime longer than the whole migration (the host uptime) is dropped, the pause stays', () => {
		const r = reduceRun([sample(0, {...completed, downtime: 812_345_678})], srcEvents, dstEvents);
		expect(r.qemuDowntimeMs).toBeNull();
		expect(r.downtimeNote).toMatch(/exceeds its total time/);
		expect(r.pauseMs).toBeCloseTo(14.5, 6);
	});

	it('a downtime within the total time but seconds above the measured pause is not believed either', () => {
		const r = reduceRun([sample(0, {...completed, downtime: 4000})], srcEvents, dstEvents);
		expect(r.qemuDowntimeMs).toBeNull();
		expect(r.downtimeNote).toMatch(/far above the measured pause/);
		expect(reduceRun([sample(0, {...completed, downtime: 20})], srcEvents, dstEvents).qemuDowntimeMs).toBe(20);
	});

	it('a cancelled run has no pause; its bytes come from the last sample that had a ram section', () => {
		const r = reduceRun(
			[sample(0, active(5e6, 3)), sample(100, {...active(7e6, 4), 'cpu-throttle-percentage': 30}), sample(200, {status: 'cancelled'})],
			[ev('MIGRATION_PASS', 1, {pass: 1}), ev('MIGRATION_PASS', 2, {pass: 2})],
			[],
		);
		expect(r.status).toBe('cancelled');
		expect(r.pauseMs).toBeNull();
		expect(r.qemuDowntimeMs).toBeNull();
		expect(r.ramTransferredBytes).toBe(7e6);
		expect(r.dirtySyncCount).toBe(4);
		expect(r.livePasses).toBe(2);
		expect(r.maxThrottlePercent).toBe(30);
	});

	it('a RESUME from before the STOP (the destination booting) does not count', () => {
		const r = reduceRun([sample(0, completed)], srcEvents, [ev('RESUME', 10), ev('RESUME', 6020)]);
		expect(r.pauseMs).toBeCloseTo(30, 6);
	});
});
