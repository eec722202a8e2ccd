// The console's root: lays the screen out for the terminal's size, drives the engines
// through useEngines, maps keys to actions. Everything it shows comes from snapshots.
import {useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {Box, useApp} from 'ink';
import {type Clock, realClock, type TimerHandle} from './clock.js';
import type {EngineDriver} from './engine-driver.js';
import {useEngines} from './hooks/use-engines.js';
import {useKeyActions} from './hooks/use-key-actions.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {Action} from './keys.js';
import {captionRows, panelLayout, screenWithTimeline} from './layout.js';
import type {Theme} from './theme.js';
import {Caption} from './components/Caption.js';
import {EventStrip} from './components/EventStrip.js';
import {Footer} from './components/Footer.js';
import {heatmapBlocks, heatSourceFor, type HeatMode} from './components/Heatmap.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {RaceView} from './components/RaceView.js';
import {roundRowsWanted} from './components/RoundTable.js';
import {Scoreboard, scoreboardRows, scoreOf} from './components/Scoreboard.js';
import {Timeline} from './components/Timeline.js';
import {TitleBar} from './components/TitleBar.js';
import {TooSmall} from './components/TooSmall.js';

export interface ConsoleAppProps {
	driver: EngineDriver;
	theme: Theme;
	fps: number;
	clock?: Clock;
	/** A captions row above the footer (scripted demos); null or undefined: none. */
	caption?: string | null;
	heatmapEveryMs?: number;
	/** Gets a dispatcher for the app's actions, so a script can press keys without a keyboard. */
	control?: (dispatch: (action: Action) => void) => void;
	/** Called when the user quits, just before the app exits: 0 for q, 130 for Ctrl-C. */
	onQuit?: (code: number) => void;
	/** Keyboard input (needs a TTY stdin; off for recordings). */
	input?: boolean;
	/** The heatmap mode and view to start in (a still of a frame that showed them). */
	view?: ConsoleView;
	/** `s`: saves the frame as it is now; resolves to the footer's note (where it went, or why not). */
	onStill?: (view: ConsoleView) => Promise<string>;
}

/** What the keys switched that a frame shows (a still repeats it). */
export interface ConsoleView {
	heatMode: HeatMode;
	qemu: boolean;
}

/** How long the footer says where a still went. */
const STILL_NOTE_MS = 4000;

export function ConsoleApp({driver, theme, fps, clock = realClock, caption, heatmapEveryMs, control, onQuit, input = true, view, onStill}: ConsoleAppProps) {
	const {exit} = useApp();
	const size = useTerminalSize(clock, Math.max(120, 2.5 * (1000 / fps)));
	const [help, setHelp] = useState(false);
	const [heatMode, setHeatMode] = useState<HeatMode>(view?.heatMode ?? 'where');
	const [qemu, setQemu] = useState(view?.qemu ?? false);
	const [note, setNote] = useState<string | null>(null);
	const noteTimer = useRef<TimerHandle | null>(null);
	useEffect(() => () => clock.clear(noteTimer.current), [clock]);
	const panels = driver.algorithms.length;
	const hasCaption = caption !== undefined && caption !== null;

	// The heatmap's size must be known before the frame is taken; the scoreboard's rows
	// (at the finish) shrink the panels, so the driver's own state decides.
	// The heatmap gets no more rows than memory has distinct blocks for (the QEMU view, all it can).
	const heat = qemu ? undefined : heatSourceFor(driver.memoryBytes, theme);
	// The rounds come first (the whole staircase when it fits), the heatmap gets the rest.
	const rounds = qemu ? undefined : roundRowsWanted(driver.latest);
	const provisional = screenWithTimeline(size, {panels, caption: hasCaption, heat, rounds, scoreboardRows: driver.finished ? scoreboardRows(panels, false) : 0});
	const inner = panelLayout(provisional.panel);
	const blocks = provisional.fits && provisional.showPanels ? heatmapBlocks(theme, inner.heatCols, inner.heatRows) : 0;
	// Held while help covers the panels or the terminal is too small to show them: a run
	// nobody can watch would end unseen.
	const hold = help || !provisional.fits;
	const [frame, controls] = useEngines(driver, {clock, fps, heatmapBlocks: blocks, heatmapEveryMs, hold});

	const scores = useMemo(() => (frame.finished ? frame.snapshots.map((s, i) => scoreOf(s, frame.results[i])) : null), [frame]);
	const layout = screenWithTimeline(size, {panels, caption: hasCaption, heat, rounds, scoreboardRows: scores ? scoreboardRows(panels, scores.some((x) => x.outcome !== 'completed')) : 0});

	const quit = useCallback(
		(code: number) => {
			onQuit?.(code);
			exit();
		},
		[exit, onQuit],
	);

	const dispatch = useCallback(
		(action: Action) => {
			if (action === 'interrupt') return quit(130);
			// Help says any key closes it: q too (only Ctrl-C quits from there). Behind "Terminal
			// too small", which says "q quits", it is not on screen, so q quits.
			if (help && layout.fits) return setHelp(false);
			if (action === 'quit') return quit(0);
			switch (action) {
				case 'pause':
					return controls.togglePause();
				case 'faster':
					return controls.faster();
				case 'slower':
					return controls.slower();
				case 'step':
					return controls.step();
				case 'previousEvent':
					return controls.seek('previous-event');
				case 'nextEvent':
					return controls.seek('next-event');
				case 'back':
					return controls.seek('back');
				case 'forward':
					return controls.seek('forward');
				case 'start':
					return controls.seek('start');
				case 'end':
					return controls.seek('end');
				case 'restart':
					return controls.restart(false);
				case 'newSeed':
					return controls.restart(true);
				case 'heatmap':
					return setHeatMode((m) => (m === 'where' ? 'writes' : 'where'));
				case 'qemu':
					return setQemu((q) => !q);
				case 'help':
					return setHelp(true);
				case 'still': {
					if (!onStill) return undefined;
					const show = (text: string) => {
						setNote(text);
						clock.clear(noteTimer.current);
						noteTimer.current = clock.setTimeout(() => setNote(null), STILL_NOTE_MS);
					};
					// onStill takes the frame before it returns; the file is written after.
					onStill({heatMode, qemu}).then(show, (error: unknown) => show(`still not saved: ${error instanceof Error ? error.message : String(error)}`));
					return undefined;
				}
				case 'close':
					return undefined;
			}
		},
		[help, layout.fits, controls, quit, onStill, heatMode, qemu, clock],
	);
	useKeyActions(dispatch, () => setHelp(false), input);
	useLayoutEffect(() => control?.(dispatch), [control, dispatch]);

	// One empty frame after a resize: Ink erases the old frame whole before the new layout.
	if (size.settling) return null;
	if (!layout.fits) return <TooSmall theme={theme} size={size} need={layout.need} panels={panels} />;
	const blockBytes = blocks > 0 ? frame.scenario.memoryBytes / blocks : 0;
	return (
		<Box flexDirection="column" width={size.columns}>
			<TitleBar theme={theme} scenario={frame.scenario} width={size.columns} speed={frame.speed} slowSpeed={frame.slowSpeed} speedNote={frame.speedNote} paused={frame.paused} finished={frame.finished} />
			<Box flexDirection="column" height={layout.mainRows}>
				{help ? (
					<HelpOverlay theme={theme} width={size.columns} height={layout.mainRows} />
				) : (
					<>
						{layout.showPanels ? <RaceView theme={theme} frame={frame} layout={layout} heatMode={heatMode} qemu={qemu} blockBytes={blockBytes} /> : null}
						{scores ? (
							<Box justifyContent="center" width={size.columns}>
								<Scoreboard theme={theme} scores={scores} width={Math.min(size.columns, 30 + 22 * scores.length)} />
							</Box>
						) : null}
					</>
				)}
			</Box>
			{layout.timelineRows > 0 ? <Timeline theme={theme} frame={frame} width={size.columns} rows={layout.timelineRows} /> : null}
			{layout.stripRows > 0 ? <EventStrip theme={theme} frame={frame} width={size.columns} rows={layout.stripRows} /> : null}
			{hasCaption ? <Caption theme={theme} caption={caption} width={size.columns} rows={captionRows(size.columns)} /> : null}
			<Footer theme={theme} width={size.columns} note={note ?? undefined} />
		</Box>
	);
}
