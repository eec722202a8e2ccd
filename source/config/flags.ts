// The flags more than one command reads, each defined once: what makes a scenario, which
// algorithms, the console's, --json, and --help and --version, which go with any command. A
// command lists the flags it reads and adds its own (commands/*.ts); the command table
// (cli/command-table.ts) makes meow's definitions, the unknown-flag check and --help from
// those lists, and the resolver reads its defaults here.

export interface FlagSpec {
	name: string; // kebab-case, as typed
	type: 'string' | 'boolean';
	/** Shown in help; booleans default to false unless given. */
	default?: string | boolean;
	value?: string; // placeholder in help, e.g. SIZE
	help: string;
	group: 'vm' | 'link' | 'workload' | 'precopy' | 'postcopy' | 'run' | 'console' | 'output';
	short?: string;
}

/** What a scenario is made of: the VM, the link, the workload, pre-copy's and post-copy's settings. */
export const scenarioFlags: readonly FlagSpec[] = [
	{name: 'memory', type: 'string', default: '4GiB', value: 'SIZE', help: 'VM memory', group: 'vm'},
	{name: 'vcpus', type: 'string', value: 'N', help: 'the guest\'s vCPUs, 1 to 64: each runs its share of the workload and stalls alone on a post-copy fault (default: the workload\'s, 2 for web and kernel-compile as Hines\'s guests, else 1)', group: 'vm'},
	{name: 'page-size', type: 'string', default: '4KiB', value: 'SIZE', help: 'host page size: 4KiB, 2MiB or 1GiB (huge pages); rates, sizes and the dirty log stay in 4 KiB pages, post-copy moves whole host pages', group: 'vm'},
	{name: 'cpu-state', type: 'string', default: '110000B', value: 'SIZE', help: 'CPU and device state sent at the switch (QEMU\'s default devices: ~110 KB)', group: 'vm'},
	{name: 'switchover-cost', type: 'string', value: 'TIME', help: 'fixed cost of pausing and resuming the VM (default: xen 60ms, as Clark measured; qemu 5ms)', group: 'vm'},
	{name: 'non-pageable', type: 'string', value: 'SIZE', help: 'post-copy: guest memory that cannot fault, sent while paused at the switch; above 0, unballooned free memory too (Hines\'s pseudo-paging; default: xen, xen-today 64MiB; qemu 0, userfaultfd)', group: 'vm'},
	{name: 'free-memory', type: 'string', default: '0%', value: 'SHARE', help: 'share of memory that is free (ballooning skips it)', group: 'vm'},
	{name: 'zero-memory', type: 'string', default: '0%', value: 'SHARE', help: 'share of memory in zero pages (sent as a header)', group: 'vm'},
	{name: 'bandwidth', type: 'string', default: '1Gbit/s', value: 'RATE', help: 'link bandwidth', group: 'link'},
	{name: 'rtt', type: 'string', default: '1ms', value: 'TIME', help: 'link round-trip time', group: 'link'},
	{name: 'channel-buffer', type: 'string', value: 'SIZE', help: 'bytes queued in the socket ahead of anything new while the stream runs at link speed (default: qemu, xen-today 4MiB, today\'s Linux tcp_wmem max; xen 128KiB, Linux 2.6\'s)', group: 'link'},
	{name: 'link-down-at', type: 'string', value: 'TIME', help: 'the link fails at this simulated time', group: 'link'},
	{name: 'link-down-for', type: 'string', value: 'TIME', help: 'and comes back after this long (default: never)', group: 'link'},
	{name: 'workload', type: 'string', default: 'hotspot', value: 'NAME', help: 'idle, uniform, hotspot, sequential, web, game, kernel-compile, hpc, mmuncher, trace', group: 'workload'},
	{name: 'dirty-rate', type: 'string', value: 'PAGES/S', help: 'page writes per second (default: the workload\'s)', group: 'workload'},
	{name: 'read-rate', type: 'string', value: 'PAGES/S', help: 'page reads per second (default: the workload\'s)', group: 'workload'},
	{name: 'wss', type: 'string', value: 'SIZE', help: 'writable working set or swept region (default: the workload\'s)', group: 'workload'},
	{name: 'seed', type: 'string', default: '42', value: 'N', help: 'seed of every random choice (0 to 4294967295)', group: 'workload'},
	{name: 'trace', type: 'string', value: 'FILE', help: 'access trace to replay (with --workload trace)', group: 'workload'},
	{name: 'trace-loop', type: 'boolean', help: 'repeat the trace when it ends (otherwise the VM idles)', group: 'workload'},
	{name: 'policy', type: 'string', default: 'xen', value: 'xen|xen-today|qemu', help: 'pre-copy loop: Xen\'s legacy one, today\'s Xen (5 iterations, 50 pages), QEMU\'s', group: 'precopy'},
	{name: 'max-rounds', type: 'string', default: '29', value: 'N', help: 'xen: live rounds at most, then the last, up to 1000 (Xen\'s DEF_MAX_ITERS 29)', group: 'precopy'},
	{name: 'cancel-after', type: 'string', value: 'TIME', help: 'cancel a migration not switched over by then; the VM stays (default qemu: 800s per GiB, as Nova and KubeVirt; never)', group: 'precopy'},
	{name: 'downtime-limit', type: 'string', default: '300ms', value: 'TIME', help: 'qemu: stop when the rest fits in this', group: 'precopy'},
	{name: 'auto-converge', type: 'boolean', help: 'qemu: throttle the vCPU when dirtying outpaces sending', group: 'precopy'},
	{name: 'max-bandwidth', type: 'string', value: 'RATE', help: 'qemu: cap of the migration stream in live rounds, lifted for the stop-and-copy (default 128MiB/s as QEMU; unlimited)', group: 'precopy'},
	{name: 'rate-limit', type: 'boolean', help: 'xen: dynamic rate limiting (100 Mbit/s, +50 per round, at most 500)', group: 'precopy'},
	{name: 'prepaging', type: 'boolean', default: true, help: 'post-copy: push pages around the latest fault first (--no-prepaging)', group: 'postcopy'},
	{name: 'push-order', type: 'string', value: 'qemu|bubble|linear', help: 'post-copy: the background push\'s order: on from each requested page (QEMU), outward from the latest fault (Hines), address order (default: qemu for --policy qemu, else bubble; --no-prepaging: linear)', group: 'postcopy'},
	{name: 'postcopy-preempt', type: 'boolean', help: 'post-copy: requested pages on a channel of their own, not behind the queued stream (QEMU 7.1+ postcopy-preempt)', group: 'postcopy'},
	{name: 'fault-around', type: 'string', value: 'PAGES', help: 'post-copy: a fault also asks for the aligned group of PAGES 4 KiB pages around it, a power of two 1 to 512 (default: xen, xen-today 8, Linux swap readahead as Hines\'s guest had; qemu 1, off)', group: 'postcopy'},
	{name: 'balloon', type: 'boolean', help: 'dynamic self-ballooning: free pages are not sent', group: 'postcopy'},
	{name: 'postcopy-recovery', type: 'boolean', default: true, help: 'post-copy pauses and recovers when the link fails (--no-postcopy-recovery: the VM is lost)', group: 'postcopy'},
	{name: 'max-postcopy-bandwidth', type: 'string', value: 'RATE', help: 'cap of the stream after the switch to post-copy (default unlimited, as QEMU)', group: 'postcopy'},
	{name: 'postcopy-place-rate', type: 'string', value: 'PAGES/S', help: 'pages with data the destination places per second after the switch (QEMU: one UFFDIO_COPY each; zero pages are mapped, not copied; default no limit)', group: 'postcopy'},
	{name: 'precopy-rounds', type: 'string', default: '1', value: 'N', help: 'hybrid: pre-copy rounds before post-copy', group: 'postcopy'},
];

