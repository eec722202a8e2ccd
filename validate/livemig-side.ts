// livemig's side of each case: the flags that describe the same migration, the trace of the
// guest's exact writes, and the numbers livemig reports, in the same shape as RealRun's.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import type {Case} from './cases.js';
import type {Sample} from './metrics.js';
import {firstFreePage, guestTrace} from './guest.js';

const MiB = 1024 * 1024;
const pagesPerMiB = MiB / 4096;

/**
 * Non-zero pages below 2 MiB: SeaBIOS's shadow copy at 0xC0000-0xFFFFF (64 pages) and the
 * guest's own image, data and stack at 1 MiB (under 8 pages). The rest of the low 2 MiB is zero.
 */
export const lowNonZeroPages = 64 + 8;

/**
 * Zero pages at the start, from the guest's layout: everything but the low non-zero pages,
 * the pre-filled MiB and the working set.
 */
export function zeroShare(c: Case): number {
	const pages = c.memoryMiB * pagesPerMiB;
	const fillEnd = firstFreePage + c.guest.fillMiB * pagesPerMiB;
	const wssStart = c.guest.basePage;
	const wssEnd = wssStart + c.guest.wssPages;
	// The filled range [512, fillEnd) and the working set may overlap.
	const overlap = Math.max(0, Math.min(fillEnd, wssEnd) - Math.max(firstFreePage, wssStart));
	const nonZero = lowNonZeroPages + (fillEnd - firstFreePage) + c.guest.wssPages - overlap;
	return Math.max(0, (pages - nonZero) / pages);
}

/** What the calibration runs measured on this host (cases.ts). */
export interface HostRates {
	/** A stop-and-copy into pre-faulted memory: the link, bytes/s. */
	link: number;
	/**
	 * Pages with data the destination placed per second in post-copy (null: not measured):
	 * each one UFFDIO_COPY on the thread that also reads the stream.
	 */
	placeRate: number | null;
}

/**
 * The link livemig is given: the shaped rate where the case shapes the link (tc tbf), else
 * the rate the link calibration measured on this host. QEMU's max-bandwidth is a separate cap
 * on the live stream (livemig --max-bandwidth), as QEMU has it; post-copy's own limit on this
 * host, the destination placing pages, is livemig's --postcopy-place-rate.
 */
export function livemigLinkBits(c: Case, rates: HostRates): number {
	const bytes = c.linkMiBps === null ? rates.link : Math.min(c.linkMiBps * MiB, rates.link);
	return Math.round(bytes * 8);
}

/**
 * The post-copy calibration's placing rate, pages/s: the pages with data QEMU sent (normal:
 * ram_load_postcopy places each with postcopy_place_page, a UFFDIO_COPY) over the post-copy
 * phase (total time less the pause). Its few zero pages are mapped, not copied: left out.
 */
export function placeRate(normalPages: number | null, totalTimeMs: number | null, pauseMs: number | null): number | null {
	if (!normalPages || !totalTimeMs) return null;
	const ms = totalTimeMs - (pauseMs ?? 0);
	return ms > 0 ? (normalPages / ms) * 1000 : null;
}

/**
 * The calibration run's link rate, bytes/s: the RAM bytes QEMU sent over the guest's pause
 * (almost all of them went while it was paused; the ~100 KB sent live at the 1 MiB/s cap and
 * the fixed pause cost both make this a slight underestimate).
 */
export function linkRate(ramTransferredBytes: number | null, pauseMs: number | null): number | null {
	if (!ramTransferredBytes || !pauseMs || pauseMs <= 0) return null;
	return (ramTransferredBytes / pauseMs) * 1000;
}

/**
 * The write rate livemig is given for one real run: what that run's guest achieved while it
 * migrated (on this 2-core host the migration threads take CPU from the TCG vCPU, so it writes
 * up to a fifth slower than before, a cost of the host livemig does not model), else before it.
 * Auto-converge is the exception: its throttle slows the guest during the migration, and
 * livemig applies that throttle itself, so it gets the rate from before. So does post-copy
 * from the start, whose source stops at once.
 */
export function rateGiven(c: Pick<Case, 'autoConverge' | 'guest'>, r: {rateBefore: number | null; rateDuring: number | null}): number {
	if (!c.autoConverge && r.rateDuring !== null) return r.rateDuring;
	return r.rateBefore ?? c.guest.rate;
}

/** Trace length: past the case's timeout, and replayed in a loop, so the guest never idles. */
export function traceDurationMs(c: Case): number {
	return c.cancelAfterS * 1000 + 30_000;
}

/**
 * The bytes the run's connection held while its stream ran at the link's speed (source Send-Q
 * plus destination Recv-Q, the median over those samples): livemig's --channel-buffer, a
 * property of this host's TCP stack measured like the link's rate. Only samples where nothing
 * held the stream below the link count: post-copy (max-postcopy-bandwidth is unlimited here),
 * and pre-copy whose cap is above the link. Fewer than 3 such samples: null (livemig's default).
 */
