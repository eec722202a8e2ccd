// Hines & Gopalan (VEE'09) in their setting: the bands their paper reports, checked as bands.
// Where livemig misses one, the check is `it.fails` with the reason (docs/fidelity.md): it
// starts failing, and asks for the doc to be updated, the day a mechanism brings livemig in.
// Clark's downtimes are test/core/presets.test.ts's. `LIVEMIG_FIDELITY_TABLE=1` prints the
// rows of docs/fidelity.md (npx vitest run test/core/paper-results.test.ts).
import {afterAll, describe, expect, it} from 'vitest';
import {paperScenario} from './paper-setting.js';
import {
	type Algorithm,
	FAULT_AROUND_PAGES,
	buildLayout,
	createMigration,
	createStreams,
	defaultScenario,
	GiB,
	MiB,
	type MigrationResult,
	NON_PAGEABLE_BYTES,
	presets,
	resolveWorkload,
	type Scenario,
	SWITCHOVER_COST_MS,
	type WorkloadKind,
} from '../../source/core/index.js';

const printed: string[] = [];
const print = (row: string) => printed.push(row);
afterAll(() => {
	if (process.env.LIVEMIG_FIDELITY_TABLE) console.log(printed.join('\n'));
});

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const run = (s: Scenario, a: Algorithm): MigrationResult => createMigration(s, a).run();

/**
 * Hines's testbed (§5): Xen's post-copy (bubbling pre-paging, pseudo-paging: the xen
 * policy's non-pageable memory), gigabit, their guest size; `balloon`: DSB on.
 */
function hines(memoryBytes: number, change: (s: Scenario) => void): Scenario {
	const s = defaultScenario();
	s.memoryBytes = memoryBytes;
	s.nonPageableBytes = NON_PAGEABLE_BYTES.xen;
	s.postcopy.faultAroundPages = FAULT_AROUND_PAGES.xen;
	change(s);
	return s;
}

/**
 * §5.1's stress test: a 2048 MB VM whose sequential working set of `wssMiB` is all it uses,
 * "the rest is simply free memory" (less the kernel's non-pageable memory), sweeping at the
 * `sequential` preset's rates (the paper gives none).
 */
function stress(wssMiB: number, order: 'bubble' | 'linear', balloon: boolean): Scenario {
	return hines(2 * GiB, (s) => {
		s.freeFraction = 1 - (wssMiB * MiB + s.nonPageableBytes) / s.memoryBytes - 0.01;
		s.postcopy.balloon = balloon;
		s.postcopy.pushOrder = order;
		s.workload = resolveWorkload('sequential', s, {wssBytes: wssMiB * MiB});
	});
}

const wssSizes = [8, 16, 32, 64, 128, 256];

/**
 * Table 2's share: network faults over all faults, network and minor (the rows add up to
 * 100%). Under pseudo-paging every pageable page is swapped out at the switch, so each page
 * the VM first touches in post-copy faults: minor if it has reached the target, a network
 * fault if not (§5: "a large majority of the pages reach the target before they are faulted
 * upon by the VM at the target, in which case they become minor page faults rather than major
 * network page faults"). A touch of a page the swap path's readahead already asked for is no
 * fault of its own (a swap cache hit).
 */
function faultShare(wssMiB: number, order: 'bubble' | 'linear'): number {
	const s = stress(wssMiB, order, true);
	const r = run(s, 'postcopy');
	return networkShare(s, r);
}

/**
 * Network faults in Hines's sense: first touches of pages that had not reached the target,
 * whether still at the source (networkFaults) or pushed and on the wire (inFlightWaits): "network
 * faults that arrive at the source for a page that is in-flight (or just been pushed) to the
 * target are ignored to avoid duplicate page transmissions" (OSR'09 extended version, §3.2), so
 * the target asked for them too. A touch of a page the swap path's readahead had asked for is
 * no fault of its own (a swap cache hit), and livemig counts it in neither.
 */
const requests = (r: MigrationResult) => r.networkFaults + r.inFlightWaits;

/** Network faults (requests) / first touches during post-copy. */
function networkShare(s: Scenario, r: MigrationResult): number {
	return requests(r) / touchedDuringPostcopy(s, r);
}

/**
 * Distinct pages the VM touched while post-copy ran: Hines's minor plus network faults (their
 * pseudo-paging swaps every pageable page out, so each first touch faults). The VM's own
 * clock ran for the total time less the pause, the stalls and any link pause.
 */
