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
	for (const sentence of (run.description ?? '').match(/[^.!?]+[.!?]+/g) ?? []) steps.push({caption: sentence.trim(), for: '6s'}, {wait: '6s'});
	return steps;
}
