// Several vCPUs: each its own access streams and clock; a post-copy fault stalls only its vCPU.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {access} from '../../source/core/accesses.js';
import {cloneState, type EngineSetup, type EngineState} from '../../source/core/engine-state.js';
import {buildLayout, createMigration, defaultScenario, MiB, type MigrationResult, resolveWorkload, type Scenario} from '../../source/core/index.js';
import {NextAccess} from '../../source/core/vcpu-merge.js';
import {createVcpuStreams} from '../../source/core/workloads/access-stream.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

const runs = Number(process.env.LIVEMIG_PROPERTY_RUNS ?? 100);

/** The random scenarios on 2 to 12 vCPUs (past 8 the merge is a heap). */
const multiArb: fc.Arbitrary<Scenario> = fc.tuple(scenarioArb, fc.integer({min: 2, max: 12})).map(([s, n]) => ({...s, vcpus: n}));

const run = (s: Scenario, a: Parameters<typeof createMigration>[1], options = {}): MigrationResult => createMigration(s, a, options).run();

describe('several vCPUs over random scenarios', () => {
	it('post-copy still moves each page once, and a completed run verifies', () => {
		fc.assert(
			fc.property(multiArb, (s) => {
				const m = createMigration(s, 'postcopy', {audit: true});
				const r = m.run();
				expect(r.perVcpu).toHaveLength(s.vcpus!);
				if (r.outcome !== 'completed') return;
				expect(r.verified).toBe(true);
				const layout = buildLayout(s);
				const counts = m.sendCounts!;
				for (let p = 0; p < counts.length; p++) {
					const expected = s.postcopy.balloon && layout.free.get(p) ? 0 : 1;
					if (counts[p] !== expected) expect.fail(`page ${p} sent ${counts[p]} times, expected ${expected}`);
				}
			}),
			{numRuns: Math.ceil(runs / 2)},
		);
	});

	it('every algorithm verifies; the VM figures are the vCPUs\' averages and sums', () => {
		fc.assert(
			fc.property(multiArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				if (r.outcome === 'completed') expect(r.verified, `${a}: ${r.reason}`).toBe(true);
				const per = r.perVcpu!;
				expect(per.reduce((n, v) => n + v.networkFaults, 0)).toBe(r.networkFaults);
				expect(per.reduce((n, v) => n + v.inFlightWaits, 0)).toBe(r.inFlightWaits);
				const mean = per.reduce((n, v) => n + v.stallMs, 0) / per.length;
				expect(Math.abs(r.stallMs - mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, mean));
			}),
			{numRuns: runs},
		);
	});

	it('the same seed gives the same report, and pumping before every access changes nothing', () => {
		fc.assert(
			fc.property(multiArb, algorithmArb, (s, a) => {
				const once = JSON.stringify(run(s, a));
				expect(JSON.stringify(run(structuredClone(s), a))).toBe(once);
				expect(JSON.stringify(run(s, a, {eager: true}))).toBe(once);
			}),
			{numRuns: Math.ceil(runs / 2)},
		);
	});

	it('cloneState copies the per-vCPU state: a fork run on gives what the original does', () => {
		fc.assert(
			fc.property(multiArb, algorithmArb, fc.integer({min: 0, max: 3000}), (s, a, atMs) => {
				const m = createMigration(s, a);
				m.step(atMs);
				const state: EngineState = m['state'];
				const copy = cloneState(state);
				expect(copy.clock.cpus).toHaveLength(state.clock.count);
				for (let c = 0; c < state.clock.count; c++) expect(copy.clock.cpus[c]).not.toBe(state.clock.cpus[c]);
				expect(copy.writeIdx).not.toBe(state.writeIdx);
				expect(copy.readIdx).not.toBe(state.readIdx);
				expect(copy.vcpuTally[0]).not.toBe(state.vcpuTally[0]);
				expect(copy.claims).not.toBe(state.claims);
				expect([...copy.claims]).toEqual([...state.claims]);
			}),
			{numRuns: Math.ceil(runs / 3)},
		);
	});
});

