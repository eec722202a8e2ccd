import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	type AccessStream,
	type Algorithm,
	algorithms,
	buildLayout,
	bytesPerMs,
	createMigration,
	createStreams,
	defaultScenario,
	type MemoryLayout,
	MiB,
	type MigrationResult,
	PAGE_HEADER_BYTES,
	resolveWorkload,
	type Scenario,
	TARGET_PAGE_BYTES,
	ZERO_PAGE_BYTES,
} from '../../source/core/index.js';
import {algorithmArb, scenarioArb} from './arbitraries.js';

const runs = Number(process.env.LIVEMIG_PROPERTY_RUNS ?? 100);

function run(s: Scenario, algorithm: Parameters<typeof createMigration>[1], options = {}): MigrationResult {
	return createMigration(s, algorithm, options).run();
}

/**
 * Scenarios the random ones rarely make: zero pages where the guest writes (outside a small
 * working set), so some are written and go again, as normal pages.
 */
const writtenZeroPages: Array<[Scenario, Algorithm]> = (['uniform', 'hotspot'] as const).flatMap((kind) => {
	const s = defaultScenario();
	s.memoryBytes = 16 * MiB;
	s.zeroFraction = 0.3;
	s.workload = resolveWorkload(kind, s, {wssBytes: 2 * MiB, writeRate: 20000});
	return algorithms.map((a): [Scenario, Algorithm] => [s, a]);
});

/** Times are sums of floating-point segments: equal to within a part in 10^9. */
function expectSameTime(actual: number, expected: number, what: string): void {
	expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('invariants over random scenarios', () => {
	it('every completed migration leaves every page at the target at its latest version', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				if (r.outcome === 'completed') expect(r.verified, `${a}: ${r.reason}`).toBe(true);
			}),
			{numRuns: runs},
		);
	});

	it('bytes and pages add up over rounds, faults and the CPU state', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				const roundBytes = r.rounds.reduce((n, x) => n + x.bytesSent, 0);
				const roundPages = r.rounds.reduce((n, x) => n + x.pagesSent, 0);
				const roundZero = r.rounds.reduce((n, x) => n + x.zeroPages, 0);
				// Non-pageable memory crosses in post-copy's pause, in no round: never a zero page.
				const nonPageableBytes = r.pagesNonPageable * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES);
				expect(roundBytes + r.faultBytes + r.cpuStateBytes + nonPageableBytes).toBe(r.bytesTransferred);
				// A fault fetches its host page (one page at 4 KiB) and its fault-around group's rest.
				const faultPages = r.pagesOnDemand + (r.pagesReadahead ?? 0);
				expect(r.pagesOnDemand).toBeGreaterThanOrEqual(r.networkFaults);
				if (s.pageSizeBytes === TARGET_PAGE_BYTES) expect(r.pagesOnDemand).toBe(r.networkFaults);
				expect(roundPages + faultPages + r.pagesNonPageable).toBe(r.pagesTransferred);
				if (a === 'precopy' || s.nonPageableBytes === 0) expect(r.pagesNonPageable).toBe(0);
				// A fault's pages: a zero page as a header and a byte, any other whole.
				const zeroFaults = r.zeroPages - roundZero;
				expect(zeroFaults).toBeGreaterThanOrEqual(0);
				expect(zeroFaults).toBeLessThanOrEqual(faultPages);
				expect(r.faultBytes).toBe((faultPages - zeroFaults) * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES) + zeroFaults * ZERO_PAGE_BYTES);
				// Each zero page goes at most once: an unwritten page is never dirtied, so it is never
				// queued again; but a hybrid's switch resends the whole of a partly dirty huge host
				// page (host-pages.ts), its zero pages too.
				const resends = a === 'hybrid' && s.pageSizeBytes > TARGET_PAGE_BYTES ? 2 : 1;
				expect(r.zeroPages).toBeLessThanOrEqual(resends * buildLayout(s).zeroPages);
				for (const x of r.rounds) {
					expect(x.pagesSent + x.pagesSkipped).toBeLessThanOrEqual(x.pagesToSend);
					// A page costs its bytes and a header on the wire; a zero page its header and a byte.
					expect(x.bytesSent).toBe((x.pagesSent - x.zeroPages) * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES) + x.zeroPages * ZERO_PAGE_BYTES);
				}
				if (r.outcome === 'completed') expect(r.cpuStateBytes).toBe(s.cpuStateBytes);
			}),
			{numRuns: runs, examples: writtenZeroPages},
		);
	});

	it('rounds tile the run: each starts where the last ended, the switch-over apart', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				const r = run(s, a);
				const pages = buildLayout(s).pages;
				const end = (i: number) => r.rounds[i].startMs + r.rounds[i].durationMs;
				r.rounds.forEach((x, i) => expect(x.index).toBe(i));
				if (r.rounds.length === 0) return;
				// The first round sends every page but the ballooned ones (and post-copy's
				// non-pageable ones, sent in the pause before it).
				expect(r.rounds[0].pagesToSend).toBe(pages - r.pagesBallooned - (a === 'postcopy' ? r.pagesNonPageable : 0));
				// Post-copy's push begins once the switch-over (the downtime) is over.
				expectSameTime(r.rounds[0].startMs, a === 'postcopy' ? r.downtimeMs : 0, 'first round start');
				for (let i = 1; i < r.rounds.length; i++) {
					// Hybrid's switch-over between its last live round and the push has no round.
					const gap = r.rounds[i].kind === 'push' && r.rounds[i - 1].kind === 'live' ? r.downtimeMs : 0;
					expectSameTime(r.rounds[i].startMs, end(i - 1) + gap, `round ${i} start`);
				}
				const last = r.rounds[r.rounds.length - 1];
				if (r.outcome !== 'completed') {
					expect(end(r.rounds.length - 1)).toBeLessThanOrEqual(r.totalTimeMs * (1 + 1e-9));
					return;
				}
				expectSameTime(end(r.rounds.length - 1), r.totalTimeMs, 'last round end');
				// Pre-copy's pause is its stop-and-copy round; the others' pause is the gap tiled above.
				// QEMU completes a hybrid as pre-copy when its rest fits at the switch (phases.ts).
				const asPrecopy = a === 'precopy' || (a === 'hybrid' && s.precopy.policy === 'qemu' && last.kind === 'stop-and-copy');
				if (asPrecopy) {
					expect(last.kind).toBe('stop-and-copy');
					expectSameTime(last.durationMs, r.downtimeMs, 'stop-and-copy round');
				} else expect(last.kind).toBe('push');
				// Every page the target holds crossed the link at least once.
				expect(r.pagesTransferred).toBeGreaterThanOrEqual(pages - r.pagesBallooned);
				// The pause pays at least the CPU state at the link's rate, the resume handshake's
				// round trip and the fixed stop/resume cost.
				// Post-copy's and hybrid's also pays the non-pageable pages.
				const pausedBytes = s.cpuStateBytes + r.pagesNonPageable * (TARGET_PAGE_BYTES + PAGE_HEADER_BYTES);
				expect(r.downtimeMs).toBeGreaterThanOrEqual((pausedBytes / bytesPerMs(s) + s.rttMs + s.switchoverCostMs) * (1 - 1e-9));
			}),
			{numRuns: runs},
		);
	});

	it('post-copy moves each page exactly once, and ballooned pages never', () => {
		fc.assert(
			fc.property(scenarioArb, (s) => {
				const m = createMigration(s, 'postcopy', {audit: true});
				const r = m.run();
				if (r.outcome !== 'completed') return;
				const layout = buildLayout(s);
				const counts = m.sendCounts!;
				// The pause sends the non-pageable pages, and the free ones unless ballooned.
				const nonPageable = s.nonPageableBytes === 0 ? 0 : layout.nonPageablePages + (s.postcopy.balloon ? 0 : layout.freePages);
				expect(r.pagesNonPageable).toBe(nonPageable);
				for (let p = 0; p < counts.length; p++) {
					const expected = s.postcopy.balloon && layout.free.get(p) ? 0 : 1;
					if (counts[p] !== expected) expect.fail(`page ${p} sent ${counts[p]} times, expected ${expected}`);
				}
				expect(r.pagesTransferred).toBe(layout.pages - r.pagesBallooned);
			}),
			{numRuns: Math.ceil(runs / 2)},
		);
	});

	it('the same scenario and seed give the same report, byte for byte', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				expect(JSON.stringify(run(s, a))).toBe(JSON.stringify(run(structuredClone(s), a)));
			}),
			{numRuns: Math.ceil(runs / 3)},
		);
	});

	it('bringing the link up to date only when an access needs it changes nothing', () => {
		// The engine skips pumping the link for accesses that commute with it; this compares
		// against pumping before every access.
		fc.assert(
			fc.property(scenarioArb, algorithmArb, (s, a) => {
				expect(JSON.stringify(run(s, a))).toBe(JSON.stringify(run(s, a, {eager: true})));
			}),
			{numRuns: runs},
		);
	});

	it('stepping in small slices gives the same result as one run', () => {
		fc.assert(
			fc.property(scenarioArb, algorithmArb, fc.integer({min: 1, max: 500}), (s, a, slice) => {
				const m = createMigration(s, a);
				let guard = 0;
				while (!m.finished && guard++ < 1e6) {
					m.step(slice);
					m.snapshot(64);
				}
				expect(JSON.stringify(m.result())).toBe(JSON.stringify(run(s, a)));
			}),
			{numRuns: Math.ceil(runs / 3)},
		);
	});
});

