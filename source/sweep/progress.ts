// A progress bar on stderr while a sweep runs, only when stderr is a terminal: piped or
// redirected output gets nothing extra.

export interface Progress {
	update(done: number): void;
	finish(): void;
}

const silent: Progress = {update: () => {}, finish: () => {}};

export function progressBar(total: number, ascii: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
	if (!stream.isTTY) return silent;
	const [full, empty] = ascii ? ['#', '-'] : ['█', '░'];
	let last = Date.now();
	const draw = (done: number) => {
		const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
		const filled = Math.round((done / total) * width);
		stream.write(`\rsweep ${full.repeat(filled)}${empty.repeat(width - filled)} ${done}/${total} runs`);
	};
	draw(0);
	return {
		update(done) {
			// Redraw at most ten times a second; the last one always.
			const now = Date.now();
			if (done < total && now - last < 100) return;
			last = now;
			draw(done);
		},
		finish() {
			stream.write('\r\x1b[K');
		},
	};
}
