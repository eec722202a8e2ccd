// What a built-in workload does, as trace text: reads and writes merged by VM time. Times
// are written with String(t), which Number() reads back to the same double, so a replay
// sees exactly the accesses the generator would have made.

import {buildLayout, createStreams, type Scenario, TARGET_PAGE_BYTES} from '../core/index.js';
import {formatHeader} from './format.js';

export interface TraceCounts {
	writes: number;
	reads: number;
}

/** Accesses the trace command would write, estimated from the rates (to refuse huge files). */
export function expectedAccesses(s: Scenario, durationMs: number): number {
	return ((s.workload.writeRate + s.workload.readRate) * durationMs) / 1000;
}

/**
 * The trace of `s`'s workload from VM time 0 to durationMs inclusive, as chunks of text.
 * `counts` is filled in as it goes.
 */
export function* traceText(s: Scenario, durationMs: number, comments: string[], counts: TraceCounts): Generator<string> {
	const {writes, reads} = createStreams(s, buildLayout(s));
	let text = `${comments.map((c) => `# ${c}\n`).join('')}# TIME_MS PAGE r|w\n`;
	text += `${formatHeader({pageSizeBytes: TARGET_PAGE_BYTES, memoryBytes: s.memoryBytes, durationMs})}\n`;
	let w = 0;
	let r = 0;
	let tw = writes.timeOf(0);
	let tr = reads.timeOf(0);
	for (;;) {
		// Writes first on a tie; replay keeps reads and writes apart, so the order is moot.
		if (tw <= tr) {
			if (!(tw <= durationMs)) break;
			text += `${tw} ${writes.pageOf(w)} w\n`;
			tw = writes.timeOf(++w);
		} else {
			if (!(tr <= durationMs)) break;
			text += `${tr} ${reads.pageOf(r)} r\n`;
			tr = reads.timeOf(++r);
		}
		if (text.length >= 1 << 16) {
			yield text;
			text = '';
		}
	}
	counts.writes = w;
	counts.reads = r;
	yield text;
}
