// `livemig replay FILE`: a `watch --record` file played on the console as it happened (at
// --speed), or line by line without a terminal; `--json` prints it as livemig's JSON report.
import {UsageError} from '../basics/errors.js';
import type {Command} from '../config/command.js';
import {flagsNamed, jsonFlag} from '../config/flags.js';

export const replay: Command = {
	name: 'replay',
	usage: 'replay FILE',
	summary: 'play a watch --record file on the console; --json: as a JSON report',
	flags: [...flagsNamed('speed', 'color', 'ascii'), jsonFlag],
	async run(inv) {
		const file = inv.input[0];
		if (file === undefined) throw new UsageError('replay: needs the FILE that watch --record wrote');
		if (inv.input.length > 1) throw new UsageError(`replay: unexpected argument "${inv.input[1]}"`);
		const [fs, {parseRecording}, {parseCount, parseOrRefuse}] = await Promise.all([import('node:fs'), import('../watch/recording.js'), import('../basics/units.js')]);
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			throw new UsageError(`${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? (e as Error).message)})`);
		}
		const rec = parseRecording(text, file);
		if (inv.flags.json === true) {
			const {recordingReport} = await import('../watch/to-report.js');
			const {writeStdout} = await import('../basics/output.js');
			await writeStdout(`${JSON.stringify(recordingReport(rec), null, 2)}\n`);
			return 0;
		}
		if (!(process.stdout.isTTY && process.stdin.isTTY)) {
			const [{ProgressLines}, {Replayer}] = await Promise.all([import('../watch/progress-lines.js'), import('../watch/replay.js')]);
			const lines = new ProgressLines();
			// Line by line as it happened, at once: the same lines watch printed live.
			const out: string[] = [];
			const replayer = new Replayer(rec);
			while (replayer.step()) out.push(...lines.next(replayer.snapshot()));
			process.stdout.write(out.map((l) => `${l}\n`).join(''));
			return 0;
		}
		const speed = inv.flags.speed === undefined ? 1 : parseOrRefuse('--speed', () => parseCount(String(inv.flags.speed), {min: 0.01}));
		const [{startWatchConsole}, {replayFeed}, {colourWanted, localeIsUtf8}] = await Promise.all([
			import('../ui/watch/start-watch-console.js'),
			import('../ui/watch/replay-feed.js'),
			import('../basics/terminal-env.js'),
		]);
		const feed = replayFeed(rec, `livemig replay  ${file}  (QEMU ${rec.start.qemuVersion}, ${rec.start.qmp})`, speed);
		const ascii = inv.flags.ascii === true || !localeIsUtf8(process.env);
		try {
			const r = await startWatchConsole(feed, {color: colourWanted({color: inv.flags.color !== false}, process.env), ascii, ended: new Promise(() => undefined)});
			return r.signal ?? 0;
		} finally {
			feed.stop();
		}
	},
};
