// docs/validation.md: the table a full `npm run validate` produced, with when, where and how
// to read it. Pure: the caller gathers the facts and writes the file.
import type {Case} from './cases.js';
import {guestCommandLine} from './guest.js';
import {formatMarkdown, type Row} from './table.js';

export interface HostFacts {
	date: string;
	qemuVersion: string;
	cpu: string;
	cores: number;
	kernel: string;
	hwVirt: boolean;
	loadBefore: string;
	loadAfter: string;
	durationS: number;
	/** The calibration run's rate on the unshaped loopback, bytes/s: livemig's --bandwidth there. */
	linkBytesPerSec: number;
	/** The post-copy calibration's pages placed per second: livemig's --postcopy-place-rate. */
	placePagesPerSec: number | null;
}

export function validationDoc(h: HostFacts, rows: Row[], used: Array<{c: Case; args: string[]; rates: string}>, head: string[]): string {
	const caseLines = used.map(({c, args, rates}) => {
		const link = c.linkMiBps === null ? 'veth link' : `veth link shaped to ${c.linkMiBps} MiB/s (tbf)`;
		const qemu =
			`${c.mode}, ${c.memoryMiB} MiB, max-bandwidth ${c.maxBandwidthMiBps} MiB/s, ${link}, downtime-limit ${c.downtimeLimitMs} ms` +
			`${c.autoConverge ? ', auto-converge' : ''}, cancel after ${c.cancelAfterS} s, ${c.runs} run(s)`;
		return [
			`- **${c.name}**: ${c.what}.`,
			`  QEMU: ${qemu}; guest \`${guestCommandLine(c.guest)}\`; writes/s ${rates}.`,
			`  livemig: \`livemig ${args.map((a) => (a.endsWith('.trace') ? 'guest.trace' : a)).join(' ')}\``,
		].join('\n');
	});
	return `# Validation against real QEMU

Produced by \`npm run validate\` on ${h.date}, in ${Math.round(h.durationS)} s.

- QEMU ${h.qemuVersion}, \`-accel tcg\` (${h.hwVirt ? 'vmx/svm present' : 'no vmx/svm: /dev/kvm here is nested software virtualization'}), source and destination on one host.
- Host: ${h.cpu}, ${h.cores} cores, Linux ${h.kernel}; load average before ${h.loadBefore}, after ${h.loadAfter}.
- The migration stream runs over a veth pair between two private network namespaces
  (\`ip netns\`), one per QEMU; the shaped cases put a \`tc tbf\` qdisc on the source's end, so
  only the source -> destination direction is shaped (post-copy's page requests and the ACKs
  come back unshaped, as on a full-duplex link). "wire" bytes are the pair's tx counters:
  TCP payload and headers, both directions (ACKs included), device state included.
- The link's rate as a stop-and-copy sees it, measured first (an idle guest whose filled
  memory QEMU sends almost whole while it is paused: RAM bytes over the pause):
  ${(h.linkBytesPerSec / 1024 / 1024).toFixed(0)} MiB/s. That is livemig's \`--bandwidth\` (the link) in the unshaped cases.
- post-copy's placing rate, measured second (an idle guest post-copied from the start, which
  hardly faults: the pages with data sent over the post-copy phase, the median of three runs):
  ${h.placePagesPerSec === null ? 'not measured in this run' : `${Math.round(h.placePagesPerSec)} pages/s`}. After the switch the destination places each page with data
  with \`UFFDIO_COPY\` (ram_load_postcopy, migration/ram.c) into memory it has not touched
  yet, on the thread that reads the stream, slower than the link; a zero page is
  \`UFFDIO_ZEROPAGE\`, which only maps the shared zero page. It is livemig's
  \`--postcopy-place-rate\` in every case with post-copy.

${head.join('\n')}

## How to read this

Each case ran on real QEMU, and each run through livemig with the same memory, cap, downtime
limit and the guest's exact writes: a trace of its page sequence at the write rate that run's
guest really achieved while it migrated (on this host the migration threads take CPU from the
guest, which then writes slower than before, and differently each run), or before it for
auto-converge (whose throttle livemig applies itself) and post-copy from the start (whose
source stops at once). Both columns are medians over the runs, with the band min..max
when there were several. *error* is livemig's median relative to QEMU's. The guest's pause is measured from the source's \`STOP\` to
the destination's \`RESUME\` (QMP timestamps); QEMU's own \`downtime\` is shown beside it.
"live passes" are the passes QEMU sent wholly while the guest ran: QEMU 7.2 sends
\`MIGRATION_PASS\` from every dirty-log sync, the setup sync included, and each sync starts a
pass, so of the S events before \`STOP\` the first S-1 passes ran live and the one the last
sync started went after \`STOP\` (all S in a cancelled run, which never stops); livemig's live
rounds are compared with it. On the shaped link the pause is longer than QEMU's \`downtime\`: QEMU stops its
clock when the source has written the last byte, but the bytes queued in the tbf and the socket
buffers still have to reach the destination before it can resume. Real totals move up to 5% between runs (busy guests 10-20%): read the errors in
bands, not to the digit.

The bytes queued in the migration connection (the source socket's Send-Q plus the destination's
Recv-Q, from \`ss\` at each poll) are measured while nothing held the stream below the link
(post-copy, or pre-copy with a cap above the link); their median is livemig's
\`--channel-buffer\` for that run, as the link's rate is its \`--bandwidth\`. "vCPU blocked on
faults" is QEMU's own count, the destination's \`postcopy-vcpu-blocktime\` (capability
\`postcopy-blocktime\`: from each fault to the placing of its page). "vCPU time lost (guest clock)"
is read from the guest's own clock: the guest runs one 1 ms slot per wake-up and drops the slots
that passed meanwhile, so the slots dropped from the source's last report to the destination's
first after the migration, less the drops the host caused before it, are the time its vCPU did
not run: the waits on faults, and on this 2-core host also the time the migration threads held
the cores (the destination placing pages, the source sending them), which livemig does not
model. livemig's figure for both is its \`stallMs\`. "post-copy requests" is QEMU's \`postcopy-requests\` against livemig's
\`networkFaults + inFlightWaits\`.

QEMU's \`max-bandwidth\` (the stream's cap, which QEMU lifts for the stop-and-copy and which
does not apply after the switch to post-copy) is livemig's \`--max-bandwidth\`; the link is
\`--bandwidth\` (the measured link, or the shaped rate). The harness's \`migrate_cancel\`
timeout is livemig's \`--cancel-after\`, so a guest QEMU never converges is cancelled in both.
The fixed switch-over cost is livemig's default for the qemu policy (\`--switchover-cost\`), not
fitted here. Device state is given as \`--cpu-state 110KiB\` (measured on QEMU's default
devices). Zero pages come from the guest's layout: below 2 MiB only the BIOS shadow and the guest
image are non-zero; QEMU also sends its small ROM blocks (pc.bios, pc.rom: 384 KiB), which are
not part of livemig's memory.

## Results

${formatMarkdown(rows)}

## The cases

${caseLines.join('\n')}

To calibrate livemig on your own host, run \`npm run validate\` there (as root; it installs QEMU
with apt when missing) and compare your table with this one.
`;
}
