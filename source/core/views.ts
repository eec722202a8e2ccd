import type {EngineSetup, EngineState} from './engine-state.js';
import {heatmapOf} from './heatmap.js';
import {roundSoFar} from './rounds.js';
import {dirtyRateOf} from './stop-policy.js';
import type {MigrationResult, RoundRecord, Snapshot, VcpuResult} from './types.js';

// Snapshots and results: fresh objects read from the engine's setup and state, never
// written through.

/** The last live round, or null. */
function lastLiveRound(rounds: readonly RoundRecord[]): RoundRecord | null {
	for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i].kind === 'live') return rounds[i];
	return null;
}

/** Everything a view shows, at O(cells) cost (never a scan of memory). */
export function snapshotOf(e: EngineSetup, v: EngineState, heatmapBlocks: number): Snapshot {
	const round = roundSoFar(v);
	// The dirty rate is a live round's (the pause and the push dirty nothing): the round under
	// way if live, else the last live one, as the result reports it.
	const rateSource = round && round.kind === 'live' && round.durationMs > 0 ? round : lastLiveRound(v.rounds);
	const inPostcopy = v.vmHost === 'target' && e.algorithm !== 'precopy';
	const clock = v.clock.totalsAt(v.now);
	const t = v.tally;
	return {
		algorithm: e.algorithm,
		policy: e.policyName,
		phase: v.phase,
		nowMs: v.now,
		finished: v.outcome !== null,
		outcome: v.outcome,
		vmHost: v.vmHost,
		vmPaused: v.clock.isPaused,
		vmStalled: v.clock.anyStalled(v.now),
		linkDown: e.link.isDown(v.now),
		round,
		rounds: v.roundsView,
		pages: v.st.pages,
		pagesTransferred: t.pagesTransferred,
		bytesTransferred: t.bytesTransferred,
		downtimeMs: clock.downtime,
		stallMs: clock.stall,
		throttledMs: clock.throttled,
		postcopyPausedMs: clock.pausedStall,
		networkFaults: t.faults,
		inFlightWaits: t.inFlightWaits,
		throttlePercent: Math.round(v.clock.throttleShare * 100),
		dirtyRate: rateSource ? dirtyRateOf(rateSource) : 0,
		expectedDowntimeMs: v.expectedDowntimeMs,
		dirtySyncCount: v.dirtySyncs,
		postcopy: inPostcopy ? {pushed: t.pushed, prepaged: t.prepaged, onDemand: t.onDemand, remaining: v.st.toSend.count} : null,
		heatmap: heatmapBlocks > 0 ? heatmapOf(v.st, heatmapBlocks) : null,
	};
}

/** The finished migration's figures (the JSON report's `results` entries, less `qemu`). */
export function resultOf(e: EngineSetup, v: EngineState): MigrationResult {
	const s = e.scenario;
	const st = v.st;
	const outcome = v.outcome!;
	const lost = outcome === 'vm-lost';
	const atTarget = outcome === 'completed' ? st.pages : st.present.count();
	const ballooned = s.postcopy.balloon ? st.layout.freePages : 0;
	const remainingPages = outcome === 'completed' ? 0 : st.pages - ballooned - atTarget + st.stale.count();
	const last = lastLiveRound(v.rounds);
	const clock = v.clock.totalsAt(v.now);
	const t = v.tally;
	return {
		algorithm: e.algorithm,
		policy: e.policyName,
		outcome,
		reason: v.reason,
		totalTimeMs: v.now,
		downtimeMs: clock.downtime,
		pagesTransferred: t.pagesTransferred,
		bytesTransferred: t.bytesTransferred,
		networkFaults: t.faults,
		inFlightWaits: t.inFlightWaits,
		degradationMs: clock.stall + clock.throttled,
		verified: v.verified ?? false,
		stallMs: clock.stall,
		throttledMs: clock.throttled,
		postcopyPausedMs: clock.pausedStall,
		zeroPages: t.zeroPages,
		normalPages: t.pagesTransferred - t.zeroPages,
		cpuStateBytes: t.cpuBytes,
		faultBytes: t.faultBytes,
		pagesPushed: t.pushed,
		pagesPrepaged: t.prepaged,
		pagesOnDemand: t.onDemand,
		...(e.faultAround > 1 ? {pagesReadahead: t.readahead} : {}),
		pagesBallooned: ballooned,
		pagesNonPageable: t.nonPageable,
		maxThrottlePercent: Math.round(v.maxThrottle * 100),
		expectedDowntimeMs: v.expectedDowntimeMs,
		dirtySyncCount: v.dirtySyncs,
		dirtyRate: last ? dirtyRateOf(last) : 0,
		remainingPages,
		split: lost ? {pagesAtTarget: atTarget, pagesOnlyAtSource: st.pages - atTarget} : null,
		rounds: v.rounds.map((r) => ({...r})),
		events: v.log.events.map((ev) => ({...ev})),
		...(v.clock.count > 1 ? {perVcpu: perVcpuOf(v)} : {}),
	};
}

/** Each vCPU's stall (its own clock's) and its faults and in-flight waits. */
function perVcpuOf(v: EngineState): VcpuResult[] {
	return v.clock.cpus.map((c, i) => ({stallMs: c.totalsAt(v.now).stall, networkFaults: v.vcpuTally[i].faults, inFlightWaits: v.vcpuTally[i].inFlightWaits}));
}
