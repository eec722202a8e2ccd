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
 * Time comes from `clock`: real for a lecture, virtual for a recording.
 */
export function playSchedule(
	plan: Schedule,
	clock: Clock,
	rendered: RenderedConsole,
	dispatch: (action: Action) => void,
	onEnd: () => void,
): void {
	let captionId = 0;
	for (const event of plan.events) {
		clock.setTimeout(() => {
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
					clock.setTimeout(() => {
						if (id === captionId) rendered.setCaption('');
					}, event.until - event.at);
					return;
				}
				case 'pause':
					if (!rendered.driver.paused) dispatch('pause');
					clock.setTimeout(() => {
						if (rendered.driver.paused) dispatch('pause');
					}, event.until - event.at);
					return;
				case 'end':
					onEnd();
			}
		}, event.at);
	}
}
