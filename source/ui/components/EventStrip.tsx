// The shared event strip: when the panels have no room for their own logs (three stacked
// panels at 80x24), the newest events of every run, named, above the footer.
import {memo, useMemo} from 'react';
import {TARGET_PAGE_BYTES} from '../../core/index.js';
import type {EngineFrame} from '../hooks/use-engines.js';
import type {Theme} from '../theme.js';
import {eventStripLines} from './EventLog.js';
import {Lines} from './Lines.js';

export const EventStrip = memo(function EventStrip({theme, frame, width, rows}: {theme: Theme; frame: EngineFrame; width: number; rows: number}) {
	const {events, snapshots} = frame;
	// Recomputed when an engine's events change (their arrays are replaced, never changed).
	const lines = useMemo(
		() => eventStripLines(theme, snapshots.map((s, i) => ({algorithm: s.algorithm, events: events[i] ?? []})), TARGET_PAGE_BYTES, width, rows),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[theme, ...events, width, rows, snapshots.length],
	);
	return <Lines lines={lines} />;
});
