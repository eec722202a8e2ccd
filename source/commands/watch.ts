// `livemig watch --qmp PATH`: a real QEMU migration on the console (or, without a terminal,
// a line per pass), read from QMP; `--record FILE` keeps every poll and event for `replay`.
// It only reads, unless --control: then c, p and + change the migration after a y.
import {UsageError} from '../basics/errors.js';
import {type Command, refuseArguments} from '../config/command.js';
import {type FlagSpec, flagsNamed} from '../config/flags.js';
import {printable} from '../basics/printable.js';
import type {Snapshot} from '../watch/tracker.js';

export const watchFlags: FlagSpec[] = [
	{name: 'qmp', type: 'string', value: 'PATH', help: 'watch: the source QEMU\'s QMP UNIX socket (-qmp unix:PATH,server=on,wait=off)', group: 'run'},
	{name: 'qmp-dest', type: 'string', value: 'PATH', help: 'watch: the destination\'s QMP socket, for its events (RESUME: the downtime\'s end)', group: 'run'},
	{name: 'poll-interval', type: 'string', default: '100ms', value: 'TIME', help: 'watch: how often to ask query-migrate (10 ms to 10 s)', group: 'run'},
	{name: 'control', type: 'boolean', help: 'watch: keys to cancel, switch to post-copy, raise downtime-limit (each asks y/n first)', group: 'run'},
	{name: 'record', type: 'string', value: 'FILE', help: 'watch: write every poll and event to FILE as JSON lines (for livemig replay)', group: 'output'},
];

export const watch: Command = {
	name: 'watch',
	usage: 'watch --qmp PATH',
	summary: 'watch a real QEMU migration through its QMP socket (--record to keep it)',
	flags: [...watchFlags, ...flagsNamed('color', 'ascii')],
	async run(inv) {
		refuseArguments(inv);
		const qmp = inv.flags.qmp;
		if (typeof qmp !== 'string' || qmp === '') throw new UsageError('--qmp: watch needs --qmp PATH, the source QEMU\'s QMP socket');
		const dest = typeof inv.flags.qmpDest === 'string' && inv.flags.qmpDest !== '' ? inv.flags.qmpDest : null;
		const [{parseDuration, parseOrRefuse}, {openRecorder}, {startWatch}] = await Promise.all([import('../basics/units.js'), import('../watch/recording.js'), import('../watch/poller.js')]);
		const intervalMs = parseOrRefuse('--poll-interval', () => parseDuration(String(inv.flags.pollInterval ?? '100ms')));
		if (intervalMs < 10 || intervalMs > 10_000) throw new UsageError(`--poll-interval: 10ms to 10s, got ${inv.flags.pollInterval}`);
		const recordPath = typeof inv.flags.record === 'string' && inv.flags.record !== '' ? inv.flags.record : null;
		// Opened before connecting: a bad path is refused before anything is watched.
		const recorder = recordPath ? openRecorder(recordPath) : null;
		let session: Awaited<ReturnType<typeof startWatch>>;
		try {
			session = await startWatch({qmp, qmpDest: dest, intervalMs, recorder});
		} catch (e) {
			// Never connected: no empty recording is left behind.
			recorder?.discard();
			throw e;
		}
		const {WatchError} = await import('../watch/qmp-client.js');
		const say = (line: string) => process.stderr.write(`livemig: ${printable(line)}\n`);
		const endCode = (s: Snapshot) => (s.final?.status === 'failed' ? 1 : 0);
		const failed = (e: unknown): number => {
			if (!(e instanceof WatchError)) throw e;
			say(`${e.message}${recordPath ? ` (the recording ${recordPath} is kept, whole lines up to here)` : ''}`);
			return 1;
		};
		const saidEnd = (s: Snapshot) => {
			if (s.final?.status === 'failed') say(`--qmp ${qmp}: the migration failed${s.final.error ? `: ${s.final.error}` : ''}`);
		};
		if (!(process.stdout.isTTY && process.stdin.isTTY)) {
			const {ProgressLines} = await import('../watch/progress-lines.js');
			const lines = new ProgressLines();
			const out = (s: Snapshot) => {
				for (const l of lines.next(s)) process.stdout.write(`${l}\n`);
			};
			out(session.snapshot());
			session.onSnapshot(out);
			// Ctrl-C ends the watch, the recording closed with an end line; the migration goes on.
			let interrupted!: (code: number) => void;
			const signalled = new Promise<number>((resolve) => (interrupted = resolve));
			const onSignal = (signal: NodeJS.Signals) => {
				session.stop('interrupted');
				interrupted(signal === 'SIGINT' ? 130 : 143);
			};
			process.once('SIGINT', onSignal);
			process.once('SIGTERM', onSignal);
			try {
				const s = await Promise.race([session.done, signalled]);
				if (typeof s === 'number') return s;
				saidEnd(s);
				return endCode(s);
			} catch (e) {
				return failed(e);
			} finally {
				process.off('SIGINT', onSignal);
				process.off('SIGTERM', onSignal);
			}
		}
		const [{startWatchConsole}, {colourWanted, localeIsUtf8}] = await Promise.all([import('../ui/watch/start-watch-console.js'), import('../basics/terminal-env.js')]);
		const listeners = new Set<(s: Snapshot) => void>();
		session.onSnapshot((s) => {
			for (const l of listeners) l(s);
		});
		const feed = {
			title: `livemig watch  ${qmp}${dest ? ` -> ${dest}` : ''}  QEMU ${session.start.qemuVersion}${session.start.eventsEnabled ? '' : '  (no events: polling only)'}`,
			snapshot: () => session.snapshot(),
			subscribe(l: (s: Snapshot) => void) {
				listeners.add(l);
				return () => void listeners.delete(l);
			},
			control: inv.flags.control === true ? session.act : null,
			replay: null,
		};
		const ascii = inv.flags.ascii === true || !localeIsUtf8(process.env);
		const result = await startWatchConsole(feed, {color: colourWanted({color: inv.flags.color !== false}, process.env), ascii, ended: session.done});
		if (result.signal !== null) {
			session.stop('interrupted');
			return result.signal;
		}
		let final: Snapshot;
		try {
			// q before the end: stop watching (the migration goes on); else the end is known.
			if (result.quit && !session.snapshot().final) {
				session.stop('quit');
				return 0;
			}
			await session.done;
			// The snapshot now, not at the last poll: a late RESUME may have fixed the downtime.
			final = session.snapshot();
		} catch (e) {
			return failed(e);
		}
		const {finalLine} = await import('../watch/progress-lines.js');
		if (final.final) process.stdout.write(`livemig watch: ${finalLine(final.final)}\n`);
		saidEnd(final);
		return endCode(final);
	},
};
