// The top line: the scenario (memory, link, RTT, workload, seed) and how time runs (speed,
// paused, slow motion, done).
import {memo} from 'react';
import {Text} from 'ink';
import {titleLine, type TitleState} from '../chrome.js';
import type {Theme} from '../theme.js';

export type TitleBarProps = TitleState & {theme: Theme};

export const TitleBar = memo(function TitleBar({theme, ...rest}: TitleBarProps) {
	return <Text wrap="truncate-end">{titleLine(theme, rest)}</Text>;
});
