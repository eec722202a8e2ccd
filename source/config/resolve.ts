import {
	type Algorithm,
	algorithms as allAlgorithms,
	defaultScenario,
	GiB,
	MAX_PAGES,
	type PrecopyPolicy,
	precopyPolicies,
	QEMU_MAX_BANDWIDTH_BITS,
	type Scenario,
	SWITCHOVER_COST_MS,
	NON_PAGEABLE_BYTES,
	FAULT_AROUND_PAGES,
	HOST_PAGE_SIZES,
	MAX_FAULT_AROUND_PAGES,
	TARGET_PAGE_BYTES,
	PUSH_ORDER,
	pushOrders,
	type PushOrder,
	CHANNEL_BUFFER_BYTES,
	type WorkloadKind,
	workloadKinds,
	resolveWorkload,
	presets,
} from '../core/index.js';
import {type DisplayOptions, type ThemeName, themeNames} from '../basics/display-options.js';
import {UsageError} from '../basics/errors.js';
import {camel, flagOf} from '../basics/flag-names.js';
import {checkCost, checkRange} from './bounds.js';
import {type FlagSpec, sharedFlags} from './flags.js';
import {formatSize, parseBandwidth, parseCap, parseCount, parseDuration, parseOrRefuse, parseShare, parseSize, UnitError} from '../basics/units.js';

/** The default --cancel-after for QEMU, per GiB of memory (Nova's and KubeVirt's completion timeout). */
export const CANCEL_SECONDS_PER_GIB = 800;

/** Flag values as typed (strings), or as a scenario file gives them (strings or numbers). */
export type RawOptions = Record<string, string | number | boolean | undefined>;

export interface Resolved {
	scenario: Scenario;
	algorithms: Algorithm[];
	display: DisplayOptions;
	/** The trace file to load, when --workload trace. */
	traceFile: string | null;
	/** --trace-loop: repeat the trace when it ends. */
	traceLoop?: boolean;
}

/** The flags a scenario is resolved from, by option key: their defaults stand for what is not given. */
const specs = new Map<string, FlagSpec>(sharedFlags.map((f) => [camel(f.name), f]));

/** Reads option `key` with `parse`, falling back to the flag's default. */
function read<T>(raw: RawOptions, key: string, parse: (v: string | number) => T, label: (key: string) => string): T | undefined {
	const given = raw[key];
	if (given === '') throw new UsageError(`${label(key)}: needs a value`);
	const fallback = specs.get(key)?.default;
	const v = given ?? (typeof fallback === 'string' ? fallback : undefined);
	if (v === undefined) return undefined;
	if (typeof v === 'boolean') throw new UsageError(`${label(key)}: needs a value`);
	return parseOrRefuse(label(key), () => parse(v));
}

function bool(raw: RawOptions, key: string, label: (key: string) => string): boolean {
	const v = raw[key];
	if (v === undefined) return specs.get(key)?.default === true;
	if (v === true || v === 'true') return true;
	if (v === false || v === 'false') return false;
	// Anything else ("yes", 1) once read as off without a word.
	throw new UsageError(`${label(key)}: true or false, got "${v}"`);
}

