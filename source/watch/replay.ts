// A recording folded back into snapshots, line by line, through the same tracker a live
// watch uses: a replay shows what the live console showed, and costs one fold per line.
import type {Recording} from './recording.js';
import {type Snapshot, Tracker} from './tracker.js';

/** A tracker that has seen the recording's first `count` lines (all: the end of the run). */
export function foldRecording(rec: Recording, count = rec.lines.length): Tracker {
	const t = new Tracker();
	t.begin(rec.start);
	for (const line of rec.lines.slice(0, count)) {
		if (line.type === 'poll') t.poll(line);
		else if (line.type === 'event') t.event(line);
		else if (line.type === 'action' && line.result === 'ok' && line.command === 'migrate-set-parameters') {
			const ms = line.arguments?.['downtime-limit'];
			if (typeof ms === 'number') t.setDowntimeLimit(ms);
		}
	}
	return t;
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
		while (this.next < this.rec.lines.length && this.rec.lines[this.next]!.atMs <= atMs) {
			const line = this.rec.lines[this.next++]!;
			if (line.type === 'poll') this.tracker.poll(line);
			else if (line.type === 'event') this.tracker.event(line);
			else if (line.type === 'action' && line.result === 'ok' && typeof line.arguments?.['downtime-limit'] === 'number') this.tracker.setDowntimeLimit(line.arguments['downtime-limit']);
		}
		return this.next >= this.rec.lines.length;
	}

	snapshot(): Snapshot {
		return this.tracker.snapshot();
	}
}
