// A recording folded back into snapshots, line by line, through the same tracker a live
// watch uses: a replay shows what the live console showed, and costs one fold per line.
import type {Recording} from './recording.js';
import {type Snapshot, Tracker} from './tracker.js';

/** A tracker that has seen the recording's first `count` lines (all: the end of the run). */
export function foldRecording(rec: Recording, count = rec.lines.length): Tracker {
	const t = new Tracker();
	t.begin(rec.start);
	for (const line of rec.lines.slice(0, count)) feed(t, line);
	return t;
}

function feed(t: Tracker, line: Recording['lines'][number]): void {
	if (line.type === 'poll') t.poll(line);
	else if (line.type === 'event') t.event(line);
	// A downtime-limit --control set (and QEMU took) counts from then on, as it did live.
	else if (line.type === 'action' && line.result === 'ok' && typeof line.arguments?.['downtime-limit'] === 'number') t.setDowntimeLimit(line.arguments['downtime-limit']);
}

/** Incremental replay: feed lines in order, read a snapshot whenever (the console's clock decides). */
export class Replayer {
	private readonly tracker = new Tracker();
	private next = 0;

	constructor(private readonly rec: Recording) {
		this.tracker.begin(rec.start);
	}

	/** Host ms of the first and last line: the replay's timeline. */
	get span(): {fromMs: number; toMs: number} {
		const first = this.rec.lines[0]?.atMs ?? this.rec.start.atMs;
		return {fromMs: first, toMs: this.rec.end?.atMs ?? this.rec.lines.at(-1)?.atMs ?? first};
	}

	/** Feeds every line up to host time `atMs`; true when the recording is used up. */
	advanceTo(atMs: number): boolean {
		while (this.next < this.rec.lines.length && this.rec.lines[this.next]!.atMs <= atMs) this.step();
		return this.next >= this.rec.lines.length;
	}

	/** Feeds the next line; false when there was none. */
	step(): boolean {
		const line = this.rec.lines[this.next];
		if (!line) return false;
		this.next++;
		feed(this.tracker, line);
		return true;
	}

	snapshot(): Snapshot {
		return this.tracker.snapshot();
	}
}
