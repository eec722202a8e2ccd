// One real migration: start both QEMUs in private namespaces joined by a veth link, set capabilities and parameters,
// wait for the guest to start dirtying, migrate, poll query-migrate every 100 ms, collect the
// QMP events, and reduce it all to RealResult. Everything started here is torn down on the
// way out, whichever way that is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Case} from './cases.js';
import {onCleanup} from './cleanup.js';
import {achievedRate, blockedMs, dropRate, guestCommandLine, parseGuestOutput, type GuestReport} from './guest.js';
import {isFinal, reduceRun, vcpuBlocktime, type QueryMigrate, type RealResult, type Sample} from './metrics.js';
import {createLink} from './netns.js';
import {startQemu, type RunningQemu} from './qemu.js';
import {QmpClient} from './qmp.js';

export interface RunOptions {
	kernel: string;
	/** nice level for both QEMUs (10 while the machine is shared). */
	nice: number;
	/** Guest ms of dirtying before the migration starts (to measure the achieved rate). */
	warmupMs: number;
	log: (line: string) => void;
}

export interface RealRun extends RealResult {
	/** Bytes on the link during the migration (TCP payload + headers, both ways). */
	wireBytes: number | null;
	/** Guest writes/s: asked for, achieved before the migration, achieved while it ran (source). */
	rateAsked: number;
	rateBefore: number | null;
	rateDuring: number | null;
	/**
	 * Post-copy: the vCPU's time lost from the guest's own clock (its dropped slots, guest.ts):
	 * waits on page faults and, on a 2-core host, the time the migration threads took its core.
	 */
	blockedMs: number | null;
	/**
	 * Post-copy: QEMU's own count of the vCPU's wait on faults, the destination's
	 * `postcopy-vcpu-blocktime` (capability postcopy-blocktime; migration/postcopy-ram.c,
	 * mark_postcopy_blocktime_begin at the fault, _end when the page is placed), ms.
	 */
	blocktimeMs: number | null;
	wallMs: number;
	series: Sample[];
}

const PORT = 4444; // inside a private namespace: cannot collide with anything on the host
const MiB = 1024 * 1024;

