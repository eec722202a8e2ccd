// The migrations of a race, side by side (tall panels) or stacked (wide panels).
import {memo} from 'react';
import {Box} from 'ink';
import type {EngineFrame} from '../hooks/use-engines.js';
import type {ScreenLayout} from '../layout.js';
import type {Theme} from '../theme.js';
import type {HeatMode} from './Heatmap.js';
import {MigrationPanel} from './MigrationPanel.js';

export interface RaceViewProps {
	theme: Theme;
	frame: EngineFrame;
	layout: ScreenLayout;
	heatMode: HeatMode;
	qemu: boolean;
	blockBytes: number;
}

const noEvents: readonly never[] = [];

export const RaceView = memo(function RaceView({theme, frame, layout, heatMode, qemu, blockBytes}: RaceViewProps) {
	return (
		<Box flexDirection={layout.direction}>
			{frame.snapshots.map((s, i) => (
				<MigrationPanel
					// eslint-disable-next-line react/no-array-index-key
					key={i}
					theme={theme}
					snapshot={s}
					detail={frame.details[i] ?? s}
					heatmap={frame.heatmaps[i] ?? null}
					stalling={frame.stalling[i] ?? false}
					box={layout.panel}
					heatMode={heatMode}
					qemu={qemu}
					scenario={frame.scenario}
					blockBytes={blockBytes}
					events={frame.events[i] ?? noEvents}
				/>
			))}
		</Box>
	);
});
