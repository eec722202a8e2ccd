import {z} from 'zod';
import {
	algorithms,
	HOST_PAGE_SIZES,
	MAX_FAULT_AROUND_PAGES,
	MAX_VCPUS,
	type MigrationResult,
	outcomes,
	precopyPolicies,
	pushOrders,
	roundKinds,
	runPolicies,
	type Scenario,
	workloadKinds,
	workloadPatterns,
} from '../core/index.js';
import {eventsSchema} from './event-schema.js';

// The JSON report's shape. Every object is strict (a field the report gains or loses fails
// the tests), the names come from the core's own lists, and the report's TypeScript types
// are inferred from here; the checks at the end make the compiler hold the schema to the
// core's types both ways.

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);

const workloadSchema = z
	.object({
		kind: z.enum(workloadKinds),
		pattern: z.enum(workloadPatterns),
		writeRate: z.number().nonnegative(),
		readRate: z.number().nonnegative(),
		wssBytes: z.number().nonnegative(),
		hotShare: share,
		burstPages: z.number().int().positive(),
		hotExtents: z.number().int().positive(),
	})
	.strict();

/** The resolved scenario, every parameter, less the trace's arrays (report.ts, scenarioForReport). */
export const reportScenarioSchema = z
	.object({
		memoryBytes: z.number().int().positive(),
		vcpus: z.number().int().min(1).max(MAX_VCPUS).optional(),
		/** The host page size (the engine's pages are 4 KiB whatever it is). */
		pageSizeBytes: z.number().refine((v) => (HOST_PAGE_SIZES as readonly number[]).includes(v), 'a host page size: 4 KiB, 2 MiB or 1 GiB'),
		cpuStateBytes: count,
		switchoverCostMs: z.number().nonnegative(),
		nonPageableBytes: count,
		freeFraction: share,
		zeroFraction: share,
		bandwidthBitsPerSec: z.number().positive(),
		rttMs: z.number().nonnegative(),
		channelBufferBytes: count,
		linkFailure: z.object({atMs: z.number().nonnegative(), forMs: z.number().nonnegative().nullable()}).strict().nullable(),
		workload: workloadSchema,
		seed: count,
		precopy: z
			.object({
				policy: z.enum(precopyPolicies),
				maxRounds: z.number().int().positive(),
				downtimeLimitMs: z.number().nonnegative(),
				autoConverge: z.boolean(),
				rateLimit: z.boolean(),
				maxBandwidthBitsPerSec: z.number().positive().nullable(),
				cancelAfterMs: z.number().nonnegative().nullable(),
			})
			.strict(),
		postcopy: z
			.object({
				pushOrder: z.enum(pushOrders),
				preempt: z.boolean(),
				balloon: z.boolean(),
				recovery: z.boolean(),
				maxBandwidthBitsPerSec: z.number().positive().nullable(),
				/** Pages the destination places per second after the switch; absent: no limit. */
				placeRate: z.number().positive().optional(),
				faultAroundPages: z.number().int().min(2).max(MAX_FAULT_AROUND_PAGES).optional(),
			})
			.strict(),
		hybrid: z.object({precopyRounds: z.number().int().positive()}).strict(),
	})
	.strict();

const roundSchema = z
	.object({
		index: count,
		kind: z.enum(roundKinds),
		startMs: z.number().nonnegative(),
		durationMs: z.number().nonnegative(),
		pagesToSend: count,
		pagesSent: count,
		pagesSkipped: count,
		pagesDirtied: count,
		bytesSent: count,
		zeroPages: count,
		rateBitsPerSec: z.number().positive(),
	})
	.strict();

/** QEMU's `query-migrate` view of a result (qemu-names.ts, the one mapping of its names). */
export const qemuSchema = z
	.object({
		status: z.enum(['completed', 'cancelled', 'failed']),
		'total-time': count,
		downtime: count,
		'setup-time': count,
		'expected-downtime': count,
		'cpu-throttle-percentage': z.number().int().min(0).max(99),
		ram: z
			.object({
				transferred: count,
				remaining: count,
				total: z.number().int().positive(),
				duplicate: count,
				normal: count,
				'normal-bytes': count,
				'dirty-pages-rate': count,
				mbps: z.number().nonnegative(),
				'dirty-sync-count': count,
				'postcopy-requests': count,
				'pages-per-second': count,
			})
			.strict(),
	})
	.strict();

/** One run's figures: the core's MigrationResult. */
export const migrationResultSchema = z
	.object({
		algorithm: z.enum(algorithms),
		policy: z.enum(runPolicies),
		outcome: z.enum(outcomes),
		reason: z.string(),
		totalTimeMs: z.number().nonnegative(),
		downtimeMs: z.number().nonnegative(),
		pagesTransferred: count,
		bytesTransferred: count,
		networkFaults: count,
		inFlightWaits: count,
		degradationMs: z.number().nonnegative(),
		verified: z.boolean(),
		stallMs: z.number().nonnegative(),
		throttledMs: z.number().nonnegative(),
		postcopyPausedMs: z.number().nonnegative(),
		zeroPages: count,
		normalPages: count,
		cpuStateBytes: count,
		faultBytes: count,
		pagesPushed: count,
		pagesPrepaged: count,
		pagesOnDemand: count,
		pagesReadahead: count.optional(),
		pagesBallooned: count,
		pagesNonPageable: count,
		maxThrottlePercent: z.number().int().min(0).max(99),
		expectedDowntimeMs: z.number().nonnegative(),
		dirtySyncCount: count,
		dirtyRate: z.number().nonnegative(),
		remainingPages: count,
		split: z.object({pagesAtTarget: count, pagesOnlyAtSource: count}).strict().nullable(),
		rounds: z.array(roundSchema),
		events: eventsSchema,
		perVcpu: z.array(z.object({stallMs: z.number().nonnegative(), networkFaults: count, inFlightWaits: count}).strict()).min(2).optional(),
	})
	.strict();

/** A report's entry: the run's figures and QEMU's names for them. */
export const resultSchema = migrationResultSchema.extend({qemu: qemuSchema}).strict();

export const reportSchema = z
	.object({
		scenario: reportScenarioSchema,
		results: z.array(resultSchema).min(1),
	})
	.strict();

export type ReportScenario = z.infer<typeof reportScenarioSchema>;
export type QemuView = z.infer<typeof qemuSchema>;
export type ReportResult = z.infer<typeof resultSchema>;
export type Report = z.infer<typeof reportSchema>;

/** True when A and B are the same type (each assignable to the other, modifiers included). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when its argument is `true`. */
type Assert<T extends true> = T;

// If the core's types and the schema drift apart (a field added, removed, renamed or
// retyped on either side), the build fails here.
export type ResultSchemaIsTheCoresResult = Assert<Equals<z.infer<typeof migrationResultSchema>, MigrationResult>>;
export type ScenarioSchemaIsTheCoresScenario = Assert<Equals<ReportScenario, Omit<Scenario, 'trace'>>>;