export async function runCase(c: Case, run: number, o: RunOptions): Promise<RealRun> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livemig-val-'));
	const removeDir = onCleanup(`temp ${dir}`, () => fs.rmSync(dir, {recursive: true, force: true}));
	const ns = createLink(`lmv${process.pid}`, c.linkMiBps === null ? undefined : c.linkMiBps * MiB);
	const niced = ['nice', '-n', String(o.nice)];
	const append = guestCommandLine(c.guest);
	const side = (role: 'source' | 'destination') => ({
		role,
		memoryMiB: c.memoryMiB,
		kernel: o.kernel,
		append,
		qmpSocket: path.join(dir, `${role}.qmp`),
		debugFile: path.join(dir, `${role}.debug`),
		prealloc: role === 'destination' && c.preallocDestination === true,
	});
	const src = side('source');
	const dst = side('destination');
	const qemus: RunningQemu[] = [];
	const clients: QmpClient[] = [];
	try {
		qemus.push(startQemu(src, [...ns.sourceExec, ...niced]), startQemu(dst, [...ns.destExec, ...niced]));
		const [s, d] = await Promise.all([QmpClient.connect(src.qmpSocket), QmpClient.connect(dst.qmpSocket)]);
		clients.push(s, d);
		const post = c.mode !== 'precopy';
		const caps = (names: string[]) => ({capabilities: names.map((capability) => ({capability, state: true}))});
		await s.execute('migrate-set-capabilities', caps(['events', ...(c.autoConverge ? ['auto-converge'] : []), ...(post ? ['postcopy-ram'] : [])]));
		// postcopy-blocktime: the destination times each vCPU's wait from fault to placement.
		await d.execute('migrate-set-capabilities', caps(['events', ...(post ? ['postcopy-ram', 'postcopy-blocktime'] : [])]));
		await s.execute('migrate-set-parameters', {
			'max-bandwidth': c.maxBandwidthMiBps * MiB,
			'downtime-limit': c.downtimeLimitMs,
			'max-postcopy-bandwidth': 0,
			'cpu-throttle-initial': 20,
			'cpu-throttle-increment': 10,
		});
		await d.execute('migrate-incoming', {uri: `tcp:${ns.destAddress}:${PORT}`});

		// The guest says READY after its pre-fill; then let it dirty for warmupMs of its time.
		const guestOut = () => parseGuestOutput(readText(src.debugFile));
		const reportsSeen = new Map<number, number>();
		const noteReports = (rs: GuestReport[]) => {
			for (const r of rs) if (!reportsSeen.has(r.guestMs)) reportsSeen.set(r.guestMs, Date.now());
		};
		const bootDeadline = Date.now() + 60_000;
		for (;;) {
			const g = guestOut();
			if (g.error) throw new Error(`guest: ${g.error}`);
			noteReports(g.reports);
			if (g.ready && (g.reports.at(-1)?.guestMs ?? 0) >= o.warmupMs) break;
			if (qemus[0]!.exited()) throw new Error(`source QEMU exited: ${qemus[0]!.stderr().trim()}`);
			if (Date.now() > bootDeadline) throw new Error('guest did not start dirtying within 60 s');
			await sleep(50);
		}
		// The guest echoes what it parsed: a mismatch would make every comparison wrong.
		const cfg = guestOut().cfg ?? {};
		const want = {rate: c.guest.rate, wss: c.guest.wssPages, base: c.guest.basePage, fill: c.guest.fillMiB, pat: c.guest.pattern === 'random' ? 1 : 0, seed: c.guest.seed};
		for (const [k, v] of Object.entries(want)) if (cfg[k] !== v) throw new Error(`guest parsed ${k}=${cfg[k]}, asked ${v}`);
		const before = guestOut().reports;
		const rateBefore = before.length >= 2 ? achievedRate(before[0]!, before.at(-1)!) : null;

		const wire0 = ns.txBytes();
		const t0 = Date.now();
		const series: Sample[] = [];
		let cancelled = false;
		o.log(`  ${c.name} run ${run + 1}: migrating (guest achieved ${rateBefore?.toFixed(0) ?? '?'} of ${c.guest.rate} writes/s)`);
		// Hybrid: the 2nd MIGRATION_PASS is the sync that ends pass 1 (the 1st is the setup sync).
		// Switch the moment it arrives, not at the next poll, so QEMU adds as little of pass 2 as it can.
		if (c.mode === 'hybrid') {
			void s
				.waitEvent((e) => e.event === 'MIGRATION_PASS' && Number(e.data.pass) >= 2, c.cancelAfterS * 1000)
				.then((e) => (e ? s.execute('migrate-start-postcopy') : undefined))
				// A migration that ends (or fails) first leaves nothing to switch: not an error.
				.catch(() => undefined);
		}
		await s.execute('migrate', {uri: `tcp:${ns.destAddress}:${PORT}`});
		if (c.mode === 'postcopy') await s.execute('migrate-start-postcopy');
		for (;;) {
			const info = await s.execute<QueryMigrate>('query-migrate');
			series.push({atMs: Date.now(), info, queued: ns.queued(PORT)});
			noteReports(guestOut().reports);
			if (isFinal(info)) break;
			if (!cancelled && Date.now() - t0 > c.cancelAfterS * 1000) {
				if (info.status === 'postcopy-active') throw new Error('post-copy did not finish in time (cannot cancel post-copy)');
				o.log(`  ${c.name}: no convergence after ${c.cancelAfterS} s: migrate_cancel`);
				await s.execute('migrate_cancel');
				cancelled = true;
			}
			if (qemus.some((q) => q.exited())) throw new Error(`a QEMU exited: ${qemus.map((q) => q.stderr().trim()).join(' ')}`);
			// Every 100 ms from the start, not 100 ms after each reply: the series stays on QEMU's cadence.
			await sleep(Math.max(0, t0 + series.length * 100 - Date.now()));
		}
		const wallMs = Date.now() - t0;
		const wireBytes = ns.txBytes() - wire0;
		const final = series.at(-1)!.info;
		if (final.status === 'completed') await d.waitEvent((e) => e.event === 'RESUME', 5000);
		const blocked = c.mode !== 'precopy' && final.status === 'completed' ? await postcopyBlocked(before, guestOut().reports, () => parseGuestOutput(readText(dst.debugFile)).reports) : null;
		const blocktime = c.mode !== 'precopy' && final.status === 'completed' ? vcpuBlocktime(await d.execute<QueryMigrate>('query-migrate')) : null;

		const reduced = reduceRun(series, s.events, d.events);
		const during = guestOut().reports.filter((r) => (reportsSeen.get(r.guestMs) ?? 0) >= t0);
		const stopAt = s.events.find((e) => e.event === 'STOP')?.timeMs ?? Infinity;
		const live = during.filter((r) => (reportsSeen.get(r.guestMs) ?? 0) <= stopAt);
		// Less than half a second of reports (post-copy stops the guest at once) says nothing.
		const spanMs = live.length >= 2 ? live.at(-1)!.guestMs - live[0]!.guestMs : 0;
		const rateDuring = spanMs >= 500 ? achievedRate(live[0]!, live.at(-1)!) : null;
		if (reduced.totalTimeMs === null && reduced.status !== 'completed') reduced.totalTimeMs = wallMs;
		return {...reduced, wireBytes, rateAsked: c.guest.rate, rateBefore, rateDuring, blockedMs: blocked, blocktimeMs: blocktime, wallMs, series};
	} finally {
		for (const cl of clients) {
			try {
				await Promise.race([cl.execute('quit'), sleep(1000)]);
			} catch {
				// already gone
			}
			cl.close();
		}
		for (const q of qemus) q.kill();
		ns.remove();
		removeDir();
	}
}

/**
 * Waits (up to 3 s) for the destination guest's first report written after the migration
 * completed, so the whole post-copy phase lies between it and the source's last report.
 */
async function postcopyBlocked(warmup: GuestReport[], source: GuestReport[], dest: () => GuestReport[]): Promise<number | null> {
	const last = source.at(-1);
	if (!last || warmup.length < 2) return null;
	const baseline = dropRate(warmup[0]!, warmup.at(-1)!);
	const seenAtCompletion = dest().length;
	const deadline = Date.now() + 3000;
	for (;;) {
		const after = dest()[seenAtCompletion];
		if (after) return blockedMs(last, after, baseline);
		if (Date.now() > deadline) return null;
		await sleep(20);
	}
}

function readText(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}
