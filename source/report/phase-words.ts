// What the phase a run is in does, in a sentence a student follows: the console puts it under
// the event log while the log has rows to spare (a long first round has one event for half a
// minute), so the panel says why the numbers move rather than showing a blank band. Plain
// ASCII, like event-words.ts; the snapshot decides which sentence, the words are here.
import type {Snapshot} from '../core/index.js';

export function phaseWords(s: Snapshot): string | null {
	if (s.finished) return null;
	switch (s.phase) {
		case 'precopy': {
			const k = s.round?.index ?? s.rounds.length;
			if (k === 0) return 'Round 0 copies all memory while the VM runs; pages it writes meanwhile go again next round.';
			return `Round ${k} resends what the VM dirtied in round ${k - 1}; rounds shrink while the link outpaces the writes.`;
		}
		case 'stop-and-copy':
			return s.algorithm === 'precopy'
				? 'The VM is paused: the last dirty pages and the CPU state cross. This pause is the downtime.'
				: 'The VM pauses while its CPU state crosses, then runs at the target before its memory does.';
		case 'postcopy':
			return 'The VM runs at the target. The source pushes memory; a page touched before it arrives is a fault: the VM waits.';
		case 'link-paused':
			return 'The link is down: the VM runs on until it needs a page still at the source, then waits.';
		default:
			return null;
	}
}
