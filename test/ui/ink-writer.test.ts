// Ink 6.8.0's incremental writer rewound one row too few after a frame that ends with a
// newline (every frame that is not full-screen), so each repaint landed a row lower and the
// screen filled with copies; livemig patched it, but a patch never reaches an installed copy.
// Ink 8 rewinds by the full count. This drives Ink's writer straight into a headless xterm
// and reads the screen back, so an Ink upgrade that brings the drift back fails here (and
// test/e2e/installed-package.test.ts checks the installed package end to end).
import {describe, expect, it} from 'vitest';
import xterm from '@xterm/headless';
// Not exported by ink's package.json, hence the path (the file the patch changes).
import logUpdate from '../../node_modules/ink/build/log-update.js';

const {Terminal} = xterm;

async function screenAfter(frames: string[]): Promise<string[]> {
	const term = new Terminal({cols: 20, rows: 8, allowProposedApi: true});
	let pending = Promise.resolve();
	const stream = {
		write(s: string) {
			pending = pending.then(() => new Promise<void>((resolve) => term.write(s, resolve)));
			return true;
		},
	};
	const log = logUpdate.create(stream, {incremental: true, showCursor: true});
	for (const f of frames) log(f);
	await pending;
	const rows: string[] = [];
	for (let y = 0; y < 8; y++) rows.push(term.buffer.active.getLine(y)!.translateToString(true));
	term.dispose();
	return rows;
}

describe('ink incremental rendering', () => {
	it('repaints changed lines in place', async () => {
		const rows = await screenAfter(['a\nb\nc\n', 'a\nB\nc\n', 'a\nB\nC\n']);
		expect(rows.slice(0, 4)).toEqual(['a', 'B', 'C', '']);
	});

	it('stays in place over many frames, growing and shrinking', async () => {
		const rows = await screenAfter(['1\n2\n', '1\n2\n3\n', 'x\n2\n3\n', 'x\ny\n', 'x\nz\n']);
		expect(rows.slice(0, 4)).toEqual(['x', 'z', '', '']);
	});
});
