// The timeline strip under the panels (timeline-lines.ts draws it).
import {memo, useMemo} from 'react';
import type {EngineFrame} from '../hooks/use-engines.js';
import type {Theme} from '../theme.js';
import {timelineLines} from '../timeline-lines.js';
import {Lines} from './Lines.js';

export const Timeline = memo(function Timeline({theme, frame, width, rows}: {theme: Theme; frame: EngineFrame; width: number; rows: number}) {
	const {events, snapshots, simMs, spanMs} = frame;
	const lines = useMemo(
		() => timelineLines(theme, snapshots.map((s, i) => ({algorithm: s.algorithm, events: events[i] ?? []})), simMs, spanMs, width, rows),
		// Event arrays are replaced, never changed, when new ones come.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[theme, ...events, simMs, spanMs, width, rows, snapshots.length],
	);
	return <Lines lines={lines} />;
});
