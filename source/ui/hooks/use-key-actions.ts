// Key presses to actions, through the one key table (keys.ts). Raw mode only exists on a
// TTY: without one, input stays off instead of throwing "Raw mode is not supported".
import {useInput, useStdin} from 'ink';
import {type Action, actionFor} from '../keys.js';

/**
 * @param onAction gets the action of a known key
 * @param onOther gets any other key (the help overlay closes on any key)
 */
export function useKeyActions(onAction: (action: Action) => void, onOther?: () => void, enabled = true): void {
	const {isRawModeSupported} = useStdin();
	useInput(
		(input, key) => {
			const action = actionFor(input, key);
			if (action) onAction(action);
			else onOther?.();
		},
		{isActive: enabled && isRawModeSupported === true},
	);
}
