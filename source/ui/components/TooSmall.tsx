// Below the smallest usable size: say so, with the size needed, instead of garbling.
import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Size} from '../layout.js';
import type {Theme} from '../theme.js';

export function tooSmallLines(theme: Theme, size: Size, need: Size, panels: number): string[] {
	const p = theme.paint;
	const ok = (have: number, want: number) => (have >= want ? p.good : p.bad)(String(have));
	return [
		p.title('Terminal too small'),
		`this one: ${ok(size.columns, need.columns)} x ${ok(size.rows, need.rows)}`,
		`needed:   ${need.columns} x ${need.rows} for ${panels} panel${panels === 1 ? '' : 's'}`,
		p.dim('enlarge the window, or race fewer algorithms'),
		p.dim('the simulation waits until it fits'),
		p.dim('q quits'),
	];
}

export const TooSmall = memo(function TooSmall({theme, size, need, panels}: {theme: Theme; size: Size; need: Size; panels: number}) {
	const lines = tooSmallLines(theme, size, need, panels).slice(0, Math.max(1, size.rows - 1));
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={i} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
});
