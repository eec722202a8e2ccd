import {z} from 'zod';
import {algorithms, eventTypes, precopyPolicies, pushOrders, workloadKinds} from '../core/index.js';
import {parseBandwidth, parseCap, parseCount, parseDuration, parseShare, parseSize, UnitError} from '../basics/units.js';

// The scenario file format: everything a flag can set. One zod schema gives validation
// (every problem, with its path), the values the resolver reads, and `livemig schema`.

/** A value with units, checked by the same parser the flag uses. */
function unit(parse: (v: string | number) => unknown, example: string, description: string) {
	return z
		.union([z.string(), z.number()])
		.superRefine((v, ctx) => {
			try {
				parse(v);
			} catch (error) {
				if (!(error instanceof UnitError)) throw error;
				ctx.addIssue({code: 'custom', message: error.message});
			}
		})
		.describe(`${description} (e.g. ${example})`);
}

const size = (d: string, example = '"256MiB"') => unit(parseSize, example, d);
const rate = (d: string) => unit(parseBandwidth, '"1Gbit/s"', d);
const cap = (d: string) => unit(parseCap, '"128MiB/s" or "unlimited"', d);
const time = (d: string) => unit((v) => parseDuration(v, {allowZero: true}), '"300ms"', d);
const share = (d: string) => unit((v) => parseShare(v), '"30%"', d);
const count = (d: string) => unit((v) => parseCount(v), '20000', d);
const whole = (d: string) => unit((v) => parseCount(v, {integer: true, min: 1}), '5', d);

/**
 * What a demo step can wait for (`{"on": ...}`): the core's events (core/events.ts,
 * docs/events.md), `switch` for the switch-over, and `done` when every run has ended.
 */
export const demoEventNames = [...eventTypes, 'switch', 'done'] as const;
export type DemoEventName = (typeof demoEventNames)[number];

/** The keys that name a step, in the order the error message lists them. */
export const timelineStepKinds = ['wait', 'on', 'caption', 'pause', 'resume', 'key', 'speed', 'end'] as const;

export const timelineStepSchema = z.union([
	z.object({wait: time('do nothing for this long (wall time)')}).strict(),
	z
		.object({
			on: z.enum(demoEventNames).describe('wait until this event has happened (in any run, or in `algorithm`\'s); `done`: every run ended'),
			algorithm: z.enum(algorithms).optional().describe('only this run\'s event'),
			round: z.number().int().nonnegative().optional().describe('only the event of this round (round-start, round-end, stop: the index from 0)'),
		})
		.strict(),
	z.object({key: z.string().min(1).describe('press a key: a character, "enter", "up", "down" (not space: use pause / resume)')}).strict(),
	z.object({speed: z.number().positive().describe('a fixed speed from here on, simulated time per wall second (pacing off)')}).strict(),
	z.object({caption: z.string().describe('a line of text shown in its own row'), for: time('how long the caption shows').optional()}).strict(),
	z.object({pause: z.union([z.literal(true), time('freeze the simulation for this long (the audience looks), then resume')]).describe('pause the simulation: true until a resume step, or for a time')}).strict(),
	z.object({resume: z.literal(true).describe('resume the simulation after a pause step')}).strict(),
	z.object({end: z.literal(true).describe('end the demo here')}).strict(),
]);

export const demoSchema = z
	.object({
		cols: z.number().int().min(40).max(400).optional().describe('terminal width for recordings'),
		rows: z.number().int().min(12).max(200).optional().describe('terminal height for recordings'),
		timeline: z.array(timelineStepSchema).describe('steps, played in order'),
	})
	.strict();

export const scenarioFileSchema = z
	.object({
		$schema: z.string().optional().describe('the JSON Schema this file follows (for editors)'),
		title: z.string().optional().describe('a short title the console shows'),
		description: z.string().optional().describe('one paragraph: what this scenario teaches'),
		vm: z
			.object({
				memory: size('VM memory', '"4GiB"').optional(),
				vcpus: whole('the guest\'s vCPUs, 1 to 64 (default: the workload\'s)').optional(),
				pageSize: size('host page size: 4KiB, 2MiB or 1GiB (the engine\'s pages stay 4 KiB)', '"2MiB"').optional(),
				cpuState: size('CPU and device state', '"110000B"').optional(),
				switchoverCost: time('fixed cost of pausing and resuming the VM').optional(),
				nonPageable: unit((v) => parseSize(v, {allowZero: true}), '"64MiB"', 'post-copy: memory that cannot fault, sent while paused at the switch (Hines\'s pseudo-paging); above 0, unballooned free memory too').optional(),
				freeMemory: share('share of memory that is free').optional(),
				zeroMemory: share('share of memory in zero pages').optional(),
			})
			.strict()
			.optional(),
		link: z
			.object({
				bandwidth: rate('link bandwidth').optional(),
				rtt: time('round-trip time').optional(),
				channelBuffer: size('bytes queued in the socket ahead of anything new at link speed', '"4MiB"').optional(),
				failure: z
					.object({
						at: time('when the link fails (simulated time)'),
						for: z.union([time('how long it stays down'), z.literal('forever')]).optional(),
					})
					.strict()
					.optional(),
			})
			.strict()
			.optional(),
		workload: z
			.object({
				kind: z.enum(workloadKinds).optional(),
				dirtyRate: count('page writes per second').optional(),
				readRate: count('page reads per second').optional(),
				wss: size('working set or swept region').optional(),
				trace: z.string().optional().describe('trace file, relative to this file (kind "trace")'),
				traceLoop: z.boolean().optional(),
			})
			.strict()
			.optional(),
		algorithms: z.array(z.enum(algorithms)).min(1).optional(),
		precopy: z
			.object({
				policy: z.enum(precopyPolicies).optional(),
				maxRounds: whole('xen: live rounds at most').optional(),
				cancelAfter: unit((v) => (v === 'never' ? null : parseDuration(v)), '"60s" or "never"', 'cancel a migration not switched over by then').optional(),
				downtimeLimit: time('qemu downtime limit').optional(),
				autoConverge: z.boolean().optional(),
				rateLimit: z.boolean().optional(),
				maxBandwidth: cap('qemu: the migration stream\'s cap in live rounds').optional(),
			})
			.strict()
			.optional(),
		postcopy: z
			.object({
				prepaging: z.boolean().optional(),
				pushOrder: z.enum(pushOrders).optional(),
				faultAround: whole('pages a fault asks for around it, a power of two 1 to 512 (default 1)').optional(),
				preempt: z.boolean().optional(),
				balloon: z.boolean().optional(),
				recovery: z.boolean().optional(),
				maxBandwidth: cap('the stream\'s cap after the switch to post-copy').optional(),
				placeRate: count('pages the destination places per second after the switch').optional(),
			})
			.strict()
			.optional(),
		hybrid: z.object({precopyRounds: whole('pre-copy rounds before post-copy').optional()}).strict().optional(),
		seed: z.number().int().nonnegative().optional(),
		speed: z.number().positive().optional().describe('console speed: simulated time per wall second'),
		demo: demoSchema.optional().describe('a scripted demo: `livemig demo` plays it, `livemig record` records it'),
	})
	.strict();

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type TimelineStep = z.infer<typeof timelineStepSchema>;

/** The JSON Schema of the format, for editors (`livemig schema`). */
export function scenarioJsonSchema(): unknown {
	return {
		...z.toJSONSchema(scenarioFileSchema, {unrepresentable: 'any'}),
		title: 'livemig scenario',
		$id: 'https://livemig.dev/scenario.schema.json',
	};
}
