// asciicast v2 (docs.asciinema.org/manual/asciicast/v2): a JSON header line, then one
// `[seconds, "o", data]` line per output event, times counted from the start.

export interface CastHeader {
	width: number;
	height: number;
	/** Unix seconds; fixed with --timestamp for byte-identical files. */
	timestamp: number;
	title?: string;
	env?: Record<string, string>;
}

export class Cast {
	private readonly lines: string[];
	private lastTime = 0;

	constructor(header: CastHeader) {
		const head: Record<string, unknown> = {version: 2, width: header.width, height: header.height, timestamp: header.timestamp};
		if (header.title) head.title = header.title;
		head.env = header.env ?? {TERM: 'xterm-256color', SHELL: '/bin/sh'};
		this.lines = [JSON.stringify(head)];
	}

	/** Output at `seconds` since the start (never earlier than the last event). */
	output(seconds: number, data: string): void {
		if (data === '') return;
		const t = Math.max(this.lastTime, seconds);
		this.lastTime = t;
		this.lines.push(JSON.stringify([Number(t.toFixed(6)), 'o', data]));
	}

	get duration(): number {
		return this.lastTime;
	}

	get eventCount(): number {
		return this.lines.length - 1;
	}

	text(): string {
		return `${this.lines.join('\n')}\n`;
	}
}
