// The terminal's size, following resizes. After a resize the app draws one empty frame and
// then the new layout: Ink's incremental writer would otherwise keep lines of the old
// layout that the terminal has reflowed or moved (see `settling`).
import {useLayoutEffect, useState} from 'react';
import {useStdout} from 'ink';
import type {Clock} from '../clock.js';
import type {Size} from '../layout.js';

export interface TerminalSize extends Size {
	/** True for a moment after a resize: render nothing, so Ink erases the old frame whole. */
	settling: boolean;
}

const FALLBACK: Size = {columns: 80, rows: 24};

function read(stdout: NodeJS.WriteStream): Size {
	return {columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows};
}

/**
 * @param settleMs how long the empty frame stays; it must outlast Ink's render throttle
 * (1000/fps) so the empty frame is really written before the new one.
 */
export function useTerminalSize(clock: Clock, settleMs: number): TerminalSize {
	// Ink 8 types stdout as a plain WritableStream; the console always hands it a tty stream.
	const stdout = useStdout().stdout as NodeJS.WriteStream;
	const [size, setSize] = useState<TerminalSize>(() => ({...read(stdout), settling: false}));
	useLayoutEffect(() => {
		let timer: ReturnType<Clock['setTimeout']> | null = null;
		const onResize = () => {
			setSize({...read(stdout), settling: true});
			clock.clear(timer);
			timer = clock.setTimeout(() => setSize({...read(stdout), settling: false}), settleMs);
		};
		// Before Ink's own listener, so Ink's resize render already sees the empty frame.
		stdout.prependListener('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
			clock.clear(timer);
		};
	}, [stdout, clock, settleMs]);
	return size;
}
