// Where the console's wall time comes from. The live console uses real time; a recording
// (asciicast) or a test drives a virtual clock by hand, so the same views play back frame
// for frame the same way.

export type TimerHandle = {readonly id: number};

export interface Clock {
	/** Milliseconds, monotonic. */
	now(): number;
	setInterval(fn: () => void, ms: number): TimerHandle;
	setTimeout(fn: () => void, ms: number): TimerHandle;
	clear(handle: TimerHandle | null | undefined): void;
}

let nextId = 1;

export const realClock: Clock = (() => {
	const live = new Map<number, NodeJS.Timeout>();
	return {
		now: () => performance.now(),
		setInterval(fn, ms) {
			const handle = {id: nextId++};
			live.set(handle.id, setInterval(fn, ms));
			return handle;
		},
		setTimeout(fn, ms) {
			const handle = {id: nextId++};
			live.set(
				handle.id,
				setTimeout(() => {
					live.delete(handle.id);
					fn();
				}, ms),
			);
			return handle;
		},
		clear(handle) {
			if (!handle) return;
			const t = live.get(handle.id);
			if (t !== undefined) {
				clearInterval(t);
				clearTimeout(t);
				live.delete(handle.id);
			}
		},
	};
})();

export interface VirtualClock extends Clock {
	/** Moves time forward by ms, firing every timer that falls due, in time order. */
	advance(ms: number): void;
}

interface Timer {
	id: number;
	at: number;
	every: number | null;
	fn: () => void;
}

export interface VirtualClockOptions {
	/**
	 * Runs each advance() (the timers it fires): a recording passes renderNow (render-now.ts)
	 * so that what the timers change is on screen before advance() returns.
	 */
	step?: (fire: () => void) => void;
}

/** A clock that only moves when told to: for recordings, scripted demos and tests. */
export function createVirtualClock(start = 0, options: VirtualClockOptions = {}): VirtualClock {
	const step = options.step ?? ((fire: () => void) => fire());
	let now = start;
	const timers = new Map<number, Timer>();
	const add = (fn: () => void, ms: number, every: number | null): TimerHandle => {
		const id = nextId++;
		timers.set(id, {id, at: now + Math.max(0, ms), every, fn});
		return {id};
	};
	return {
		now: () => now,
		setInterval: (fn, ms) => add(fn, ms, Math.max(1, ms)),
		setTimeout: (fn, ms) => add(fn, ms, null),
		clear(handle) {
			if (handle) timers.delete(handle.id);
		},
		advance(ms) {
			const end = now + Math.max(0, ms);
			step(() => {
				for (;;) {
					let due: Timer | null = null;
					for (const t of timers.values()) if (t.at <= end && (!due || t.at < due.at || (t.at === due.at && t.id < due.id))) due = t;
					if (!due) break;
					now = Math.max(now, due.at);
					if (due.every === null) timers.delete(due.id);
					else due.at += due.every;
					due.fn();
				}
				// Inside the step: what renders at its end is stamped with the step's end time.
				now = end;
			});
		},
	};
}
