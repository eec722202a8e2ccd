import type {RunOptions} from '../config/run-options.js';
import type {TimelineStep} from '../config/scenario-schema.js';

// A demo's timeline: its steps are played by demo-script.ts. A scenario without one plays
// its title and description as captions (timelineOf).

/** How long a caption shows without a `for`. */
export const DEFAULT_CAPTION_MS = 4000;

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
