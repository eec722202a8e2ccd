// What the phase a run is in does, and what to watch in it, in sentences a student follows:
// the console puts them under the event log while the log has rows to spare (a long first
// round has one event for half a minute), so the panel says why the numbers move rather than
// showing a blank band. Plain ASCII, like event-words.ts; the snapshot decides which
// sentences, the words are here, the numbers the loops stop at come from the core.
import {type Snapshot, stopLimits, XEN_MAX_ITERS} from '../core/index.js';

/** What the phase does, then what to watch in it; null once the run is over. */
export function phaseWords(s: Snapshot): {does: string; watch: string} | null {
	if (s.finished) return null;
	switch (s.phase) {
		case 'precopy': {
			const k = s.round?.index ?? s.rounds.length;
			if (k === 0) return {does: 'Round 0 copies all memory while the VM runs; pages it writes meanwhile go again next round.', watch: 'Watch new dirty/s: those pages are what round 1 must send.'};
			return {does: `Round ${k} resends what the VM dirtied in round ${k - 1}; rounds shrink while the link outpaces the writes.`, watch: stopRuleWords(s.policy)};
		}
		case 'stop-and-copy':
			return s.algorithm === 'precopy'
				? {does: 'The VM is paused: the last dirty pages and the CPU state cross. This pause is the downtime.', watch: 'It lasts as long as the rest takes on the link, plus the switch-over\'s fixed cost.'}
				: {does: 'The VM pauses while its CPU state crosses, then runs at the target before its memory does.', watch: 'No dirty pages go in this pause, so a busy VM does not make it longer.'};
		case 'postcopy':
			return {does: 'The VM runs at the target. The source pushes memory; a page touched before it arrives is a fault: the VM waits.', watch: 'Watch app stalled: the share of time the VM waits for pages. Pre-paging pushes the pages near each fault first.'};
		case 'link-paused':
			return {does: 'The link is down: the VM runs on until it needs a page still at the source, then waits.', watch: 'Post-copy recovery resumes when the link returns; without it the VM, split over two hosts, is lost.'};
		default:
			return null;
	}
}

/** When the loop stops, by policy (core/stop-policy.ts). */
function stopRuleWords(policy: Snapshot['policy']): string {
	if (policy === 'qemu') return 'QEMU stops once the rest fits the downtime limit at the measured bandwidth; it has no round limit.';
	if (policy === 'xen-today') return `Xen stops when fewer than ${stopLimits.xenToday.dirtyPages} pages are dirty, or after ${stopLimits.xenToday.iterations} iterations.`;
	return `Xen stops when a round leaves fewer than ${stopLimits.xen.minPages} pages, after ${XEN_MAX_ITERS + 1} rounds, or once ${stopLimits.xen.memoryFactor}x memory is sent.`;
}