export function resolveOptions(raw: RawOptions, label: (key: string) => string = flagOf): Resolved {
	const s = defaultScenario();
	const get = <T>(key: string, parse: (v: string | number) => T) => {
		const value = read(raw, key, parse, label);
		if (typeof value === 'number') checkRange(key, value, label(key));
		return value;
	};
	const flag = (key: string) => bool(raw, key, label);

	s.memoryBytes = get('memory', parseSize)!;
	// The host page size; the engine's pages are 4 KiB whatever it is (core/scenario.ts).
	s.pageSizeBytes = get('pageSize', parseSize)!;
	const host = s.pageSizeBytes;
	if (!(HOST_PAGE_SIZES as readonly number[]).includes(host))
		throw new UsageError(`${label('pageSize')}: the host page size must be 4KiB, 2MiB or 1GiB (x86's page sizes), got ${raw.pageSize}`);
	const page = TARGET_PAGE_BYTES;
	if (s.memoryBytes < page * 64) throw new UsageError(`${label('memory')}: must hold at least 64 pages of ${page} bytes`);
	if (s.memoryBytes % host !== 0)
		throw new UsageError(`${label('memory')}: must be a whole number of ${formatSize(host)} host pages (${label('pageSize')}), got ${formatSize(s.memoryBytes)}`);
	const pages = Math.floor(s.memoryBytes / page);
	if (pages > MAX_PAGES)
		throw new UsageError(`${label('memory')}: ${pages} pages is past what the model supports (2^31 pages of 4 KiB: ${formatSize(MAX_PAGES * page)})`);
	s.cpuStateBytes = get('cpuState', parseSize)!;
	s.freeFraction = get('freeMemory', (v) => parseShare(v))!;
	s.zeroFraction = get('zeroMemory', (v) => parseShare(v))!;
	if (s.freeFraction + s.zeroFraction > 0.95)
		throw new UsageError(`${label('zeroMemory')}: free and zero memory together must stay under 95%`);

	s.bandwidthBitsPerSec = get('bandwidth', parseBandwidth)!;
	s.rttMs = get('rtt', (v) => parseDuration(v, {allowZero: true}))!;
	const downAt = get('linkDownAt', (v) => parseDuration(v, {allowZero: true}));
	const downFor = get('linkDownFor', (v) => (v === 'forever' || v === 'never' ? null : parseDuration(v)));
	if (downFor !== undefined && downAt === undefined)
		throw new UsageError(`${label('linkDownFor')}: needs ${label('linkDownAt')} (when the link fails)`);
	s.linkFailure = downAt === undefined ? null : {atMs: downAt, forMs: downFor ?? null};

	const kind = get('workload', (v) => {
		if (!(workloadKinds as readonly string[]).includes(String(v)))
			throw new UnitError(`unknown workload "${v}" (known: ${workloadKinds.join(', ')})`);
		return String(v) as WorkloadKind;
	})!;
	const writeRate = get('dirtyRate', (v) => parseCount(v));
	const readRate = get('readRate', (v) => parseCount(v));
	const wssBytes = get('wss', parseSize);
	if (wssBytes !== undefined && wssBytes > s.memoryBytes)
		throw new UsageError(`${label('wss')}: the working set cannot be larger than memory`);
	let traceFile: string | null = null;
	if (kind === 'trace') {
		traceFile = get('trace', (v) => String(v)) ?? null;
		if (!traceFile) throw new UsageError(`${label('workload')}: trace needs ${label('trace')} FILE`);
		s.workload = {kind, pattern: 'trace', writeRate: 0, readRate: 0, wssBytes: 0, hotShare: 0, burstPages: 1, hotExtents: 1};
	} else {
		if (raw.trace !== undefined) throw new UsageError(`${label('trace')}: only with ${label('workload')} trace`);
		s.workload = resolveWorkload(kind, s, {writeRate, readRate, wssBytes});
	}
	s.seed = get('seed', (v) => parseCount(v, {integer: true}))!;
	const vcpus = get('vcpus', (v) => parseCount(v, {integer: true}));
	// A trace is one access stream: its accesses cannot be split over vCPUs after the fact.
	if (kind === 'trace' && vcpus !== undefined && vcpus > 1)
		throw new UsageError(`${label('vcpus')}: a trace is one access stream, so it runs on one vCPU, got ${vcpus}`);
	// Absent means one, so a one-vCPU scenario (and its report) is the one-stream model's.
	const n = vcpus ?? (kind === 'trace' ? 1 : (presets[kind].vcpus ?? 1));
	if (n > 1) s.vcpus = n;

	const policy = get('policy', (v) => {
		if (!(precopyPolicies as readonly string[]).includes(String(v))) throw new UnitError(`must be ${precopyPolicies.join(', ')}, got "${v}"`);
		return v as PrecopyPolicy;
	})!;
	// The round cap is Xen's legacy loop's (max_iters); QEMU has none, and today's Xen stops
	// after 5 iterations by its own code: refused there rather than ignored.
	if (raw.maxRounds !== undefined && policy !== 'xen')
		throw new UsageError(
			`${label('maxRounds')}: applies to ${label('policy')} xen only (${policy === 'qemu' ? `QEMU has no round limit: use ${label('cancelAfter')}` : 'xen-today stops after 5 iterations'})`,
		);
	if (flag('rateLimit') && policy !== 'xen')
		throw new UsageError(`${label('rateLimit')}: applies to ${label('policy')} xen only (Xen's adaptive rate limiting; today's Xen has none)`);
	const switchover = get('switchoverCost', (v) => parseDuration(v, {allowZero: true}));
	s.switchoverCostMs = switchover ?? SWITCHOVER_COST_MS[policy];
	const nonPageable = get('nonPageable', (v) => parseSize(v, {allowZero: true}));
	if (nonPageable != null && nonPageable > s.memoryBytes)
		throw new UsageError(`${label('nonPageable')}: cannot be more than memory (${formatSize(s.memoryBytes)}), got ${formatSize(nonPageable)}`);
	// The policy's figure is Hines's 2 GiB guest; a small guest's kernel is smaller, so the
	// default takes at most a quarter of memory (livemig's assumption, not the paper's), in 4 KiB pages.
	s.nonPageableBytes = nonPageable ?? Math.min(NON_PAGEABLE_BYTES[policy], Math.floor(s.memoryBytes / 4 / 4096) * 4096);
	s.channelBufferBytes = get('channelBuffer', (v) => parseSize(v, {allowZero: true})) ?? CHANNEL_BUFFER_BYTES[policy];
	const cancelAfter = get('cancelAfter', (v) => (v === 'never' ? null : parseDuration(v)));
	s.precopy = {
		policy,
		maxRounds: get('maxRounds', (v) => parseCount(v, {integer: true, min: 1}))!,
		// QEMU's own default is to wait for ever; livemig's, 800 s per GiB of memory, is the
		// completion timeout of OpenStack Nova (live_migration_completion_timeout) and KubeVirt
		// (completionTimeoutPerGiB), so a guest that never converges ends as it would there.
		cancelAfterMs: cancelAfter !== undefined ? cancelAfter : policy === 'qemu' ? (CANCEL_SECONDS_PER_GIB * 1000 * s.memoryBytes) / GiB : null,
		downtimeLimitMs: get('downtimeLimit', (v) => parseDuration(v))!,
		autoConverge: flag('autoConverge'),
		rateLimit: flag('rateLimit'),
		maxBandwidthBitsPerSec: null,
	};
	// QEMU's max-bandwidth caps QEMU's stream; Xen has no such cap (its rate is --rate-limit).
	const cap = get('maxBandwidth', parseCap);
	if (cap !== undefined && policy !== 'qemu')
		throw new UsageError(`${label('maxBandwidth')}: applies to ${label('policy')} qemu only (Xen's rate is ${label('rateLimit')})`);
	if (policy === 'qemu') s.precopy.maxBandwidthBitsPerSec = cap === undefined ? QEMU_MAX_BANDWIDTH_BITS : cap;
	s.postcopy = {
		pushOrder: pushOrderOf(get('pushOrder', parsePushOrder), raw.prepaging !== undefined ? flag('prepaging') : undefined, policy, label),
		preempt: flag('postcopyPreempt'),
		balloon: flag('balloon'),
		recovery: flag('postcopyRecovery'),
		maxBandwidthBitsPerSec: get('maxPostcopyBandwidth', parseCap) ?? null,
	};
	const placeRate = get('postcopyPlaceRate', (v) => parseCount(v));
	if (placeRate !== undefined) {
		if (!(placeRate > 0)) throw new UsageError(`${label('postcopyPlaceRate')}: must be above zero pages/s, got ${raw.postcopyPlaceRate}`);
		s.postcopy.placeRate = placeRate;
	}
	const faultAround = get('faultAround', (v) => parseCount(v, {integer: true, min: 1})) ?? FAULT_AROUND_PAGES[policy];
	if (!Number.isInteger(Math.log2(faultAround)) || faultAround > MAX_FAULT_AROUND_PAGES)
		throw new UsageError(`${label('faultAround')}: must be a power of two from 1 to ${MAX_FAULT_AROUND_PAGES} pages, got ${raw.faultAround}`);
	// Absent means 1, so a scenario without fault-around (and its report) is as it always was.
	if (faultAround > 1) s.postcopy.faultAroundPages = faultAround;
	s.hybrid = {precopyRounds: get('precopyRounds', (v) => parseCount(v, {integer: true, min: 1}))!};

	const algorithms = get('algorithms', parseAlgorithms)!;
	// A trace's accesses are known once it is read: attachTrace checks those.
	if (kind !== 'trace') checkCost(s, algorithms, {kind, writeRate, readRate, wssBytes}, (key) => raw[key] !== undefined, label);
	const speed = get('speed', (v) => parseCount(v)) ?? null;
	if (speed !== null && speed <= 0) throw new UsageError(`${label('speed')}: must be above zero`);
	const fps = get('fps', (v) => parseCount(v, {integer: true, min: 1}))!;
	if (fps > 120) throw new UsageError(`${label('fps')}: must be at most 120, got ${fps}`);
	return {
		scenario: s,
		algorithms,
		display: {speed, fps, color: flag('color'), ascii: flag('ascii'), theme: get('theme', parseTheme) ?? null},
		traceFile,
		traceLoop: traceFile !== null && flag('traceLoop'),
	};
}