describe('workload streams', () => {
	it('stay inside memory, off free pages, and in time order', () => {
		fc.assert(
			fc.property(scenarioArb, (s) => {
				const layout = buildLayout(s);
				const streams = createStreams(s, layout);
				for (const [name, stream] of Object.entries(streams)) {
					let last = 0;
					for (let n = 0; n < 2000; n++) {
						const t = stream.timeOf(n);
						if (t === Infinity) break;
						// One expect a failure, not one an access: 2000 accesses a stream.
						const wrong = problemAt(stream, n, last, layout);
						if (wrong) expect.fail(`${name}, access ${n}: ${wrong}`);
						last = t;
					}
				}
			}),
			{numRuns: runs},
		);
	});
});

/** What is wrong with access n of a stream ('' if nothing): in time order, inside memory, off free pages, found again by indexAt. */
function problemAt(stream: AccessStream, n: number, last: number, layout: MemoryLayout): string {
	const t = stream.timeOf(n);
	const p = stream.pageOf(n);
	if (t < last) return `time ${t} before ${last}`;
	if (!(p >= 0 && p < layout.pages)) return `page ${p} outside memory`;
	if (layout.free.get(p)) return `page ${p} is free`;
	// indexAt(t): the first access at or after t (an engine resumes a stream there).
	const i = stream.indexAt(t);
	if (i > n || stream.timeOf(i) !== t || (i > 0 && stream.timeOf(i - 1) >= t)) return `indexAt(${t}) is ${i}`;
	return '';
}
