// The core's events (core/events.ts) in words a student follows: what happened and the
// numbers that made it happen. The console's event log and the outcome line (outcome.ts)
// use these; the core itself has no words. Plain ASCII, so every terminal shows them.
import type {Algorithm, MigrationEvent, StopTest} from '../core/index.js';
import {formatMs, formatSize, formatTime} from '../basics/units.js';

/** What the words need beside the event: whose it is and the engine's page size (TARGET_PAGE_BYTES: dirty and send rates count those pages). */
export interface WordsContext {
	algorithm: Algorithm;
	pageSizeBytes: number;
}

/** How an event reads: news, a cost, bad news, or good news (the console colours by it). */
export type Tone = 'info' | 'warn' | 'bad' | 'good';

/** 950 -> "950", 12345 -> "12.3k", 1048576 -> "1.05M": counts that fit a narrow panel. */
export function shortCount(n: number): string {
	const v = Math.round(n);
	if (v < 1000) return String(v);
	if (v < 1e6) return v < 9999.5 ? `${(v / 1e3).toFixed(2)}k` : v < 99950 ? `${(v / 1e3).toFixed(1)}k` : `${Math.round(v / 1e3)}k`;
	return `${(v / 1e6).toFixed(v < 9.995e6 ? 2 : 1)}M`;
}

