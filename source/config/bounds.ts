// The one table of limits on what a run may be given. Flags and scenario files resolve
// through it alike (resolve.ts). Two kinds: a range per value (checked as it is read) and
// the cost check on the whole scenario, which follows the engine's cost model (core/cost.ts):
// a run's work grows with the VM's accesses, so a scenario whose accesses could pass the
// model's budget is refused, naming the flag to change and how far.

import {
	type Algorithm,
	bytesPerMs,
	MAX_ACCESSES,
	MAX_VCPUS,
	passMs,
	resolveWorkload,
	type Scenario,
	SIM_TIME_LIMIT_MS,
	type WorkloadKind,
	worstCost,
} from '../core/index.js';
import {UsageError} from '../basics/errors.js';
import {formatBandwidth, formatMs, formatSize} from '../basics/units.js';

export interface Range {
	min?: number;
	max: number;
	/** The value in the flag's units, for the message. */
	show: (v: number) => string;
	why: string;
}

const WEEK = 'the week of simulated time the engine runs';
/** Counts to three figures: 720,000 or 1.38e8. */
const plain = (v: number) =>
	Math.abs(v) >= 1e9 || !Number.isInteger(v) ? Number(v.toPrecision(3)).toExponential().replace('e+', 'e') : v.toLocaleString('en-US');
/** Access counts, to three figures. */
const approx = (v: number) => Number(v.toPrecision(3)).toExponential().replace('e+', 'e');
const bandwidth = (v: number) => (v >= 1e15 ? `${plain(v)} bit/s` : formatBandwidth(v));
const time = (v: number) => formatMs(v);
/** Simulated spans, which may run to days. */
const span = (ms: number) => (ms >= 36e5 ? `${Number((ms / 36e5).toPrecision(3))} h` : formatMs(ms));

/** Per-value ranges, by option key (camelCase); units are the resolved ones (bit/s, ms, pages/s). */
export const ranges: Record<string, Range> = {
	bandwidth: {max: 1e13, show: bandwidth, why: 'past any real link'},
	maxBandwidth: {max: 1e13, show: bandwidth, why: 'past any real link'},
	maxPostcopyBandwidth: {max: 1e13, show: bandwidth, why: 'past any real link'},
	dirtyRate: {max: 1e7, show: (v) => `${plain(v)} pages/s`, why: 'the model\'s cost grows with writes'},
	readRate: {max: 1e7, show: (v) => `${plain(v)} pages/s`, why: 'the model\'s cost grows with reads'},
	postcopyPlaceRate: {max: 1e9, show: (v) => `${plain(v)} pages/s`, why: 'past any host'},
	rtt: {max: 10_000, show: time, why: 'past any real link'},
	channelBuffer: {max: 2 ** 30, show: (v) => `${plain(v)} B`, why: 'past any socket buffer'},
	linkDownAt: {max: SIM_TIME_LIMIT_MS, show: time, why: WEEK},
	linkDownFor: {max: SIM_TIME_LIMIT_MS, show: time, why: WEEK},
	downtimeLimit: {max: SIM_TIME_LIMIT_MS, show: time, why: WEEK},
	cancelAfter: {max: SIM_TIME_LIMIT_MS, show: span, why: WEEK},
	switchoverCost: {max: 60_000, show: time, why: 'past any real pause and resume'},
	maxRounds: {max: 1000, show: plain, why: 'each round costs a pass over the dirty log'},
	precopyRounds: {max: 1000, show: plain, why: 'each round costs a pass over the dirty log'},
	vcpus: {min: 1, max: MAX_VCPUS, show: plain, why: 'the model takes 1 to 64 vCPUs; each costs the merge of their streams'},
	seed: {max: 2 ** 32 - 1, show: String, why: 'seeds are 32-bit'},
};

/** Refuses a value outside its key's range (the label names the flag or the file's path). */
export function checkRange(key: string, value: number | null | undefined, label: string): void {
	const r = ranges[key];
	if (!r || value === null || value === undefined) return;
	if (value > r.max) throw new UsageError(`${label}: at most ${r.show(r.max)} (${r.why}), got ${r.show(value)}`);
	if (r.min !== undefined && value < r.min) throw new UsageError(`${label}: at least ${r.show(r.min)} (${r.why}), got ${r.show(value)}`);
}

/** What the user gave for the workload, so a changed bandwidth re-derives the rest as resolve did. */
export interface WorkloadInputs {
	kind: WorkloadKind;
	writeRate?: number;
	readRate?: number;
	wssBytes?: number;
}

/** A value the cost check may blame: how to rebuild the scenario with another value, and which way helps. */
interface Knob {
	key: string;
	applies: boolean;
	/** true: smaller values cost less (a rate), false: larger ones do (the bandwidth). */
	lower: boolean;
	current: number;
	bound: number;
	integer?: boolean;
	with: (s: Scenario, v: number) => Scenario;
	show: (v: number) => string;
}

const fits = (s: Scenario, algorithms: readonly Algorithm[]) => worstCost(s, algorithms).accesses <= MAX_ACCESSES;

