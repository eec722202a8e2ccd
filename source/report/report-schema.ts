import {z} from 'zod';

// The JSON report's shape, checked in tests and printed for users who script against it.

const round = z.object({
	index: z.number().int().nonnegative(),
	kind: z.enum(['live', 'stop-and-copy', 'push']),
	startMs: z.number().nonnegative(),
	durationMs: z.number().nonnegative(),
	pagesToSend: z.number().int().nonnegative(),
	pagesSent: z.number().int().nonnegative(),
	pagesSkipped: z.number().int().nonnegative(),
	pagesDirtied: z.number().int().nonnegative(),
	bytesSent: z.number().int().nonnegative(),
	zeroPages: z.number().int().nonnegative(),
	rateBitsPerSec: z.number().positive(),
});

const qemu = z.object({
	status: z.enum(['completed', 'cancelled', 'failed']),
	'total-time': z.number().int().nonnegative(),
	downtime: z.number().int().nonnegative(),
	'setup-time': z.number().int().nonnegative(),
	'expected-downtime': z.number().int().nonnegative(),
	'cpu-throttle-percentage': z.number().int().min(0).max(99),
	ram: z.object({
		transferred: z.number().int().nonnegative(),
		remaining: z.number().int().nonnegative(),
		total: z.number().int().positive(),
		duplicate: z.number().int().nonnegative(),
		normal: z.number().int().nonnegative(),
		'normal-bytes': z.number().int().nonnegative(),
		'dirty-pages-rate': z.number().int().nonnegative(),
		mbps: z.number().nonnegative(),
		'dirty-sync-count': z.number().int().nonnegative(),
		'postcopy-requests': z.number().int().nonnegative(),
		'pages-per-second': z.number().int().nonnegative(),
	}),
});

export const resultSchema = z.object({
	algorithm: z.enum(['precopy', 'postcopy', 'hybrid']),
	policy: z.string(),
	outcome: z.enum(['completed', 'aborted', 'cancelled', 'vm-lost']),
	reason: z.string(),
	totalTimeMs: z.number().nonnegative(),
	downtimeMs: z.number().nonnegative(),
	pagesTransferred: z.number().int().nonnegative(),
	bytesTransferred: z.number().int().nonnegative(),
	networkFaults: z.number().int().nonnegative(),
	degradationMs: z.number().nonnegative(),
	verified: z.boolean(),
	stallMs: z.number().nonnegative(),
	throttledMs: z.number().nonnegative(),
	postcopyPausedMs: z.number().nonnegative(),
	zeroPages: z.number().int().nonnegative(),
	normalPages: z.number().int().nonnegative(),
	cpuStateBytes: z.number().int().nonnegative(),
	faultBytes: z.number().int().nonnegative(),
	pagesPushed: z.number().int().nonnegative(),
	pagesPrepaged: z.number().int().nonnegative(),
	pagesOnDemand: z.number().int().nonnegative(),
	pagesBallooned: z.number().int().nonnegative(),
	maxThrottlePercent: z.number().int().min(0).max(99),
	expectedDowntimeMs: z.number().nonnegative(),
	dirtySyncCount: z.number().int().nonnegative(),
	dirtyRate: z.number().nonnegative(),
	remainingPages: z.number().int().nonnegative(),
	split: z.object({pagesAtTarget: z.number().int(), pagesOnlyAtSource: z.number().int()}).nullable(),
	rounds: z.array(round),
	qemu,
});

export const reportSchema = z.object({
	scenario: z
		.object({
			memoryBytes: z.number().int().positive(),
			pageSizeBytes: z.number().int().positive(),
			bandwidthBitsPerSec: z.number().positive(),
			rttMs: z.number().nonnegative(),
			workload: z.object({kind: z.string()}).passthrough(),
			seed: z.number().int().nonnegative(),
		})
		.passthrough(),
	results: z.array(resultSchema).min(1),
});