/** Decimal megabytes per second, as rates are said ("92 MB/s"). */
export function megabytesPerSec(bytesPerSec: number): string {
	const mb = bytesPerSec / 1e6;
	return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB/s`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The stop test that fired, as the issue words it: `48 pages left < 50 (xen)`. */
export function stopTestWords(test: StopTest): string {
	switch (test.rule) {
		case 'xen-min-pages':
			return `${test.pagesLeft} pages left < ${test.threshold}`;
		case 'max-rounds':
			return `the ${test.limit}-round limit`;
		case 'memory-factor':
			return `sent ${(test.pagesSent / test.memoryPages).toFixed(2)}x memory > ${test.factor}x`;
		case 'rate-cap':
			return `at the ${Math.round(test.capBitsPerSec / 1e6)} Mbit/s cap, sending more each round`;
		case 'xen-today-dirty':
			return `${test.dirtyPages} pages dirty < ${test.threshold}`;
		case 'xen-today-iterations':
			return `the ${test.limit}-iteration limit`;
		case 'qemu-fits':
			return `rest ${formatSize(Math.round(test.restBytes))} fits ${formatMs(test.downtimeLimitMs)} at ${megabytesPerSec(test.bandwidthBytesPerMs * 1000)}`;
		case 'hybrid-rounds':
			return `${plural(test.limit, 'pre-copy round')} done`;
	}
}

/** Where a fault's wait went: "1.2 ms = RTT 1.0 + wire 0.03 + queue 0.18" (ms), per fault; two figures each, for narrow panels. */
function faultCostWords(waitMs: number, c: {rttMs: number; transferMs: number; queueMs: number; linkDownMs: number}, n = 1): string {
	const f = (total: number) => {
		const x = total / n;
		return x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2);
	};
	const down = c.linkDownMs > 0 ? ` + link down ${formatMs(c.linkDownMs / n)}` : '';
	return `${formatMs(waitMs / n)} = RTT ${f(c.rttMs)} + wire ${f(c.transferMs)} + queue ${f(c.queueMs)}${down}`;
}

/** One event in words, or null for those the log leaves out (a round's start, the stop-and-copy's end: others say it). */
export function eventWords(ev: MigrationEvent, ctx: WordsContext): string | null {
	switch (ev.type) {
		case 'round-start':
			if (ev.kind === 'push') return `post-copy push starts: ${shortCount(ev.pagesToSend)} pages to bring`;
			return ev.kind === 'live' && ev.round === 0 ? `round 0: all ${shortCount(ev.pagesToSend)} pages, the VM running` : null;
		case 'round-end': {
			if (ev.kind !== 'live') return null;
			if (ev.cutOff) return `round ${ev.round} cut off: ${shortCount(ev.pagesSent)} of ${shortCount(ev.pagesToSend)} pages sent`;
			const trend = ev.pagesDirtied > ev.pagesToSend ? 'next round bigger' : ev.pagesDirtied < ev.pagesToSend ? 'next round smaller' : 'next round the same';
			return `round ${ev.round}: sent ${shortCount(ev.pagesSent)}, ${shortCount(ev.pagesDirtied)} dirtied: ${trend}`;
		}
		case 'stop':
			if (ev.rule === 'hybrid-rounds') return `switch to post-copy: ${stopTestWords(ev)}`;
			if (ev.rule === 'qemu-fits' && ev.hybrid) return `QEMU completes as pre-copy: ${stopTestWords(ev)}`;
			return `stop rule: ${stopTestWords(ev)} (${ev.rule.startsWith('qemu') ? 'qemu' : ev.rule.startsWith('xen-today') ? 'xen-today' : 'xen'})`;
		case 'throttle':
			return `auto-converge: vCPU throttled ${ev.fromPercent}% to ${ev.toPercent}% (dirtied ${formatSize(ev.dirtiedBytes)} > ${Math.round(ev.share * 100)}% of ${formatSize(ev.sentBytes)} sent)`;
		case 'vm-paused':
			return ctx.algorithm === 'precopy' ? 'VM paused: stop-and-copy sends the rest' : 'VM paused: CPU state moves to the target';
		case 'switchover': {
			const what = [ev.pages - ev.nonPageablePages > 0 ? `${shortCount(ev.pages - ev.nonPageablePages)} pages` : '', ev.nonPageablePages > 0 ? `${shortCount(ev.nonPageablePages)} non-pageable` : '', `${formatSize(ev.cpuStateBytes)} CPU state`].filter(Boolean);
			return `VM runs at the target after ${formatTime(ev.durationMs)} paused: ${what.join(' + ')} moved`;
		}
		case 'link-down':
			return `link down${ev.upAt === null ? ' for good' : ` until ${formatTime(ev.upAt)}`}`;
		case 'link-up':
			return `link back after ${formatTime(ev.downForMs)}`;
		case 'postcopy-paused':
			return 'post-copy paused: a fault waits for the link';
		case 'postcopy-resumed':
			return `post-copy resumes after ${formatTime(ev.pausedMs)}`;
		case 'not-converging':
			return `not converging: dirtied ${megabytesPerSec(ev.dirtyPagesPerSec * ctx.pageSizeBytes)} > sent ${megabytesPerSec(ev.sendPagesPerSec * ctx.pageSizeBytes)}`;
		case 'first-fault':
			return `first fault: waited ${faultCostWords(ev.waitMs, ev)}`;
		case 'fault-burst':
			return `${plural(ev.faults, 'fault')}, ${faultCostWords(ev.waitMs, ev, ev.faults).replace(' = ', ' each = ')}`;
		case 'prepaging':
			return `pre-paged ${shortCount(ev.pages)} pages near faults`;
		case 'end':
			return null; // the outcome line says it (outcome.ts)
		case 'verified':
			return ev.ok ? 'verified: every page at its latest version' : 'NOT VERIFIED: the target holds stale or missing pages';
	}
}

/** How an event reads (the console colours the log by it). */
export function eventTone(ev: MigrationEvent): Tone {
	switch (ev.type) {
		case 'link-down':
		case 'not-converging':
		case 'vm-paused':
			return 'bad';
		case 'throttle':
		case 'first-fault':
		case 'fault-burst':
		case 'postcopy-paused':
			return 'warn';
		case 'link-up':
		case 'postcopy-resumed':
			return 'good';
		case 'verified':
			return ev.ok ? 'good' : 'bad';
		default:
			return 'info';
	}
}