export function measuredBacklog(c: Case, series: Sample[], rates: HostRates): number | null {
	const uncapped = c.maxBandwidthMiBps * 8 * MiB >= livemigLinkBits(c, rates);
	const q = series
		.filter((x) => x.queued && (x.info.status === 'postcopy-active' || (uncapped && x.info.status === 'active')))
		.map((x) => x.queued!.send + x.queued!.recv)
		.sort((a, b) => a - b);
	return q.length >= 3 ? q[Math.floor(q.length / 2)]! : null;
}

export function livemigArgs(c: Case, traceFile: string, rates: HostRates, backlogBytes: number | null = null): string[] {
	const args = [
		'run', c.mode, '--json',
		'--memory', `${c.memoryMiB}MiB`,
		'--page-size', '4KiB',
		'--cpu-state', '110KiB',
		'--zero-memory', zeroShare(c).toFixed(6),
		'--bandwidth', `${livemigLinkBits(c, rates)}bit/s`,
		'--rtt', '0.1ms',
		'--workload', 'trace', '--trace', traceFile, '--trace-loop',
		'--read-rate', '0',
		// The hypervisor is QEMU in every case, post-copy too: its switch-over cost, its push order.
		'--policy', 'qemu',
	];
	if (backlogBytes !== null) args.push('--channel-buffer', `${Math.round(backlogBytes)}B`);
	// Pure post-copy switches at once: the pre-copy cap never applies (max-postcopy-bandwidth is
	// QEMU's default, unlimited, in both). The cancel timeout is the harness's migrate_cancel.
	if (c.mode !== 'postcopy')
		args.push('--downtime-limit', `${c.downtimeLimitMs}ms`, '--max-bandwidth', `${c.maxBandwidthMiBps}MiB/s`, '--cancel-after', `${c.cancelAfterS}s`);
	if (c.autoConverge) args.push('--auto-converge');
	if (c.mode === 'hybrid') args.push('--precopy-rounds', '1');
	if (c.mode !== 'precopy' && rates.placeRate !== null) args.push('--postcopy-place-rate', String(Math.round(rates.placeRate)));
	return args;
}

export interface LivemigRun {
	outcome: string;
	reason: string;
	totalTimeMs: number;
	downtimeMs: number;
	bytesTransferred: number;
	normalPages: number;
	zeroPages: number;
	liveRounds: number;
	dirtySyncCount: number;
	postcopyRequests: number;
	/** The VM's time stalled on post-copy faults. */
	stallMs: number;
	maxThrottlePercent: number;
	args: string[];
}

/** Reads the one result of `livemig run ... --json`. */
export function reduceLivemig(report: unknown, args: string[]): LivemigRun {
	const r = (report as {results?: Array<Record<string, unknown>>}).results?.[0];
	if (!r) throw new Error('livemig: the report has no result');
	const rounds = (r.rounds ?? []) as Array<{kind: string}>;
	const q = (r.qemu ?? {}) as {ram?: Record<string, number>};
	return {
		outcome: String(r.outcome),
		reason: String(r.reason ?? ''),
		totalTimeMs: Number(r.totalTimeMs),
		downtimeMs: Number(r.downtimeMs),
		bytesTransferred: Number(r.bytesTransferred),
		normalPages: Number(r.normalPages),
		zeroPages: Number(r.zeroPages),
		liveRounds: rounds.filter((x) => x.kind === 'live').length,
		dirtySyncCount: Number(q.ram?.['dirty-sync-count'] ?? rounds.length),
		// QEMU's count: every page the destination asked for, one already on its way included.
		postcopyRequests: Number(q.ram?.['postcopy-requests'] ?? r.networkFaults ?? 0),
		stallMs: Number(r.stallMs ?? 0),
		maxThrottlePercent: Number(r.maxThrottlePercent ?? 0),
		args,
	};
}

/** Writes the guest's trace at the rate it achieved, runs the built CLI, reads its report. */
export function runLivemig(c: Case, achievedRate: number, cliPath: string, traceFile: string, rates: HostRates, backlogBytes: number | null = null): LivemigRun {
	const rate = Math.max(1, Math.round(achievedRate));
	fs.writeFileSync(traceFile, guestTrace(c.guest, rate, traceDurationMs(c), c.memoryMiB * MiB));
	const args = livemigArgs(c, traceFile, rates, backlogBytes);
	const r = spawnSync(process.execPath, [cliPath, ...args], {encoding: 'utf8', maxBuffer: 256 * MiB, env: {...process.env, CI: 'true'}});
	if (r.status !== 0) throw new Error(`livemig ${args.join(' ')}: exit ${r.status}: ${r.stderr.trim()}`);
	return reduceLivemig(JSON.parse(r.stdout), args);
}
