import fc from 'fast-check';
import {type Algorithm, defaultScenario, KiB, MiB, resolveWorkload, type Scenario, TARGET_PAGE_BYTES, workloadKinds} from '../../source/core/index.js';

type Kind = Exclude<(typeof workloadKinds)[number], 'trace'>;
const kinds = workloadKinds.filter((k) => k !== 'trace') as Kind[];

/** Small random scenarios: every knob the model has, at sizes a property test can afford. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
	.record({
		memoryMiB: fc.integer({min: 2, max: 24}),
		// The host page: mostly 4 KiB, sometimes a 2 MiB huge page (the engine's pages stay 4 KiB).
		hostPageKiB: fc.constantFrom(4, 4, 4, 2048),
		faultAround: fc.constantFrom(1, 1, 1, 2, 8, 64),
		vcpus: fc.constantFrom(1, 1, 1, 2),
		bandwidthMbit: fc.integer({min: 20, max: 2000}),
		rttMs: fc.double({min: 0, max: 5, noNaN: true}),
		kind: fc.constantFrom(...kinds),
		dirtyFactor: fc.option(fc.double({min: 0, max: 2, noNaN: true})),
		readFactor: fc.option(fc.double({min: 0, max: 3, noNaN: true})),
		wssShare: fc.option(fc.double({min: 0.01, max: 1, noNaN: true})),
		free: fc.double({min: 0, max: 0.5, noNaN: true}),
		nonPageableKiB: fc.option(fc.integer({min: 4, max: 4096}), {freq: 2}),
		zero: fc.double({min: 0, max: 0.3, noNaN: true}),
		seed: fc.nat(),
		policy: fc.constantFrom('xen' as const, 'xen-today' as const, 'qemu' as const),
		maxRounds: fc.integer({min: 1, max: 30}),
		downtimeLimitMs: fc.integer({min: 1, max: 500}),
		autoConverge: fc.boolean(),
		rateLimit: fc.boolean(),
		cancelAfterMs: fc.integer({min: 200, max: 20_000}),
		xenCancels: fc.boolean(),
		capMbit: fc.option(fc.integer({min: 10, max: 2000})),
		postcopyCapMbit: fc.option(fc.integer({min: 10, max: 2000}), {freq: 3}),
		pushOrder: fc.constantFrom('qemu' as const, 'bubble' as const, 'linear' as const),
		preempt: fc.boolean(),
		// The destination's placing rate (--postcopy-place-rate), sometimes slower than the link.
		placeRate: fc.option(fc.integer({min: 2000, max: 400_000}), {freq: 3}),
		channelKiB: fc.constantFrom(0, 64, 128, 4096),
		balloon: fc.boolean(),
		recovery: fc.boolean(),
		precopyRounds: fc.integer({min: 1, max: 4}),
		failure: fc.option(fc.record({atMs: fc.integer({min: 1, max: 3000}), forMs: fc.option(fc.integer({min: 1, max: 2000}))}), {freq: 4}),
	})
	.map((r) => {
		const s = defaultScenario();
		s.pageSizeBytes = r.hostPageKiB * KiB;
		// Memory is a whole number of host pages.
		s.memoryBytes = (r.hostPageKiB > 4 ? 2 * Math.ceil(r.memoryMiB / 2) : r.memoryMiB) * MiB;
		if (r.vcpus > 1 && r.kind !== 'idle') s.vcpus = r.vcpus;
		s.bandwidthBitsPerSec = r.bandwidthMbit * 1e6;
		s.rttMs = r.rttMs;
		s.freeFraction = r.free;
		s.nonPageableBytes = r.nonPageableKiB === null ? 0 : r.nonPageableKiB * KiB;
		s.zeroFraction = r.zero;
		const linkPages = s.bandwidthBitsPerSec / 8 / TARGET_PAGE_BYTES;
		s.workload = resolveWorkload(r.kind, s, {
			writeRate: r.dirtyFactor === null ? undefined : Math.round(r.dirtyFactor * linkPages),
			readRate: r.readFactor === null ? undefined : Math.round(r.readFactor * linkPages),
			wssBytes: r.wssShare === null ? undefined : Math.max(TARGET_PAGE_BYTES, Math.floor(r.wssShare * s.memoryBytes)),
		});
		s.seed = r.seed;
		s.precopy = {policy: r.policy, maxRounds: r.maxRounds, downtimeLimitMs: r.downtimeLimitMs, autoConverge: r.autoConverge, rateLimit: r.rateLimit,
			maxBandwidthBitsPerSec: r.policy === 'qemu' && r.capMbit !== null ? r.capMbit * 1e6 : null,
			// QEMU's loop has no round cap: a deadline keeps a guest that never converges short.
			cancelAfterMs: r.policy === 'qemu' || r.xenCancels ? r.cancelAfterMs : null};
		s.channelBufferBytes = r.channelKiB * KiB;
		s.postcopy = {pushOrder: r.pushOrder, preempt: r.preempt, balloon: r.balloon, recovery: r.recovery, maxBandwidthBitsPerSec: r.postcopyCapMbit === null ? null : r.postcopyCapMbit * 1e6,
			...(r.faultAround > 1 ? {faultAroundPages: r.faultAround} : {}),
			...(r.placeRate === null ? {} : {placeRate: r.placeRate})};
		s.hybrid = {precopyRounds: r.precopyRounds};
		s.linkFailure = r.failure ? {atMs: r.failure.atMs, forMs: r.failure.forMs} : null;
		return s;
	});

export const algorithmArb: fc.Arbitrary<Algorithm> = fc.constantFrom('precopy', 'postcopy', 'hybrid');