export const algorithmsFlag: FlagSpec = {name: 'algorithms', type: 'string', default: 'precopy,postcopy', value: 'LIST', help: 'which to race: precopy, postcopy, hybrid', group: 'run'};
export const scenarioFileFlag: FlagSpec = {name: 'scenario', type: 'string', value: 'FILE|NAME', help: 'load a scenario file or a shipped scenario; flags override it', group: 'run'};

export const consoleFlags: readonly FlagSpec[] = [
	{name: 'speed', type: 'string', value: 'X', help: 'console: simulated time per wall second (default: the race lasts ~30 s)', group: 'console'},
	{name: 'fps', type: 'string', default: '30', value: 'N', help: 'console: frames per second at most', group: 'console'},
	{name: 'color', type: 'boolean', default: true, help: 'colour (--no-color, or NO_COLOR in the environment, turns it off)', group: 'console'},
	{name: 'theme', type: 'string', value: 'dark|light|mono', help: 'console colours for a dark or light background, or none (default: LIVEMIG_THEME, else the background COLORFGBG names, else dark)', group: 'console'},
	{name: 'ascii', type: 'boolean', help: 'ASCII glyphs only (automatic when the locale is not UTF-8)', group: 'console'},
];

export const jsonFlag: FlagSpec = {name: 'json', type: 'boolean', help: 'print the JSON report and exit', group: 'output'};

/** The file trace, record and snapshot write. */
export const outFlag: FlagSpec = {name: 'out', type: 'string', value: 'FILE', help: 'trace, record, snapshot: the file to write (a trace ending in .gz is gzipped; - is stdout)', group: 'output'};

/** The virtual terminal record and snapshot render the console in. */
export const frameSizeFlags: readonly FlagSpec[] = [
	{name: 'cols', type: 'string', value: 'N', help: 'record, snapshot: terminal width (default: the demo\'s, else 100)', group: 'output'},
	{name: 'rows', type: 'string', value: 'N', help: 'record, snapshot: terminal height (default: the demo\'s, else 30)', group: 'output'},
];

/** Every command takes these. */
export const globalFlags: readonly FlagSpec[] = [
	{name: 'help', type: 'boolean', short: 'h', help: 'show this help', group: 'output'},
	{name: 'version', type: 'boolean', short: 'v', help: 'show the version', group: 'output'},
];

/** The flags above in the order --help lists them; the commands' own flags follow them there. */
export const sharedFlags: readonly FlagSpec[] = [...scenarioFlags, algorithmsFlag, scenarioFileFlag, ...consoleFlags, jsonFlag, ...globalFlags];

/** Shared flags by name, in the order given; a name that is not one is a mistake in a command's list. */
export function flagsNamed(...names: string[]): FlagSpec[] {
	return names.map((name) => {
		const spec = sharedFlags.find((f) => f.name === name);
		if (!spec) throw new Error(`no shared flag --${name}`);
		return spec;
	});
}