/** The value nearest `current`, toward `bound`, at which the scenario fits; null if none does. */
function limitOf(k: Knob, s: Scenario, algorithms: readonly Algorithm[]): number | null {
	const ok = (v: number) => fits(k.with(s, v), algorithms);
	if (!ok(k.bound)) return null;
	// Bisection between a value that does not fit (current) and one that does (bound);
	// geometric for reals, since rates and bandwidths span many orders of magnitude.
	let bad = k.current;
	let good = k.bound;
	for (let i = 0; i < 200; i++) {
		const mid = k.integer ? Math.floor((bad + good) / 2) : good > 0 ? Math.sqrt(bad * good) : bad / 2;
		if (mid === bad || mid === good || Math.abs(good - bad) <= Math.abs(good) * 1e-3) break;
		if (ok(mid)) good = mid;
		else bad = mid;
	}
	// Round to two significant figures, toward the safe side.
	if (k.integer || good === 0) return good;
	const p = 10 ** (Math.floor(Math.log10(good)) - 1);
	return k.lower ? Math.floor(good / p) * p : Math.ceil(good / p) * p;
}

/**
 * The whole scenario against the model's budget: a migration must be able to finish in the
 * week the engine simulates, and its accesses must stay within MAX_ACCESSES.
 */
export function checkCost(
	s: Scenario,
	algorithms: readonly Algorithm[],
	inputs: WorkloadInputs,
	given: (key: string) => boolean,
	label: (key: string) => string,
): void {
	const rate = bytesPerMs(s);
	if (passMs(s, rate) > SIM_TIME_LIMIT_MS) {
		const least = (passMs(s, 1) / SIM_TIME_LIMIT_MS) * 8000;
		throw new UsageError(
			`${label('bandwidth')}: at least ${formatBandwidth(Math.ceil(least))} for ${formatSize(s.memoryBytes)} of memory (one pass must fit in ${WEEK}), got ${formatBandwidth(s.bandwidthBitsPerSec)}`,
		);
	}
	const cost = worstCost(s, algorithms);
	if (cost.accesses <= MAX_ACCESSES) return;
	const rebuilt = (base: Scenario, bandwidth: number): Scenario => {
		const next = {...base, bandwidthBitsPerSec: bandwidth};
		if (inputs.kind !== 'trace') next.workload = resolveWorkload(inputs.kind, next, inputs);
		return next;
	};
	const knobs: Knob[] = [
		// First: QEMU's loop lasts until the deadline, so that is the likeliest culprit.
		{key: 'cancelAfter', applies: s.precopy.cancelAfterMs !== null && algorithms.some((a) => a !== 'postcopy'), lower: true,
			current: s.precopy.cancelAfterMs ?? 0, bound: 1000, show: span, with: (b, v) => ({...b, precopy: {...b.precopy, cancelAfterMs: v}})},
		{key: 'dirtyRate', applies: s.workload.writeRate > 0, lower: true, current: s.workload.writeRate, bound: 0, show: ranges.dirtyRate.show,
			with: (b, v) => ({...b, workload: {...b.workload, writeRate: v}})},
		{key: 'readRate', applies: s.workload.readRate > 0 && algorithms.some((a) => a !== 'precopy'), lower: true, current: s.workload.readRate, bound: 0,
			show: ranges.readRate.show, with: (b, v) => ({...b, workload: {...b.workload, readRate: v}})},
		{key: 'maxRounds', applies: algorithms.includes('precopy') && s.precopy.policy === 'xen', lower: true, current: s.precopy.maxRounds, bound: 1, integer: true, show: plain,
			with: (b, v) => ({...b, precopy: {...b.precopy, maxRounds: v}})},
		{key: 'precopyRounds', applies: algorithms.includes('hybrid'), lower: true, current: s.hybrid.precopyRounds, bound: 1, integer: true, show: plain,
			with: (b, v) => ({...b, hybrid: {precopyRounds: v}})},
		{key: 'maxBandwidth', applies: s.precopy.maxBandwidthBitsPerSec !== null, lower: false, current: s.precopy.maxBandwidthBitsPerSec ?? 0,
			bound: ranges.maxBandwidth.max, show: bandwidth, with: (b, v) => ({...b, precopy: {...b.precopy, maxBandwidthBitsPerSec: v}})},
		{key: 'maxPostcopyBandwidth', applies: s.postcopy.maxBandwidthBitsPerSec !== null, lower: false, current: s.postcopy.maxBandwidthBitsPerSec ?? 0,
			bound: ranges.maxPostcopyBandwidth.max, show: bandwidth, with: (b, v) => ({...b, postcopy: {...b.postcopy, maxBandwidthBitsPerSec: v}})},
		{key: 'bandwidth', applies: true, lower: false, current: s.bandwidthBitsPerSec, bound: ranges.bandwidth.max, show: bandwidth, with: rebuilt},
	];
	const usable = knobs.filter((k) => k.applies && k.current !== k.bound);
	// A value the user gave is the likelier culprit; a default is blamed only if none helps.
	for (const k of [...usable.filter((x) => given(x.key)), ...usable.filter((x) => !given(x.key))]) {
		const limit = limitOf(k, s, algorithms);
		if (limit === null) continue;
		throw new UsageError(
			`${label(k.key)}: ${k.lower ? 'at most' : 'at least'} ${k.show(limit)} in this scenario, got ${k.show(k.current)} ` +
				`(the model's cost grows with accesses: ${cost.algorithm} could run ${span(cost.simMs)} of simulated time and make ${approx(cost.accesses)} accesses, past ${approx(MAX_ACCESSES)})`,
		);
	}
	throw new UsageError(
		`${label('memory')}: this scenario could make ${approx(cost.accesses)} accesses (${cost.algorithm}), past the model's ${approx(MAX_ACCESSES)}: use less memory or a faster link`,
	);
}