describe('the merge of the vCPUs\' streams', () => {
	it('a heap picks in the same order as a scan', () => {
		const times = fc.array(fc.tuple(fc.integer({min: 0, max: 20}), fc.integer({min: 0, max: 20})), {minLength: 1, maxLength: 20});
		fc.assert(
			fc.property(times, fc.array(fc.integer({min: 1, max: 10}), {minLength: 30, maxLength: 30}), (start, steps) => {
				const scan = new NextAccess(start.length, false);
				const heap = new NextAccess(start.length, true);
				for (const q of [scan, heap]) {
					start.forEach(([w, r], c) => q.put(c, w, r));
					q.start();
				}
				for (const step of steps) {
					expect([heap.time, heap.cpu, heap.write]).toEqual([scan.time, scan.cpu, scan.write]);
					// The picked stream moves on (ties on purpose: small integers).
					for (const q of [scan, heap]) {
						if (q.write) q.tw[q.cpu] += step;
						else q.tr[q.cpu] += step;
						q.moved();
					}
				}
			}),
			{numRuns: runs},
		);
	});

	it('vCPU 0 keeps the one-stream ids: one vCPU makes the accesses it always made', () => {
		const s = defaultScenario();
		s.memoryBytes = 64 * MiB;
		s.workload = resolveWorkload('hotspot', s, {wssBytes: 8 * MiB});
		const layout = buildLayout(s);
		const one = createVcpuStreams(s, layout, 1);
		const two = createVcpuStreams(s, layout, 2);
		// Same pages in the same order; the two-vCPU streams run at half the rate.
		for (let n = 0; n < 1000; n++) {
			expect(two.writes[0].pageOf(n)).toBe(one.writes[0].pageOf(n));
			expect(two.reads[0].pageOf(n)).toBe(one.reads[0].pageOf(n));
		}
		// vCPU 1 draws from streams of its own.
		const same = Array.from({length: 1000}, (_, n) => two.writes[1].pageOf(n) === two.writes[0].pageOf(n)).filter(Boolean).length;
		expect(same).toBeLessThan(500);
		// Together the two make the one stream's count of accesses in the same VM time.
		const t = 1000;
		expect(two.writes[0].indexAt(t) + two.writes[1].indexAt(t)).toBeCloseTo(one.writes[0].indexAt(t), -2);
	});
});

describe('a fault stalls only its vCPU', () => {
	/** Post-copy dominated by faults: reads spread over all memory, a far link, no pre-paging. */
	function faulty(vcpus: number): Scenario {
		const s = defaultScenario();
		s.memoryBytes = 64 * MiB;
		s.rttMs = 10;
		s.bandwidthBitsPerSec = 200e6;
		s.workload = resolveWorkload('uniform', s, {writeRate: 2000, readRate: 20000});
		s.postcopy = {...s.postcopy, pushOrder: 'linear'};
		if (vcpus > 1) s.vcpus = vcpus;
		return s;
	}

	it('N vCPUs at the same total rate stall less each than one does', () => {
		const one = run(faulty(1), 'postcopy');
		expect(one.perVcpu).toBeUndefined();
		// The one vCPU spends most of post-copy waiting: faults dominate.
		expect(one.stallMs).toBeGreaterThan(0.5 * one.totalTimeMs);
		for (const n of [2, 4, 16]) {
			const many = run(faulty(n), 'postcopy');
			expect(many.verified).toBe(true);
			// While one vCPU waits the others run and fault: more requests are out at once ...
			expect(many.networkFaults).toBeGreaterThan(one.networkFaults);
			// ... and each vCPU loses less of its time than the one vCPU did.
			for (const v of many.perVcpu!) expect(v.stallMs).toBeLessThan(one.stallMs);
			expect(many.stallMs).toBeLessThan(one.stallMs);
		}
	});

	it('pause applies to every vCPU: each vCPU\'s downtime is the VM\'s', () => {
		const m = createMigration(faulty(3), 'hybrid');
		const r = m.run();
		const state: EngineState = m['state'];
		for (const c of state.clock.cpus) expect(c.totalsAt(state.now).downtime).toBe(r.downtimeMs);
		expect(r.downtimeMs).toBeGreaterThan(0);
	});
});

