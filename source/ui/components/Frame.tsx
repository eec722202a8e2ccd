// A bordered box whose top border carries a title (left) and a note (right), so a panel's
// name and clock cost no row of their own. Ink draws the other three sides.
import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {topBorder} from '../chrome.js';
import type {Theme} from '../theme.js';

export interface FrameProps {
	theme: Theme;
	width: number;
	height: number;
	title: string;
	right?: string;
	/** Red border: the VM in this panel is paused. */
	alarm?: boolean;
	children: ReactNode;
}

export function Frame({theme, width, height, title, right, alarm, children}: FrameProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate-end">{topBorder(theme, width, title, right, alarm)}</Text>
			<Box
				flexDirection="column"
				width={width}
				height={Math.max(1, height - 1)}
				borderStyle={theme.glyph.border}
				borderTop={false}
				borderColor={alarm ? theme.alarmBorderColor : theme.borderColor}
				paddingX={1}
			>
				{children}
			</Box>
		</Box>
	);
}
