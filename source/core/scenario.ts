// The resolved scenario: plain data, no units left. Everything the engine needs to be
// reproducible is here, the seed included.

export const algorithms = ['precopy', 'postcopy', 'hybrid'] as const;
export type Algorithm = (typeof algorithms)[number];

export const workloadKinds = [
	'idle',
	'uniform',
	'hotspot',
	'sequential',
	'web',
	'game',
	'kernel-compile',
	'hpc',
	'mmuncher',
	'trace',
] as const;
export type WorkloadKind = (typeof workloadKinds)[number];

/** The access generator a workload kind resolves to. */
export const workloadPatterns = ['idle', 'uniform', 'hotspot', 'sequential', 'trace'] as const;
export type WorkloadPattern = (typeof workloadPatterns)[number];

export interface WorkloadSpec {
	kind: WorkloadKind;
	pattern: WorkloadPattern;
	/** Page writes per second of the VM's own time. */
	writeRate: number;
	/** Page reads per second of the VM's own time (they matter to post-copy only). */
	readRate: number;
	/** The hot writable working set (hotspot) or the swept region (sequential), bytes. */
	wssBytes: number;
	/** Share of accesses that land in the working set (hotspot); the rest spread over memory. */
	hotShare: number;
	/** Consecutive pages touched per access (spatial locality, which pre-paging exploits). */
	burstPages: number;
	/** The working set is split into this many extents spread over memory. */
	hotExtents: number;
}

/** A recorded access log, already parsed: times in the VM's own ms, ascending. */
export interface TraceData {
	writeTimes: Float64Array;
	writePages: Uint32Array;
	readTimes: Float64Array;
	readPages: Uint32Array;
	/** Repeat the trace when it ends (otherwise the VM idles). */
	loop: boolean;
	/** Length of one pass (for looping), ms of VM time. */
	durationMs: number;
}

export interface LinkFailure {
	atMs: number;
	/** null: the link never comes back. */
	forMs: number | null;
}

export const precopyPolicies = ['xen', 'xen-today', 'qemu'] as const;
/** xen: Clark's and Xen's legacy loop; xen-today: Xen's simple_precopy_policy; qemu: QEMU's. */
export type PrecopyPolicy = (typeof precopyPolicies)[number];

/**
 * How post-copy's background push orders the pages it sends.
 * - qemu: in address order, and after each page a fault asked for, on forward from it
 *   (QEMU's ram_find_and_save_block, migration/ram.c);
 * - bubble: Hines & Gopalan's pre-paging: outward from the latest fault, one side then the other;
 * - linear: in address order, deaf to faults (Hines's "push only").
 */
export const pushOrders = ['qemu', 'bubble', 'linear'] as const;
export type PushOrder = (typeof pushOrders)[number];

