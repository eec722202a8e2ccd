// Rows as pre-coloured strings, one <Text> each. Few React nodes and few colour changes per
// line keep Ink's per-frame work small; memo skips rows whose string did not change.
import {memo} from 'react';
import {Box, Text} from 'ink';

export const Line = memo(function Line({text}: {text: string}) {
	return <Text wrap="truncate-end">{text}</Text>;
});

export const Lines = memo(function Lines({lines}: {lines: readonly string[]}) {
	return (
		<Box flexDirection="column">
			{lines.map((text, i) => (
				// Rows are positional: the index is the identity.
				// eslint-disable-next-line react/no-array-index-key
				<Line key={i} text={text} />
			))}
		</Box>
	);
});
