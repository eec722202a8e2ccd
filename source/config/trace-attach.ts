import {type Algorithm, algorithms as allAlgorithms, buildLayout, type Scenario, shortestLoopMs, TARGET_PAGE_BYTES, worstCost, MAX_ACCESSES} from '../core/index.js';
import type {Resolved} from './resolve.js';
import {UsageError} from '../basics/errors.js';
import {formatSize} from '../basics/units.js';
import {type LoadedTrace, pagesOf} from '../trace/format.js';
import {lineOfAccess, loadTrace} from '../trace/load.js';

/** Loads the trace file a run names (--workload trace --trace FILE) into its scenario. */
export async function attachTrace(run: Resolved): Promise<void> {
	if (!run.traceFile) return;
	const loaded = await loadTrace(run.traceFile, run.scenario);
	await applyTrace(run.scenario, loaded, run.traceLoop ?? false, run.algorithms);
}

/**
 * Puts a parsed trace into a scenario: the header's memory replaces the scenario's (its
 * pages are 4 KiB, whatever the host page size), and the trace is checked against this scenario's memory and layout. A sweep
 * parses once and applies the trace to every point.
 */
export async function applyTrace(s: Scenario, t: LoadedTrace, loop: boolean, algorithms: readonly Algorithm[] = allAlgorithms): Promise<void> {
	const h = t.header;
	if (h?.memoryBytes !== undefined) s.memoryBytes = h.memoryBytes;
	if (s.memoryBytes % s.pageSizeBytes !== 0)
		throw new UsageError(`${h ? `${t.file}:${h.line}` : '--memory'}: memory ${formatSize(s.memoryBytes)} is not a whole number of ${formatSize(s.pageSizeBytes)} host pages (--page-size)`);
	const pages = pagesOf(s.memoryBytes, TARGET_PAGE_BYTES, h ? `${t.file}:${h.line}` : '--memory');
	if (t.maxPage >= pages) {
		const at = await firstLine(t, (p) => p >= pages);
		throw new UsageError(`${t.file}:${at.line}: page ${at.page} is past the end of memory (${pages} pages of ${formatSize(TARGET_PAGE_BYTES)}: 0 to ${pages - 1})`);
	}
	s.trace = {
		writeTimes: t.writeTimes,
		writePages: t.writePages,
		readTimes: t.readTimes,
		readPages: t.readPages,
		loop,
		durationMs: t.durationMs,
	};
	if (loop) checkLoop(s, t, algorithms);
	// The layout's free pages are drawn from the scenario, not the trace. Built-in workloads
	// never touch a free page; a trace might, and under ballooning that page was never sent,
	// so the replay would read memory the target does not have. Refuse rather than guess.
	if (s.postcopy.balloon && s.freeFraction > 0) {
		const layout = buildLayout(s);
		if (layout.freePages === 0) return;
		const at = await firstLine(t, (p) => layout.free.get(p));
		if (at.line > 0)
			throw new UsageError(
				`${t.file}:${at.line}: page ${at.page} is free memory here (--free-memory ${Math.round(s.freeFraction * 1000) / 10}%, seed ${s.seed}) ` +
					'and --balloon never sends it, but the trace uses it: drop --balloon or --free-memory',
			);
	}
}

/** A looping trace's rate is its accesses per pass: a tiny pass replays without end (see core/cost.ts). */
function checkLoop(s: Scenario, t: LoadedTrace, algorithms: readonly Algorithm[]): void {
	if (worstCost(s, algorithms).accesses <= MAX_ACCESSES) return;
	const where = t.header?.durationMs !== undefined ? `${t.file}:${t.header.line}: duration` : `${t.file}: the last access's time (the pass length)`;
	const n = t.writeTimes.length + t.readTimes.length;
	const least = shortestLoopMs(s, algorithms);
	const fix = least === null ? 'too many accesses to loop: drop --trace-loop' : `at least ${Number(least.toPrecision(2))} ms with --trace-loop`;
	throw new UsageError(`${where}: ${fix}, got ${t.durationMs} ms (the model's cost grows with accesses: ${n} per pass would replay more than ${MAX_ACCESSES.toExponential().replace('e+', 'e')})`);
}

/** The earliest line whose page matches (line 0: none does). */
async function firstLine(t: LoadedTrace, bad: (page: number) => boolean): Promise<{line: number; page: number}> {
	let best = {line: 0, page: 0};
	for (const [write, pages] of [
		[true, t.writePages],
		[false, t.readPages],
	] as const) {
		const i = pages.findIndex(bad);
		if (i < 0) continue;
		const line = await lineOfAccess(t.file, write, i);
		if (best.line === 0 || line < best.line) best = {line, page: pages[i]};
	}
	return best;
}