export function parseAlgorithms(v: string | number): Algorithm[] {
	const names = String(v)
		.split(',')
		.map((a) => a.trim())
		.filter(Boolean);
	if (names.length === 0) throw new UnitError('needs at least one of precopy, postcopy, hybrid');
	for (const [i, a] of names.entries()) {
		if (!(allAlgorithms as readonly string[]).includes(a))
			throw new UnitError(`unknown algorithm "${a}" (known: ${allAlgorithms.join(', ')})`);
		// Each runs once: a repeat used to vanish without a word.
		if (names.indexOf(a) !== i) throw new UnitError(`"${a}" is listed twice`);
	}
	return names as Algorithm[];
}

function parseTheme(v: string | number): ThemeName {
	if (!(themeNames as readonly string[]).includes(String(v))) throw new UnitError(`must be ${themeNames.join(', ')}, got "${v}"`);
	return v as ThemeName;
}

function parsePushOrder(v: unknown): PushOrder {
	if (!(pushOrders as readonly string[]).includes(String(v))) throw new UnitError(`must be ${pushOrders.join(', ')}, got "${v}"`);
	return v as PushOrder;
}

/** --push-order if given, else --no-prepaging's linear, else the hypervisor's own; a contradiction is refused. */
function pushOrderOf(order: PushOrder | undefined, prepaging: boolean | undefined, policy: PrecopyPolicy, label: (key: string) => string): PushOrder {
	if (order !== undefined && prepaging === false && order !== 'linear')
		throw new UsageError(`${label('pushOrder')}: ${order} follows faults, but ${label('prepaging')} is off (drop one, or use linear)`);
	if (order !== undefined) return order;
	return prepaging === false ? 'linear' : PUSH_ORDER[policy];
}
