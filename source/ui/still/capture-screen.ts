import {EventEmitter} from 'node:events';

/**
 * A stand-in terminal for one frame: Ink, in debug mode, writes each frame whole, and this
 * keeps the latest (cursor show / hide codes aside). The console renders into it the same
 * way it renders into the user's terminal, so a still is the console's own frame.
 */
export class CaptureScreen extends EventEmitter {
	readonly isTTY = true;
	frame = '';

	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write(data: string): boolean {
		if (/^(\u001B\[\?25[hl])*$/.test(data)) return true;
		this.frame = data;
		return true;
	}

	// Ink asks for these on a stream it writes to.
	getColorDepth(): number {
		return 8;
	}

	hasColors(): boolean {
		return true;
	}
}