function touchedDuringPostcopy(s: Scenario, r: MigrationResult): number {
	const layout = buildLayout(s);
	const streams = createStreams(s, layout);
	const vmEnd = r.totalTimeMs - r.downtimeMs - r.stallMs - r.postcopyPausedMs;
	const seen = new Uint8Array(layout.pages);
	let n = 0;
	for (const stream of [streams.writes, streams.reads]) {
		for (let i = 0; stream.timeOf(i) <= vmEnd; i++) {
			const p = stream.pageOf(i);
			if (!seen[p]) n += seen[p] = 1;
		}
	}
	return n;
}

/** §5.3's applications: a 512 MB guest with DSB; half its memory free (the paper gives no figure). */
const app = (kind: Exclude<WorkloadKind, 'trace'>, order: 'bubble' | 'linear' = 'bubble') =>
	hines(512 * MiB, (s) => {
		s.freeFraction = 0.5;
		s.postcopy.balloon = true;
		s.postcopy.pushOrder = order;
		s.workload = resolveWorkload(kind, s);
	});
const apps = ['web', 'kernel-compile', 'hotspot'] as const;
const appRuns = new Map<string, {pre: MigrationResult; post: MigrationResult; pushOnly: MigrationResult; touched: number}>();
function appRun(kind: (typeof apps)[number]) {
	let r = appRuns.get(kind);
	if (!r) {
		const s = app(kind);
		const post = run(s, 'postcopy');
		r = {pre: run(s, 'precopy'), post, pushOnly: run(app(kind, 'linear'), 'postcopy'), touched: touchedDuringPostcopy(s, post)};
		appRuns.set(kind, r);
	}
	return r;
}

describe('Hines & Gopalan, Table 2: network faults on a 2 GiB guest, sequential working set 8-256 MB', () => {
	const rows = wssSizes.map((wss) => ({wss, prepaging: faultShare(wss, 'bubble'), pushOnly: faultShare(wss, 'linear')}));
	for (const r of rows) print(`table2 | ${r.wss} MB | pre-paging ${pct(r.prepaging)} | push only ${pct(r.pushOnly)}`);

	it('pre-paging takes fewer network faults than pushing alone, at every size', () => {
		for (const r of rows) expect(r.prepaging, `${r.wss} MB`).toBeLessThan(r.pushOnly);
	});

	// The paper's percentages are whole: 2-4% is 1.5% to 4.5%.
	it('pre-paging: 2-4% of the faults are network faults (paper)', () => {
		for (const r of rows) expect(r.prepaging, `${r.wss} MB`).toBeGreaterThanOrEqual(0.015);
		for (const r of rows) expect(r.prepaging, `${r.wss} MB`).toBeLessThanOrEqual(0.045);
	});

	// Missed: at the preset's rate the sweep is slower than the link, so a linear push
	// overtakes it and the faults stop; a sweep faster than the link follows either push and
	// both orders fault alike (docs/fidelity.md).
	it.fails('push only: 9-15% (paper)', () => {
		for (const r of rows) expect(r.pushOnly, `${r.wss} MB`).toBeGreaterThanOrEqual(0.08);
		for (const r of rows) expect(r.pushOnly, `${r.wss} MB`).toBeLessThanOrEqual(0.16);
	});
});

describe('Hines & Gopalan §5.1: post-copy\'s downtime on the 2 GiB guest', () => {
	const sizes = [8, 64, 512];
	const dsb = sizes.map((wss) => run(stress(wss, 'bubble', true), 'postcopy').downtimeMs);
	const noDsb = sizes.map((wss) => run(stress(wss, 'bubble', false), 'postcopy').downtimeMs);
	sizes.forEach((wss, i) => print(`downtime | ${wss} MB | DSB ${dsb[i].toFixed(0)} ms | no DSB ${(noDsb[i] / 1000).toFixed(1)} s`));

	it('with ballooning 600 ms to just over 1 s: the non-pageable memory crosses in the pause', () => {
		// The xen policy's 64 MiB comes from this figure's low end (NON_PAGEABLE_BYTES): this
		// checks the arithmetic, and that the working set's size does not move it.
		for (const d of dsb) expect(d).toBeGreaterThanOrEqual(590);
		for (const d of dsb) expect(d).toBeLessThanOrEqual(1100);
	});

	it('without it around 20 s: free memory is non-pageable under pseudo-paging', () => {
		for (const d of noDsb) expect(d).toBeGreaterThan(10_000);
		for (const d of noDsb) expect(d).toBeLessThan(30_000);
	});
});

