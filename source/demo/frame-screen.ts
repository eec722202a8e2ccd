import {EventEmitter} from 'node:events';

/**
 * A stand-in terminal for Ink in debug mode, which writes every frame whole. It turns each
 * frame into what a terminal needs to show it: only the rows that changed, each redrawn at
 * its place. The output is a pure function of the frames, so a recording is repeatable.
 */
export class FrameScreen extends EventEmitter {
	readonly isTTY = true;
	private previous: string[] = [];
	private started = false;
	private frozen = false;

	constructor(
		readonly columns: number,
		readonly rows: number,
		private readonly emit_: (data: string) => void,
	) {
		super();
	}

	write(frame: string): boolean {
		if (this.frozen) return true;
		// Ink shows and hides the cursor itself; this screen keeps it hidden until the end.
		if (/^(\u001B\[\?25[hl])+$/.test(frame)) return true;
		// Ink's frame ends with a newline; rows beyond the terminal would scroll it.
		const lines = frame.replace(/\n$/, '').split('\n').slice(0, this.rows);
		let out = this.started ? '' : '\u001B[?25l\u001B[H\u001B[2J';
		this.started = true;
		const count = Math.max(lines.length, this.previous.length);
		for (let row = 0; row < count; row++) {
			const line = lines[row] ?? '';
			if (line === this.previous[row]) continue;
			out += `\u001B[${row + 1};1H${line}\u001B[0m\u001B[K`;
		}
		this.previous = lines;
		if (out) this.emit_(out);
		return true;
	}

	/** Ignores what comes after (Ink's unmount), so the last frame stays as it was. */
	freeze(): void {
		this.frozen = true;
	}

	/** Leaves the last frame on screen with the cursor below it, visible again. */
	finish(): void {
		this.emit_(`\u001B[${Math.min(this.rows, this.previous.length + 1)};1H\u001B[?25h`);
	}

	// Ink asks for these on a stream it writes to.
	getColorDepth(): number {
		return 8;
	}

	hasColors(): boolean {
		return true;
	}
}