export interface Scenario {
	memoryBytes: number;
	/**
	 * The guest's vCPUs, each an access stream of its own at 1/vcpus of the workload's rates
	 * (vcpus.ts). Absent means one: a scenario, and so a report, without the field is the
	 * one-stream model it always was.
	 */
	vcpus?: number;
	/**
	 * The host page size, bytes: 4 KiB, 2 MiB or 1 GiB (x86's). The engine's pages are always
	 * TARGET_PAGE_BYTES; memory, rates and working sets count those, and the dirty log keeps
	 * them. Only post-copy sees the host page: it places whole host pages (fault-group.ts).
	 */
	pageSizeBytes: number;
	/** CPU and device state (non-RAM), sent while the VM is paused. */
	cpuStateBytes: number;
	/**
	 * The pause's fixed part, ms: stopping the vCPUs and devices at the source, loading the
	 * state and resuming at the target, beyond the bytes it sends and the round trip.
	 */
	switchoverCostMs: number;
	/**
	 * Non-pageable guest memory, bytes (kernel memory, pinned pages), sent while the VM is
	 * paused at post-copy's switch, before the CPU state: Hines & Gopalan trap faults by
	 * pseudo-paging (VEE'09 §4.1), which swaps out only pageable memory. Above 0, the guest's
	 * free pages are non-pageable too unless ballooned (their §5.1). 0: every page can fault
	 * (QEMU's userfaultfd).
	 */
	nonPageableBytes: number;
	/** Share of memory that is free (dynamic self-ballooning can skip it). */
	freeFraction: number;
	/** Share of memory that holds zero pages (sent as a header only). */
	zeroFraction: number;
	bandwidthBitsPerSec: number;
	rttMs: number;
	/**
	 * Bytes the migration channel holds ahead of anything new while the stream runs at the
	 * link's speed (the sender's socket buffer): a page a post-copy fault asks for, or the
	 * state at the switch, lands behind them. A stream held below the link leaves it empty.
	 */
	channelBufferBytes: number;
	linkFailure: LinkFailure | null;
	workload: WorkloadSpec;
	seed: number;
	precopy: {
		policy: PrecopyPolicy;
		/** Xen's legacy loop: live rounds at most, then stop-and-copy. */
		maxRounds: number;
		downtimeLimitMs: number;
		autoConverge: boolean;
		rateLimit: boolean;
		/**
		 * QEMU's `max-bandwidth`: the migration stream's cap during live rounds, bits/s (null:
		 * unlimited). The link is `bandwidthBitsPerSec`; live rounds send at the lower of the two.
		 */
		maxBandwidthBitsPerSec: number | null;
		/**
		 * A migration not switched over by this time is cancelled and the VM stays at the
		 * source (virsh's job abort, KubeVirt's completion timeout); null: never.
		 */
		cancelAfterMs: number | null;
	};
	postcopy: {
		pushOrder: PushOrder;
		/**
		 * QEMU's postcopy-preempt (7.1+): pages a fault asks for go on a channel of their own,
		 * not behind the background stream's queued bytes.
		 */
		preempt: boolean;
		balloon: boolean;
		recovery: boolean;
		/** QEMU's `max-postcopy-bandwidth`: the cap after the switch to post-copy, bits/s (null: unlimited, QEMU's 0). */
		maxBandwidthBitsPerSec: number | null;
		/**
		 * Pages with data the destination places per second after the switch (absent: no
		 * limit). QEMU's ram_load_postcopy (migration/ram.c) places each host page with one
		 * userfaultfd ioctl on the thread that reads the stream: UFFDIO_COPY allocates a page and
		 * copies into it, so on a fast link that, not the bytes, paces post-copy; a 4 KiB zero
		 * page is UFFDIO_ZEROPAGE, which maps the kernel's shared zero page and costs next to
		 * nothing. `npm run validate` measures it (docs/validation.md).
		 */
		placeRate?: number;
		/**
		 * Fault-around: a fault also asks for the aligned group of this many pages around it
		 * (fault-group.ts). Absent means 1 (off): a scenario, and so a report, without the field
		 * faults one page (one host page) at a time, as it always did.
		 */
		faultAroundPages?: number;
	};
	hybrid: {
		precopyRounds: number;
	};
	/** Not part of the model: the CLI attaches parsed trace arrays here. */
	trace?: TraceData;
}

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/**
 * The engine's page: QEMU's TARGET_PAGE_SIZE on x86 (4 KiB), the unit of the dirty log (KVM
 * logs dirty memory at 4 KiB, splitting huge pages while logging) and of each page QEMU
 * sends (ram_save_target_page, migration/ram.c). The host page (Scenario.pageSizeBytes) is a
 * whole number of them.
 */
export const TARGET_PAGE_BYTES = 4096;

/** The host page sizes a scenario may give: x86's 4 KiB, 2 MiB and 1 GiB pages. */
export const HOST_PAGE_SIZES = [4 * 1024, 2 * 1024 * 1024, 1024 * 1024 * 1024] as const;

/** The largest VM the model takes: page indices must fit 32 bits. */
export const MAX_PAGES = 2 ** 31;

/** A week of simulated time: past it, something is wrong with the scenario, so the engine gives up. */
export const SIM_TIME_LIMIT_MS = 7 * 24 * 3600 * 1000;

/** Bytes of header QEMU puts before each page (address and flags). */
export const PAGE_HEADER_BYTES = 8;

/** A zero page on the wire: its header and one byte of fill (QEMU's save_zero_page, migration/ram.c). */
export const ZERO_PAGE_BYTES = PAGE_HEADER_BYTES + 1;

/**
 * CPU and device state: about 110 KB of non-RAM state was measured from QEMU 7.2 with its
 * default devices on a 128 MiB guest (issue 10). It grows with the devices configured, not
 * with memory; give --cpu-state for a machine with more.
 */
export const DEVICE_STATE_BYTES = 110_000;

