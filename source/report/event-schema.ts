import {z} from 'zod';
import {type MigrationEvent, outcomes, roundKinds} from '../core/index.js';

// The report's `events` (core/events.ts; every type and field in docs/events.md). Strict
// objects, so an event that gains or loses a field fails the tests; the check at the end
// holds the schema to the core's type both ways.

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();
const t = ms;
const kind = z.enum(roundKinds);

const stop = {type: z.literal('stop'), t, round: count};

/** The stop rules, told apart by `rule` (core/events.ts, StopTest). */
const stopSchema = z.discriminatedUnion('rule', [
	z.object({...stop, rule: z.literal('xen-min-pages'), pagesLeft: count, threshold: count}).strict(),
	z.object({...stop, rule: z.literal('max-rounds'), rounds: count, limit: count}).strict(),
	z.object({...stop, rule: z.literal('memory-factor'), pagesSent: count, memoryPages: count, factor: z.number().positive()}).strict(),
	z
		.object({...stop, rule: z.literal('rate-cap'), rateBitsPerSec: z.number().positive(), capBitsPerSec: z.number().positive(), pagesSent: count, previousPagesSent: count})
		.strict(),
	z.object({...stop, rule: z.literal('xen-today-dirty'), dirtyPages: count, threshold: count}).strict(),
	z.object({...stop, rule: z.literal('xen-today-iterations'), iterations: count, limit: count}).strict(),
	z
		.object({...stop, rule: z.literal('qemu-fits'), restBytes: ms, thresholdBytes: ms, bandwidthBytesPerMs: ms, downtimeLimitMs: ms, hybrid: z.boolean()})
		.strict(),
	z.object({...stop, rule: z.literal('hybrid-rounds'), rounds: count, limit: count}).strict(),
]);

const faultCost = {rttMs: ms, transferMs: ms, queueMs: ms, linkDownMs: ms};

export const eventSchema = z.union([
	z.discriminatedUnion('type', [
		z.object({type: z.literal('round-start'), t, round: count, kind, pagesToSend: count, rateBitsPerSec: z.number().positive()}).strict(),
		z
			.object({
				type: z.literal('round-end'),
				t,
				round: count,
				kind,
				durationMs: ms,
				pagesToSend: count,
				pagesSent: count,
				pagesSkipped: count,
				pagesDirtied: count,
				bytesSent: count,
				cutOff: z.boolean(),
			})
			.strict(),
		z.object({type: z.literal('throttle'), t, fromPercent: count, toPercent: count, dirtiedBytes: count, sentBytes: count, share: z.number().min(0).max(1)}).strict(),
		z.object({type: z.literal('vm-paused'), t}).strict(),
		z
			.object({type: z.literal('switchover'), t, durationMs: ms, pages: count, bytes: count, cpuStateBytes: count, nonPageablePages: count, next: z.enum(['done', 'postcopy'])})
			.strict(),
		z.object({type: z.literal('link-down'), t, upAt: ms.nullable(), during: z.enum(['precopy', 'stop-and-copy', 'postcopy'])}).strict(),
		z.object({type: z.literal('link-up'), t, downForMs: ms}).strict(),
		z.object({type: z.literal('postcopy-paused'), t}).strict(),
		z.object({type: z.literal('postcopy-resumed'), t, pausedMs: ms}).strict(),
		z.object({type: z.literal('not-converging'), t, dirtyPagesPerSec: ms, sendPagesPerSec: ms, cancelAfterMs: ms}).strict(),
		z.object({type: z.literal('first-fault'), t, page: count, waitMs: ms, ...faultCost}).strict(),
		z.object({type: z.literal('fault-burst'), t, fromMs: ms, toMs: ms, faults: count, waitMs: ms, maxWaitMs: ms, ...faultCost}).strict(),
		z.object({type: z.literal('prepaging'), t, fromMs: ms, toMs: ms, pages: count}).strict(),
		z
			.object({
				type: z.literal('end'),
				t,
				outcome: z.enum(outcomes),
				cause: z.enum(['completed', 'link-down', 'link-never-returned', 'no-recovery', 'cancelled', 'time-limit']),
				downtimeMs: ms,
				stallMs: ms,
			})
			.strict(),
		z.object({type: z.literal('verified'), t, ok: z.boolean()}).strict(),
	]),
	stopSchema,
]);

export const eventsSchema = z.array(eventSchema);

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** The build fails here if the core's events and the schema drift apart. */
export type EventSchemaIsTheCoresEvent = Assert<Equals<z.infer<typeof eventSchema>, MigrationEvent>>;
