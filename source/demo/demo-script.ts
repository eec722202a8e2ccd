import type {Clock} from '../ui/clock.js';
import {actionFor, type Action} from '../ui/keys.js';
import type {RenderedConsole} from '../ui/render.js';
import {keySequence, type Schedule} from './timeline.js';

/** The action a timeline key stands for, or null when no binding has it. */
export function actionOfKey(name: string): Action | null {
	const seq = keySequence(name);
	return actionFor(seq, {ctrl: false, escape: seq === '\u001B'});
}

/**
 * Plays a demo's schedule on a console: keys go through the same key table as the
 * keyboard, captions show in their own row, `pause` freezes the simulation a while.
 * Time comes from `clock`: real for a lecture, virtual for a recording. Returns a function
 * that cancels the steps still to come.
 */
export function playSchedule(
	plan: Schedule,
	clock: Clock,
	rendered: RenderedConsole,
	dispatch: (action: Action) => void,
	onEnd: () => void,
): () => void {
	let captionId = 0;
	const timers: Array<ReturnType<Clock['setTimeout']>> = [];
	const later = (fn: () => void, ms: number) => timers.push(clock.setTimeout(fn, ms));
	for (const event of plan.events) {
		later(() => {
			switch (event.kind) {
				case 'key': {
					const action = actionOfKey(event.key);
					if (action) dispatch(action);
					return;
				}
				case 'speed':
					rendered.driver.speed = event.speed;
					return;
				case 'caption': {
					const id = ++captionId;
					rendered.setCaption(event.text);
					later(() => {
						if (id === captionId) rendered.setCaption('');
					}, event.until - event.at);
					return;
				}
				case 'pause':
					if (!rendered.driver.paused) dispatch('pause');
					later(() => {
						if (rendered.driver.paused) dispatch('pause');
					}, event.until - event.at);
					return;
				case 'end':
					onEnd();
			}
		}, event.at);
	}
	// Stops what is still to come (the console quit early): pending timers would keep a
	// live process from exiting.
	return () => {
		for (const t of timers) clock.clear(t);
	};
}