/**
 * The pause's fixed cost by pre-copy loop, ms.
 * - xen: Clark et al. 2005 (Figs. 10-11 and 9): Quake 3's 60 ms downtime was 20 ms to copy
 *   148 KB (about 1 ms at the gigabit line rate) plus 40 ms of start-up; SPECweb's 210 ms
 *   was 201 ms for 18.2 MB (146 ms at line rate) plus 9 ms. Both leave ~60 ms beyond the
 *   bytes: suspending the domain, the final page-table work, resuming it at the target.
 *   Today's Xen has no published figure of its own, so it keeps Clark's.
 * - qemu: vm_stop_force_state (stop the vCPUs, drain and flush block devices), the device
 *   state's save and load, vm_start at the target (migration/migration.c,
 *   migration_completion; migration/savevm.c). QEMU 7.2 on loopback paused 5-26 ms with
 *   almost nothing left to send (issue 10): 5 ms is that floor, the cost without the pages.
 */
export const SWITCHOVER_COST_MS: Record<PrecopyPolicy, number> = {xen: 60, 'xen-today': 60, qemu: 5};

/**
 * The channel's buffer by hypervisor, bytes: the TCP send buffer a saturated stream fills,
 * which Linux autotunes up to net.ipv4.tcp_wmem's max. Clark's Xen ran on Linux 2.6, whose
 * default max was 128 KiB; today's Linux has 4 MiB, which QEMU 7.2 here filled to 3.3-4.1 MiB
 * (ss's Send-Q on the source's socket, sampled each 100 ms: validate/netns.ts).
 */
export const CHANNEL_BUFFER_BYTES: Record<PrecopyPolicy, number> = {xen: 128 * 1024, 'xen-today': 4 * 1024 * 1024, qemu: 4 * 1024 * 1024};

/**
 * The channel's buffer once post-copy runs, by hypervisor, bytes (null: the channel's own,
 * channelBufferBytes).
 * - xen, xen-today: Hines & Gopalan's post-copy pushes over MemX's RMAP, "a customized and
 *   lightweight remote memory access protocol ... directly above the network device driver"
 *   (VEE'09 §4.1), not TCP; on a fault the source "purge[s] the transmission queue and
 *   transmit[s] the faulted page immediately" (§3.2, Fig. 2). So no queue builds ahead of a
 *   faulted page: the push hands the link a page only when it is free, and a fault waits at
 *   most for the page on the wire.
 * - qemu: the same TCP socket as pre-copy; a requested page waits behind what it holds
 *   (without postcopy-preempt).
 */
export const POSTCOPY_BUFFER_BYTES: Record<PrecopyPolicy, number | null> = {xen: 0, 'xen-today': 0, qemu: null};

/** The channel's buffer in post-copy (POSTCOPY_BUFFER_BYTES). */
export function postcopyBufferOf(s: Scenario): number {
	return POSTCOPY_BUFFER_BYTES[s.precopy.policy] ?? s.channelBufferBytes;
}

/**
 * Non-pageable memory by hypervisor, bytes (see Scenario.nonPageableBytes).
 * - xen, xen-today: the post-copy is Hines & Gopalan's (VEE'09), whose pseudo-paging sends
 *   non-pageable memory during the downtime: 600 ms to just over 1 s on their 2 GiB guest
 *   with dynamic self-ballooning, at gigabit (§5.1, Fig. 5). The low end, less the 60 ms
 *   switch-over cost, is 540 ms at line rate: about 64 MiB (64 MiB + headers over 1 Gbit/s is
 *   538 ms). The guest's size barely matters: their 512 MB guests paused 1.1-1.8 s (Fig. 15).
 * - qemu: postcopy-ram traps every page with userfaultfd; nothing moves at the switch but the
 *   device state (migration/postcopy-ram.c).
 */
export const NON_PAGEABLE_BYTES: Record<PrecopyPolicy, number> = {xen: 64 * MiB, 'xen-today': 64 * MiB, qemu: 0};

/**
 * Fault-around by hypervisor, pages (see Scenario.postcopy.faultAroundPages). QEMU's
 * userfaultfd asks for the faulting (host) page only (postcopy_request_page,
 * migration/postcopy-ram.c). Hines & Gopalan's post-copy (the xen policies' model) trapped
 * faults by pseudo-paging, so each went through the guest's swap-in path, which reads ahead
 * the aligned cluster of 2^page_cluster pages around it (VEE'09 §4.1; Linux 2.6.18
 * swapin_readahead and valid_swaphandles, mm/swap_state.c and mm/swapfile.c, page_cluster 3
 * by default): 8.
 */
export const FAULT_AROUND_PAGES: Record<PrecopyPolicy, number> = {xen: 8, 'xen-today': 8, qemu: 1};

