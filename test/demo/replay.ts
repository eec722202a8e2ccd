import {readFileSync} from 'node:fs';
import xterm from '@xterm/headless';

/** Replays an asciicast v2 file through a headless terminal and returns its final screen. */
export async function replayCast(path: string): Promise<{header: Record<string, unknown>; lines: string[]; events: number; colored: boolean}> {
	const [headLine, ...eventLines] = readFileSync(path, 'utf8').trimEnd().split('\n');
	const header = JSON.parse(headLine) as {width: number; height: number};
	const term = new xterm.Terminal({cols: header.width, rows: header.height, allowProposedApi: true});
	let last = -1;
	for (const line of eventLines) {
		const [time, code, data] = JSON.parse(line) as [number, string, string];
		if (time < last) throw new Error(`event times go backwards at ${time}`);
		last = time;
		if (code === 'o') await new Promise<void>((resolve) => term.write(data, resolve));
	}
	const buffer = term.buffer.active;
	const lines: string[] = [];
	let colored = false;
	for (let y = 0; y < header.height; y++) {
		const row = buffer.getLine(y);
		lines.push(row?.translateToString(true) ?? '');
		for (let x = 0; row && x < header.width; x++) {
			const cell = row.getCell(x);
			if (cell && (cell.getFgColorMode() !== 0 || cell.getBgColorMode() !== 0)) colored = true;
		}
	}
	term.dispose();
	return {header, lines, events: eventLines.length, colored};
}
