// A recording played back on the wall clock (at --speed), as a feed for the watch console:
// the lines go through the same tracker as a live watch, forward one by one; seeking back
// starts the fold again from the first line (a recording is seconds to minutes of 10 Hz polls).
import type {Recording} from '../../watch/recording.js';
import {Replayer} from '../../watch/replay.js';
import type {Snapshot} from '../../watch/tracker.js';
import {formatTime} from '../../basics/units.js';
import type {WatchFeed} from './WatchApp.js';

const TICK_MS = 100;

export function replayFeed(rec: Recording, title: string, speed: number): WatchFeed & {stop(): void} {
	let replayer = new Replayer(rec);
	const {fromMs, toMs} = replayer.span;
	let position = fromMs;
	let paused = false;
	const listeners = new Set<(s: Snapshot) => void>();
	const emit = () => {
		const s = replayer.snapshot();
		for (const l of listeners) l(s);
	};
	const goTo = (atMs: number) => {
		const target = Math.max(fromMs, Math.min(toMs, atMs));
		if (target < position) replayer = new Replayer(rec);
		position = target;
		replayer.advanceTo(position);
		emit();
	};
	replayer.advanceTo(position);
	const timer = setInterval(() => {
		if (!paused && position < toMs) goTo(position + TICK_MS * speed);
	}, TICK_MS);
	return {
		title,
		snapshot: () => replayer.snapshot(),
		subscribe(l) {
			listeners.add(l);
			return () => listeners.delete(l);
		},
		control: null,
		replay: {
			togglePause() {
				paused = !paused;
				emit();
			},
			seek: (delta) => goTo(position + delta),
			position: () => `${paused ? 'paused' : position >= toMs ? 'end' : 'playing'} at ${formatTime(position - fromMs)} of ${formatTime(toMs - fromMs)}`,
		},
		stop: () => clearInterval(timer),
	};
}
