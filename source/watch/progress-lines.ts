// `watch` and `replay` without a terminal: a line per pass, one when it stalls, one for the
// recommendation and one at the end, so a log or CI job shows what the console would.
// Pure: snapshots in, lines out; each line is said once.
import {formatSize, formatTime} from '../basics/units.js';
import {STALL_PASSES} from './convergence.js';
import type {Snapshot} from './tracker.js';

const rate = (bytesPerSec: number) => `${formatSize(Math.round(bytesPerSec))}/s`;

/** QEMU's times are whole ms: shown as QEMU gave them, so the figure can be found in query-migrate. */
export const qemuMs = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

/** The end in one line: "completed: total time 3,412 ms, downtime 35 ms". */
export function finalLine(f: NonNullable<Snapshot['final']>): string {
	if (f.status !== 'completed') return `${f.status} after ${qemuMs(f.totalTimeMs)}${f.error ? `: ${f.error}` : ''}`;
	const down = f.downtimeMs === null ? 'downtime unknown' : `downtime ${qemuMs(f.downtimeMs)}`;
	return `completed: total time ${qemuMs(f.totalTimeMs)}, ${down}${f.downtimeNote ? ` (${f.downtimeNote})` : ''}`;
}

export class ProgressLines {
	private passesSaid = 0;
	private phaseSaid = '';
	private stallSaid = false;
	private adviceSaid = false;
	private endSaid = false;

	next(s: Snapshot): string[] {
		const out: string[] = [];
		if (s.phase !== this.phaseSaid && s.phase !== 'active' && s.phase !== 'completed' && !s.final) {
			this.phaseSaid = s.phase;
			out.push(s.phase === 'waiting' ? 'waiting for a migration (query-migrate status none)' : `phase ${s.phase}`);
		}
		// A pass is said once it is over (the next sync started it) or at the end.
		const over = s.final ? s.passes.length : s.passes.length - 1;
		for (; this.passesSaid < over; this.passesSaid++) {
			const p = s.passes[this.passesSaid]!;
			const kind = p.final ? (s.postcopy ? ' (post-copy)' : s.final?.status === 'completed' ? ' (VM paused)' : '') : '';
			out.push(`pass ${p.index}${kind}: ${formatSize(p.bytes)} in ${formatTime(p.durationMs)}, dirty at its start ${formatSize(p.remainingAtStart)}`);
		}
		if (s.convergence.stall && !this.stallSaid) {
			this.stallSaid = true;
			out.push(`stalled: ${s.convergence.stall} (dirty ${rate(s.dirtyBytesPerSec)}, sent ${rate(s.sentBytesPerSec)}, expected downtime ${qemuMs(s.expectedDowntimeMs)} vs limit ${s.downtimeLimitMs === null ? '?' : qemuMs(s.downtimeLimitMs)})`);
		}
		// A stall is the surer sign; dirtying faster than sending alone gets its say a little later.
		if (s.convergence.recommendation && !this.adviceSaid && (this.stallSaid || s.passes.length >= STALL_PASSES + 3)) {
			this.adviceSaid = true;
			out.push(`recommendation: ${s.convergence.recommendation}`);
		}
		if (s.final && !this.endSaid) {
			this.endSaid = true;
			out.push(finalLine(s.final));
		}
		return out;
	}
}