describe('Hines & Gopalan §5.3: applications on a 512 MB guest with DSB', () => {
	for (const kind of apps) {
		const {pre, post, pushOnly, touched} = appRun(kind);
		print(
			`apps | ${kind} | pages post/pre ${(post.pagesTransferred / pre.pagesTransferred).toFixed(2)} | total ${(post.totalTimeMs / 1000).toFixed(2)} s / ${(pre.totalTimeMs / 1000).toFixed(2)} s` +
				` | downtime ${post.downtimeMs.toFixed(0)} / ${pre.downtimeMs.toFixed(0)} ms | network ${requests(post)} (push only ${requests(pushOnly)}) of ${touched} touched | minor ${pct(1 - requests(post) / touched)}`,
		);
	}

	it('Fig. 14: post-copy\'s total time is lower than pre-copy\'s', () => {
		for (const kind of apps) expect(appRun(kind).post.totalTimeMs, kind).toBeLessThan(appRun(kind).pre.totalTimeMs);
	});

	it('Fig. 15: post-copy\'s downtime is higher than pre-copy\'s (the non-pageable memory)', () => {
		for (const kind of apps) expect(appRun(kind).post.downtimeMs, kind).toBeGreaterThan(appRun(kind).pre.downtimeMs);
		// Without it (QEMU's userfaultfd) the order reverses: only the CPU state is left.
		const s = app('kernel-compile');
		s.nonPageableBytes = 0;
		expect(run(s, 'postcopy').downtimeMs).toBeLessThan(appRun('kernel-compile').pre.downtimeMs);
	});

	it('Fig. 12: post-copy sends fewer pages than pre-copy', () => {
		for (const kind of apps) expect(appRun(kind).post.pagesTransferred, kind).toBeLessThan(appRun(kind).pre.pagesTransferred);
	});

	// Missed: the presets' write rates were set for Clark's figures, and pre-copy re-sends
	// what they dirty; Hines's applications made Xen 3.2's loop re-send 2-4x (docs/fidelity.md).
	it.fails('Fig. 12: under half the pages, kernel compile and the rest but the web server (paper)', () => {
		for (const kind of ['kernel-compile', 'hotspot'] as const)
			expect(appRun(kind).post.pagesTransferred / appRun(kind).pre.pagesTransferred, kind).toBeLessThan(0.5);
	});

	it('Fig. 13\'s direction: pre-paging avoids faults that pushing alone takes (web)', () => {
		expect(requests(appRun('web').post)).toBeLessThan(requests(appRun('web').pushOnly));
	});

	// Missed: on these scattered hot sets the bubble pushes a fault's neighbours just as the
	// burst reaches them, so they are touched on the wire, and its pushes elsewhere follow
	// random faults; a linear push covers the set as well and is not touched in flight
	// (docs/fidelity.md).
	it.fails('Fig. 13\'s direction: pre-paging avoids faults that pushing alone takes (kernel-compile, hotspot)', () => {
		for (const kind of ['kernel-compile', 'hotspot'] as const) expect(requests(appRun(kind).post), kind).toBeLessThan(requests(appRun(kind).pushOnly));
	});

	// Missed: as Table 2, livemig's faults are too few, so too many first touches find the
	// page pushed already: 90-95% minor against the paper's 41-83% (docs/fidelity.md).
	it.fails('Fig. 13: 40-85% of the first touches find the page pushed (minor faults; paper)', () => {
		for (const kind of apps) {
			const {post, touched} = appRun(kind);
			const minor = 1 - requests(post) / touched;
			expect(minor, kind).toBeGreaterThanOrEqual(0.4);
			expect(minor, kind).toBeLessThanOrEqual(0.85);
		}
	});
});

describe('Clark et al.: the presets\' downtimes', () => {
	// Asserted in test/core/presets.test.ts; here only printed for docs/fidelity.md.
	it('print', () => {
		for (const kind of ['game', 'web'] as const) {
			const paper = presets[kind].paper!;
			const s = paperScenario(kind);
			const r = run(s, 'precopy');
			print(`clark | ${kind} | ${r.downtimeMs.toFixed(0)} ms (paper ${paper.downtimeMs} ms) | ${(r.bytesTransferred / 1e6).toFixed(0)} MB sent`);
			expect(r.outcome).toBe('completed');
		}
	});
});
