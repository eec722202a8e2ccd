// Drives the engines from a clock: each tick advances the driver by the wall time that
// passed and publishes one frame. Heatmaps are taken less often than counters (they change
// slowly and cost the most bytes to redraw). While paused, held or finished no timer runs,
// so an idle console writes nothing.
import {useCallback, useLayoutEffect, useMemo, useRef, useState} from 'react';
import type {Clock} from '../clock.js';
import type {DriverFrame, EngineDriver} from '../engine-driver.js';
import {nextSpeed} from '../speed.js';

export interface EngineFrame extends DriverFrame {
	/** Per engine: the application stalled on a fault within the last STALL_HOLD_MS of wall time. */
	stalling: boolean[];
	/** The snapshots of the last heatmap refresh: secondary figures change at that pace. */
	details: DriverFrame['snapshots'];
}

export interface EngineControls {
	togglePause(): void;
	faster(): void;
	slower(): void;
	/** `.`: pause, and step to the next event. */
	step(): void;
	/** Seek keys: to an event, 10% of the run back or on, the start, the end. */
	seek(to: SeekTarget): void;
	restart(newSeed: boolean): void;
}

export type SeekTarget = 'previous-event' | 'next-event' | 'back' | 'forward' | 'start' | 'end';

/** `<` / `>` move this share of the run. */
const SEEK_SHARE = 0.1;

export interface UseEnginesOptions {
	clock: Clock;
	fps: number;
	/** Blocks per heatmap (0: none). */
	heatmapBlocks: number;
	/** Wall ms between heatmap refreshes. */
	heatmapEveryMs?: number;
	/**
	 * Simulated time stands still while nobody can see it (the help overlay, "Terminal too
	 * small"), without touching the user's own pause: when the hold ends the run goes on as
	 * it was, paused or not, from where it stood.
	 */
	hold?: boolean;
}

/** A stall of a millisecond is invisible at 30 fps; hold the highlight this long. */
const STALL_HOLD_MS = 400;

export function useEngines(driver: EngineDriver, options: UseEnginesOptions): [EngineFrame, EngineControls] {
	const {clock, fps, heatmapBlocks, heatmapEveryMs = 250, hold = false} = options;
	const frameMs = 1000 / Math.max(1, fps);
	const state = useRef({heatAt: -Infinity, heatBlocks: -1, generation: -1, heatmaps: [] as DriverFrame['heatmaps'], details: [] as DriverFrame['snapshots'], stallMs: [] as number[], stallUntil: [] as number[]});

	const take = useCallback(
		(forceHeat: boolean): EngineFrame => {
			const st = state.current;
			const now = clock.now();
			// Heatmaps and the secondary figures (details) refresh every heatmapEveryMs, and at
			// once after a resize, a restart or a key press.
			const heat = forceHeat || now - st.heatAt >= heatmapEveryMs || st.heatBlocks !== heatmapBlocks || st.generation !== driver.generationNumber;
			const f = driver.frame(heat ? heatmapBlocks : 0);
			let details = f.snapshots;
			if (heat) {
				st.heatAt = now;
				st.heatBlocks = heatmapBlocks;
				st.heatmaps = f.heatmaps;
				st.details = f.snapshots;
			} else if (st.generation === f.generation) {
				f.heatmaps = st.heatmaps;
				details = st.details;
			}
			if (st.generation !== f.generation) {
				st.stallMs = [];
				st.stallUntil = [];
			}
			st.generation = f.generation;
			const stalling = f.snapshots.map((s, i) => {
				if (s.stallMs > (st.stallMs[i] ?? 0)) st.stallUntil[i] = now + STALL_HOLD_MS;
				st.stallMs[i] = s.stallMs;
				return !s.finished && (s.vmStalled || now < (st.stallUntil[i] ?? -Infinity));
			});
			return {...f, stalling, details};
		},
		[driver, clock, heatmapBlocks, heatmapEveryMs],
	);

	const [frame, setFrame] = useState<EngineFrame>(() => take(true));
	const publish = useCallback((forceHeat: boolean) => setFrame(take(forceHeat)), [take]);

	// Layout effects run as part of the commit, never later on React's scheduler: timers are
	// registered on the console's clock before it can move on, so a recording on a virtual
	// clock plays the same way every time.
	// A new heatmap size (resize) needs a heatmap at once.
	useLayoutEffect(() => publish(true), [heatmapBlocks, publish]);

	const running = !frame.paused && !frame.finished && !hold;
	useLayoutEffect(() => {
		if (!running) return;
		let last = clock.now();
		const handle = clock.setInterval(() => {
			const now = clock.now();
			driver.advance(now - last);
			last = now;
			// The last frame of a run carries the final heatmap.
			publish(driver.finished);
		}, frameMs);
		return () => clock.clear(handle);
	}, [running, driver, clock, frameMs, publish]);

	const controls = useMemo<EngineControls>(
		() => ({
			togglePause() {
				driver.paused = !driver.paused;
				publish(true);
			},
			faster() {
				driver.changeSpeed((v) => nextSpeed(v, 1));
				publish(false);
			},
			slower() {
				driver.changeSpeed((v) => nextSpeed(v, -1));
				publish(false);
			},
			step() {
				if (!driver.paused) driver.paused = true;
				driver.seekNextEvent();
				publish(true);
			},
			seek(to) {
				const span = driver.spanMs;
				if (to === 'previous-event') driver.seekPreviousEvent();
				else if (to === 'next-event') driver.seekNextEvent();
				else if (to === 'back') driver.seek(driver.nowMs - SEEK_SHARE * span);
				else if (to === 'forward') driver.seek(Math.min(span, driver.nowMs + SEEK_SHARE * span));
				else if (to === 'start') driver.seek(0);
				else driver.seekEnd();
				publish(true);
			},
			restart(newSeed) {
				driver.restart(newSeed);
				publish(true);
			},
		}),
		[driver, publish],
	);
	return [frame, controls];
}
