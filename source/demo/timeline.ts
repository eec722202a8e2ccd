import {parseDuration} from '../basics/units.js';
import type {RunOptions} from '../config/run-options.js';
import type {TimelineStep} from '../config/scenario-schema.js';

// A demo's timeline as events at wall (or virtual) times. Steps play in order: `wait` and
// `pause` take time; a key, a speed change or a caption happen at once (a caption stays up
// for its `for`, default 4 s, while the next steps go on).

export type DemoEvent =
	| {at: number; kind: 'key'; key: string}
	| {at: number; kind: 'speed'; speed: number}
	| {at: number; kind: 'caption'; text: string; until: number}
	| {at: number; kind: 'pause'; until: number}
	| {at: number; kind: 'end'};

export const DEFAULT_CAPTION_MS = 4000;

export interface Schedule {
	events: DemoEvent[];
	/** When the last step is done (the demo ends here if it says `end`, else when the race is over). */
	lastMs: number;
	ends: boolean;
}

export function schedule(steps: readonly TimelineStep[]): Schedule {
	const events: DemoEvent[] = [];
	let t = 0;
	let ends = false;
	for (const step of steps) {
		if ('wait' in step) t += parseDuration(step.wait, {allowZero: true});
		else if ('key' in step) events.push({at: t, kind: 'key', key: step.key});
		else if ('speed' in step) events.push({at: t, kind: 'speed', speed: step.speed});
		else if ('caption' in step) {
			const ms = step.for === undefined ? DEFAULT_CAPTION_MS : parseDuration(step.for, {allowZero: true});
			events.push({at: t, kind: 'caption', text: step.caption, until: t + ms});
		} else if ('pause' in step) {
			const ms = parseDuration(step.pause, {allowZero: true});
			events.push({at: t, kind: 'pause', until: t + ms});
			t += ms;
		} else if ('end' in step) {
			events.push({at: t, kind: 'end'});
			ends = true;
			break;
		}
	}
	return {events, lastMs: t, ends};
}

/** A key name from a timeline as the terminal would send it. */
export function keySequence(name: string): string {
	const named: Record<string, string> = {space: ' ', enter: '\r', escape: '\u001B', up: '\u001B[A', down: '\u001B[B', left: '\u001B[D', right: '\u001B[C', tab: '\t'};
	return named[name.toLowerCase()] ?? name;
}

/** A scenario without a timeline still plays: its title, then its paragraph, a sentence at a time. */
export function timelineOf(run: Pick<RunOptions, 'demo' | 'title' | 'description'>): TimelineStep[] {
	if (run.demo) return run.demo.timeline;
	const steps: TimelineStep[] = [];
	if (run.title) steps.push({caption: run.title, for: '5s'}, {wait: '5s'});
	for (const sentence of (run.description ?? '').match(/[^.!?]+[.!?]+/g) ?? [])
		for (const piece of captionPieces(sentence.trim())) steps.push({caption: piece, for: '6s'}, {wait: '6s'});
	return steps;
}

/** The longest caption shown whole: two rows of an 80-column terminal, wrapped at words (ui/layout.ts captionRows). */
export const CAPTION_CHARS = 150;

/**
 * A sentence in captions of at most CAPTION_CHARS, split at the clause boundary (", " "; "
 * ": ") nearest its middle, so an 80-column console shows each whole; a sentence without
 * one stays whole (the console then ends it at a word, with an ellipsis).
 */
export function captionPieces(sentence: string): string[] {
	if (sentence.length <= CAPTION_CHARS) return [sentence];
	const cuts = [...sentence.matchAll(/[,;:] /g)].map((m) => m.index + 1);
	if (cuts.length === 0) return [sentence];
	const mid = sentence.length / 2;
	const at = cuts.reduce((best, c) => (Math.abs(c - mid) < Math.abs(best - mid) ? c : best));
	return [...captionPieces(sentence.slice(0, at).trim()), ...captionPieces(sentence.slice(at).trim())];
}
