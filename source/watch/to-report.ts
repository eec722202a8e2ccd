// `replay FILE --json`: a recorded real migration as livemig's JSON report
// (report/report-schema.ts), so a real run and a simulated one diff with the same tools. The
// scenario is the one livemig would simulate for it: QEMU's policy, the guest's RAM, the
// recorded downtime-limit, max-bandwidth and capabilities, the stream's measured mean rate as
// the link and the measured dirty rate as the workload's; what QMP cannot tell (the
// workload's shape, the RTT) keeps livemig's default. A result's figures are QEMU's own;
// what only a simulation knows (faults, stalls) is 0, and `verified` is false: livemig did
// not check the guest's memory.
import {resolveOptions} from '../config/resolve.js';
import type {MigrationEvent, MigrationResult, Outcome, RoundRecord} from '../core/index.js';
import {buildReport, type Report} from '../report/report.js';
import type {Recording} from './recording.js';
import {foldRecording} from './replay.js';
import type {QueryMigrate} from './samples.js';

export function recordingReport(rec: Recording): Report {
	const tracker = foldRecording(rec);
	const snap = tracker.snapshot();
	const polls = rec.lines.filter((l) => l.type === 'poll');
	const last: QueryMigrate = polls.at(-1)?.info ?? {};
	const ram = last.ram ?? {};
	const params = rec.start.parameters;
	const caps = rec.start.capabilities;
	const {scenario} = resolveOptions({policy: 'qemu'});
	const pageSize = snap.inputs.pageSize;
	const totalMs = snap.final?.totalTimeMs ?? Math.max(0, (polls.at(-1)?.atMs ?? 0) - (polls[0]?.atMs ?? 0));
	const bytes = ram.transferred ?? 0;
	const rates = polls.map((p) => p.info.ram?.['dirty-pages-rate'] ?? 0).filter((r) => r > 0);
	if (snap.inputs.memoryBytes > 0) scenario.memoryBytes = Math.ceil(snap.inputs.memoryBytes / 4096) * 4096;
	if (totalMs > 0 && bytes > 0) scenario.bandwidthBitsPerSec = (bytes * 8 * 1000) / totalMs;
	if (rates.length) scenario.workload = {...scenario.workload, writeRate: rates.reduce((a, b) => a + b, 0) / rates.length};
	if (typeof params['downtime-limit'] === 'number') scenario.precopy.downtimeLimitMs = params['downtime-limit'];
	const maxBw = params['max-bandwidth'];
	if (typeof maxBw === 'number') scenario.precopy.maxBandwidthBitsPerSec = maxBw > 0 ? maxBw * 8 : null;
	scenario.precopy.autoConverge = caps['auto-converge'] === true;
	scenario.postcopy.preempt = caps['postcopy-preempt'] === true;

	const sawPostcopy = polls.some((p) => p.info.status === 'postcopy-active');
	const status = snap.final?.status ?? 'failed';
	const outcome: Outcome = status === 'completed' ? 'completed' : status === 'cancelled' ? 'cancelled' : 'aborted';
	const first = polls[0]?.atMs ?? rec.start.atMs;
	const rounds: RoundRecord[] = snap.passes.map((p, i) => {
		const pages = Math.round(p.bytes / pageSize);
		const kind = p.final ? (sawPostcopy ? 'push' : 'stop-and-copy') : 'live';
		return {index: i, kind, startMs: Math.max(0, p.startMs - first), durationMs: p.durationMs, pagesToSend: Math.round(p.remainingAtStart / pageSize), pagesSent: pages, pagesSkipped: 0, pagesDirtied: 0, bytesSent: p.bytes, zeroPages: 0, rateBitsPerSec: p.durationMs > 0 && p.bytes > 0 ? (p.bytes * 8 * 1000) / p.durationMs : scenario.bandwidthBitsPerSec};
	});
	const livePasses = snap.passes.filter((p) => !p.final).length;
	// The run as the core's events (docs/events.md), from what QMP showed: a round per pass,
	// the pause at the source's STOP, and the end. What only a simulation decides (the stop
	// test's numbers, faults, throttle steps) is not made up.
	const events: MigrationEvent[] = [];
	rounds.forEach((r, i) => {
		events.push({type: 'round-start', t: r.startMs, round: r.index, kind: r.kind, pagesToSend: r.pagesToSend, rateBitsPerSec: r.rateBitsPerSec});
		const cutOff = i === rounds.length - 1 && outcome !== 'completed';
		events.push({type: 'round-end', t: r.startMs + r.durationMs, round: r.index, kind: r.kind, durationMs: r.durationMs, pagesToSend: r.pagesToSend, pagesSent: r.pagesSent, pagesSkipped: 0, pagesDirtied: 0, bytesSent: r.bytesSent, cutOff});
	});
	const stop = rec.lines.find((l) => l.type === 'event' && l.side === 'source' && l.event === 'STOP');
	if (stop) events.push({type: 'vm-paused', t: Math.max(0, stop.atMs - first)});
	// QEMU's `failed` has no cause among the core's (a link, a cancel, a time limit): no end event.
	if (outcome !== 'aborted') events.push({type: 'end', t: totalMs, outcome, cause: outcome === 'completed' ? 'completed' : 'cancelled', downtimeMs: snap.final?.downtimeMs ?? 0, stallMs: 0});
	events.sort((a, b) => a.t - b.t);
	const result: MigrationResult = {
		algorithm: sawPostcopy ? (livePasses > 1 ? 'hybrid' : 'postcopy') : 'precopy',
		policy: sawPostcopy ? 'postcopy' : 'qemu',
		outcome,
		reason: `real QEMU ${rec.start.qemuVersion} migration, recorded by livemig watch: ${status}${snap.final?.error ? ` (${snap.final.error})` : ''}${snap.final?.downtimeNote ? `; ${snap.final.downtimeNote}` : ''}`,
		totalTimeMs: totalMs,
		downtimeMs: snap.final?.downtimeMs ?? 0,
		pagesTransferred: (ram.normal ?? 0) + (ram.duplicate ?? 0),
		bytesTransferred: bytes,
		networkFaults: ram['postcopy-requests'] ?? 0,
		inFlightWaits: 0,
		degradationMs: 0,
		verified: false,
		stallMs: 0,
		throttledMs: 0,
		postcopyPausedMs: 0,
		zeroPages: ram.duplicate ?? 0,
		normalPages: ram.normal ?? 0,
		cpuStateBytes: 0,
		faultBytes: 0,
		pagesPushed: 0,
		pagesPrepaged: 0,
		pagesOnDemand: ram['postcopy-requests'] ?? 0,
		pagesBallooned: 0,
		pagesNonPageable: 0,
		maxThrottlePercent: Math.min(99, Math.max(0, ...polls.map((p) => p.info['cpu-throttle-percentage'] ?? 0))),
		expectedDowntimeMs: last['expected-downtime'] ?? 0,
		dirtySyncCount: ram['dirty-sync-count'] ?? 0,
		dirtyRate: ram['dirty-pages-rate'] ?? 0,
		remainingPages: Math.round((ram.remaining ?? 0) / pageSize),
		split: null,
		rounds,
		events,
	};
	return buildReport(scenario, [result]);
}
