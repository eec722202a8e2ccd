// The one table of keys: the input hook looks actions up here and the help overlay and the
// footer print it, so a key cannot work without being documented (or the reverse).
import type {Key} from 'ink';

export type Action =
	| 'pause'
	| 'faster'
	| 'slower'
	| 'step'
	| 'previousEvent'
	| 'nextEvent'
	| 'back'
	| 'forward'
	| 'start'
	| 'end'
	| 'restart'
	| 'newSeed'
	| 'heatmap'
	| 'qemu'
	| 'still'
	| 'help'
	| 'close'
	| 'quit'
	| 'interrupt';

export interface KeyBinding {
	action: Action;
	/** Characters that trigger it, as Ink's useInput reports them. */
	inputs: readonly string[];
	/** Ctrl+letter combinations that trigger it. */
	ctrl?: readonly string[];
	/** Escape triggers it. */
	escape?: boolean;
	/** How help and the footer write the key. */
	label: string;
	help: string;
	/** Footer word, when the footer names it; lower rank shows first when space is short. */
	footer?: {text: string; rank: number};
	/** Left out of the help list (another entry already says it). */
	hidden?: boolean;
}

export const keyBindings: readonly KeyBinding[] = [
	{action: 'pause', inputs: [' '], label: 'space', help: 'pause / resume the simulation', footer: {text: 'pause', rank: 1}},
	{action: 'faster', inputs: ['+', '='], label: '+', help: 'faster (simulated time per wall second)', footer: {text: 'speed', rank: 3}},
	{action: 'slower', inputs: ['-', '_'], label: '-', help: 'slower'},
	{action: 'step', inputs: ['.'], label: '.', help: 'pause and step to the next event', footer: {text: 'step', rank: 7}},
	// Seek keys come in pairs: the first's line in help says both (the second is hidden there).
	{action: 'previousEvent', inputs: ['['], label: '[ ]', help: 'seek to the previous / next event', footer: {text: 'events', rank: 9}},
	{action: 'nextEvent', inputs: [']'], label: ']', help: 'seek to the next event', hidden: true},
	{action: 'back', inputs: ['<'], label: '< >', help: 'seek back / forward 10% of the run', footer: {text: 'seek', rank: 10}},
	{action: 'forward', inputs: ['>'], label: '>', help: 'seek forward 10% of the run', hidden: true},
	{action: 'start', inputs: ['0'], label: '0 $', help: 'seek to the start / the end'},
	{action: 'end', inputs: ['$'], label: '$', help: 'seek to the end', hidden: true},
	{action: 'restart', inputs: ['r'], label: 'r', help: 'restart with the same seed', footer: {text: 'restart', rank: 6}},
	{action: 'newSeed', inputs: ['n'], label: 'n', help: 'restart with a new seed (seed + 1)', footer: {text: 'new seed', rank: 8}},
	{action: 'heatmap', inputs: ['h'], label: 'h', help: 'heatmap: where pages are / how often they were written', footer: {text: 'heatmap', rank: 4}},
	{action: 'qemu', inputs: ['i'], label: 'i', help: "live figures under the names QEMU's info migrate uses", footer: {text: 'qemu', rank: 5}},
	{action: 'still', inputs: ['s'], label: 's', help: 'save this frame as an SVG still in the working directory', footer: {text: 'still', rank: 11}},
	{action: 'help', inputs: ['?'], label: '?', help: 'this help; the simulation waits while it is open (any key closes it)', footer: {text: 'help', rank: 0}},
	{action: 'close', inputs: [], escape: true, label: 'esc', help: 'close help', hidden: true},
	{action: 'quit', inputs: ['q', 'Q'], label: 'q', help: 'quit (Ctrl-C too)', footer: {text: 'quit', rank: 0}},
	// Quits too, with the exit status a shell expects of an interrupted program (130).
	{action: 'interrupt', inputs: [], ctrl: ['c'], label: 'Ctrl-C', help: 'quit, exit status 130', hidden: true},
];

/** The action a key press stands for, or null. */
export function actionFor(input: string, key: Pick<Key, 'ctrl' | 'escape'>): Action | null {
	for (const b of keyBindings) {
		if (key.escape && b.escape) return b.action;
		if (key.ctrl) {
			if (b.ctrl?.includes(input.toLowerCase())) return b.action;
			continue;
		}
		if (b.inputs.includes(input)) return b.action;
	}
	return null;
}

/** Footer labels for keys that come in pairs. */
const pairLabels: Partial<Record<Action, string>> = {faster: '+/-', previousEvent: '[/]', back: '</>'};

/** The footer's key hints, as many as fit in `width` columns (most useful first). */
export function footerHints(width: number, gap = 2): Array<{label: string; text: string}> {
	const candidates = keyBindings
		.filter((b) => b.footer)
		.map((b) => ({label: pairLabels[b.action] ?? b.label, text: b.footer!.text, rank: b.footer!.rank, order: keyBindings.indexOf(b)}));
	const chosen: typeof candidates = [];
	let used = 0;
	for (const c of [...candidates].sort((a, b) => a.rank - b.rank)) {
		const w = c.label.length + 1 + c.text.length + (chosen.length ? gap : 0);
		if (used + w > width) continue;
		chosen.push(c);
		used += w;
	}
	return chosen.sort((a, b) => a.order - b.order).map(({label, text}) => ({label, text}));
}
