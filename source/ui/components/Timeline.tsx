// The timeline strip under the panels (timeline-lines.ts draws it).
import {memo, useMemo} from 'react';
import type {EngineFrame} from '../hooks/use-engines.js';
import type {Theme} from '../theme.js';
import {TIMELINE_LABEL, timelineLines} from '../timeline-lines.js';
import {Lines} from './Lines.js';

export const Timeline = memo(function Timeline({theme, frame, width, rows}: {theme: Theme; frame: EngineFrame; width: number; rows: number}) {
	const {events, snapshots, simMs, spanMs} = frame;
	// Drawn again when the cursor moves a column or an event comes (event arrays are replaced,
	// never changed), not on every frame: between, the strip is the same.
	const nowCol = Math.floor((simMs / Math.max(spanMs, simMs, 1)) * Math.max(1, width - TIMELINE_LABEL));
	const lines = useMemo(
		() => timelineLines(theme, snapshots.map((s, i) => ({algorithm: s.algorithm, events: events[i] ?? []})), simMs, spanMs, width, rows),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[theme, ...events, nowCol, spanMs, width, rows, snapshots.length],
	);
	return <Lines lines={lines} />;
});