describe('two vCPUs touching the same missing page', () => {
	it('the second waits for the copy the first asked for: one fetch, one in-flight wait', () => {
		const s = defaultScenario();
		s.memoryBytes = 16 * MiB;
		s.rttMs = 5;
		s.vcpus = 2;
		s.workload = resolveWorkload('idle', s, {});
		const m = createMigration(s, 'postcopy');
		while (m.snapshot().phase !== 'postcopy') m.step(1);
		const e: EngineSetup = m['setup'];
		const st: EngineState = m['state'];
		let page = st.st.pages - 1;
		while (!st.st.toSend.get(page)) page--;
		const before = {faults: st.tally.faults, waits: st.tally.inFlightWaits};
		access(e, st, page, false, 0);
		const lands = st.clock.stallUntil(0);
		expect(lands).toBeGreaterThan(st.now + s.rttMs / 2);
		// vCPU 1 is not stalled by vCPU 0's fault ...
		expect(st.clock.stallUntil(1)).toBeLessThanOrEqual(st.now);
		// ... until it touches the same page, which the target holds but has not received.
		access(e, st, page, true, 1);
		expect(st.clock.stallUntil(1)).toBe(lands);
		expect(st.tally.faults).toBe(before.faults + 1);
		expect(st.tally.inFlightWaits).toBe(before.waits + 1);
		expect(st.vcpuTally.map((v) => [v.faults, v.inFlightWaits])).toEqual([
			[1, 0],
			[0, 1],
		]);
	});
});

describe('two vCPUs on one huge host page', () => {
	it('the second, touching another page of the host page the first faulted, waits for the same placement', () => {
		const s = defaultScenario();
		s.memoryBytes = 16 * MiB;
		s.pageSizeBytes = 2 * MiB;
		s.rttMs = 5;
		s.vcpus = 2;
		s.workload = resolveWorkload('idle', s, {});
		const m = createMigration(s, 'postcopy');
		while (m.snapshot().phase !== 'postcopy') m.step(1);
		const e: EngineSetup = m['setup'];
		const st: EngineState = m['state'];
		// The last host page (pages 3584-4095), far from the stream's start.
		const first = st.st.pages - 512;
		expect(st.st.toSend.get(first)).toBe(true);
		access(e, st, first + 7, false, 0);
		const lands = st.clock.stallUntil(0);
		expect(st.tally.onDemand).toBe(512);
		// Another page of the host page: at the target already (placed whole), landing with it.
		access(e, st, first + 400, true, 1);
		expect(st.clock.stallUntil(1)).toBe(lands);
		expect(st.tally.faults).toBe(1);
		expect(st.tally.inFlightWaits).toBe(1);
		// A page of another host page is not held up by this one.
		const other = first - 1;
		expect(st.st.present.get(other)).toBe(false);
	});
});

describe('two vCPUs faulting at once with postcopy-preempt', () => {
	it('their pages queue on the one preempt channel: the second lands a page later than the first', () => {
		const s = defaultScenario();
		s.memoryBytes = 16 * MiB;
		s.rttMs = 5;
		s.vcpus = 2;
		s.postcopy.preempt = true;
		s.workload = resolveWorkload('idle', s, {});
		const m = createMigration(s, 'postcopy');
		while (m.snapshot().phase !== 'postcopy') m.step(1);
		const e: EngineSetup = m['setup'];
		const st: EngineState = m['state'];
		let a = st.st.pages - 1;
		while (!st.st.toSend.get(a) || st.st.zeroIn(a >>> 5, (1 << (a & 31)) >>> 0) > 0) a--;
		let b = a - 64;
		while (!st.st.toSend.get(b) || st.st.zeroIn(b >>> 5, (1 << (b & 31)) >>> 0) > 0) b--;
		access(e, st, a, false, 0);
		access(e, st, b, false, 1);
		const pageMs = e.pageCost / (s.bandwidthBitsPerSec / 8 / 1000);
		const first = st.clock.stallUntil(0);
		expect(first).toBeCloseTo(st.now + s.rttMs + pageMs, 9);
		expect(st.clock.stallUntil(1)).toBeCloseTo(first + pageMs, 9);
	});
});