/** The largest fault-around group: Linux's page-cluster tops out near here, and a 2 MiB host page is 512 pages. */
export const MAX_FAULT_AROUND_PAGES = 512;

/** The push order by hypervisor: QEMU's own; Xen's post-copy is Hines's, with pre-paging. */
export const PUSH_ORDER: Record<PrecopyPolicy, PushOrder> = {xen: 'bubble', 'xen-today': 'bubble', qemu: 'qemu'};

/**
 * Xen's legacy loop: DEF_MAX_ITERS 29 (tools/libxc/xc_domain_save.c, "limit us to 30 times
 * round loop"): 29 live iterations, the 30th is the last, with the domain suspended.
 */
export const XEN_MAX_ITERS = 29;

/** QEMU's default `max-bandwidth`, MAX_THROTTLE (128 << 20) bytes/s (migration/options.c), in bits/s. */
export const QEMU_MAX_BANDWIDTH_BITS = (128 << 20) * 8;

export function defaultScenario(): Scenario {
	return {
		memoryBytes: 4 * GiB,
		pageSizeBytes: 4 * KiB,
		cpuStateBytes: DEVICE_STATE_BYTES,
		switchoverCostMs: SWITCHOVER_COST_MS.xen,
		// Every page pageable: the mechanisms' tests start from here. The CLI gives each
		// policy its own (NON_PAGEABLE_BYTES, config/resolve.ts).
		nonPageableBytes: 0,
		freeFraction: 0,
		zeroFraction: 0,
		bandwidthBitsPerSec: 1e9,
		rttMs: 1,
		channelBufferBytes: CHANNEL_BUFFER_BYTES.xen,
		linkFailure: null,
		workload: {
			kind: 'hotspot',
			pattern: 'hotspot',
			writeRate: 20000,
			readRate: 40000,
			wssBytes: 256 * MiB,
			hotShare: 0.9,
			burstPages: 4,
			hotExtents: 4,
		},
		seed: 42,
		precopy: {policy: 'xen', maxRounds: XEN_MAX_ITERS, downtimeLimitMs: 300, autoConverge: false, rateLimit: false, maxBandwidthBitsPerSec: null, cancelAfterMs: null},
		postcopy: {pushOrder: PUSH_ORDER.xen, preempt: false, balloon: false, recovery: true, maxBandwidthBitsPerSec: null},
		hybrid: {precopyRounds: 1},
	};
}

/** The most vCPUs a scenario may give (QEMU's and Xen's guests go higher; the merge's cost grows with them). */
export const MAX_VCPUS = 64;

/** The scenario's vCPUs (absent: one). */
export function vcpusOf(s: Scenario): number {
	return s.vcpus ?? 1;
}

/** The engine's pages (TARGET_PAGE_BYTES each), whatever the host page size. */
export function pageCount(s: Scenario): number {
	return Math.floor(s.memoryBytes / TARGET_PAGE_BYTES);
}

/** Engine pages per host page (1, 512 or 262144). */
export function hostPagePages(s: Scenario): number {
	return Math.max(1, Math.floor(s.pageSizeBytes / TARGET_PAGE_BYTES));
}

/** The fault-around group, pages (absent: 1). */
export function faultAroundOf(s: Scenario): number {
	return s.postcopy.faultAroundPages ?? 1;
}

/** Link throughput in bytes per simulated ms. */
export function bytesPerMs(s: Scenario): number {
	return s.bandwidthBitsPerSec / 8 / 1000;
}

/** The live rounds' send rate, bytes/ms: the link, or the migration stream's cap if lower. */
export function liveBytesPerMs(s: Scenario): number {
	const cap = s.precopy.maxBandwidthBitsPerSec;
	return cap == null ? bytesPerMs(s) : Math.min(bytesPerMs(s), cap / 8 / 1000);
}

/** The destination's time to place one page in post-copy, ms (0: no limit). */
export function placeMsOf(s: Scenario): number {
	const r = s.postcopy.placeRate;
	return r === undefined ? 0 : 1000 / r;
}

/** Post-copy's push rate, bytes/ms: the link, or `max-postcopy-bandwidth` if lower. */
export function postcopyBytesPerMs(s: Scenario): number {
	const cap = s.postcopy.maxBandwidthBitsPerSec;
	return cap == null ? bytesPerMs(s) : Math.min(bytesPerMs(s), cap / 8 / 1000);
}
