// The live side of `watch`: connects to the source's QMP (and the destination's, for its
// events), reads the parameters and capabilities, turns the `events` capability on where QEMU
// allows, then polls query-migrate every interval and hands every poll and event to the
// tracker and the recorder. It changes the migration only through act(), which --control's
// keys call after a confirmation.
import {QmpClient, QmpCommandError, WatchError} from './qmp-client.js';
import type {Recorder} from './recording.js';
import {isFinal, type Poll, type QueryMigrate, type WatchAction, type WatchEvent, type WatchStart} from './samples.js';
import {type Snapshot, Tracker} from './tracker.js';

export interface PollerOptions {
	qmp: string;
	qmpDest: string | null;
	intervalMs: number;
	recorder: Recorder | null;
	/** The host clock (Date.now); tests may fix it. */
	now?: () => number;
}

export type Control = {kind: 'cancel'} | {kind: 'postcopy'} | {kind: 'downtime-limit'; ms: number};

export interface WatchSession {
	start: WatchStart;
	/** Called with a new snapshot after every poll and event. */
	onSnapshot(l: (s: Snapshot) => void): void;
	snapshot(): Snapshot;
	/** Resolves with the final snapshot; rejects with a WatchError when QEMU goes away. */
	done: Promise<Snapshot>;
	act(c: Control): Promise<string>;
	/** Stops polling and closes the sockets (idempotent); `reason` goes to the recording's end line. */
	stop(reason: string): void;
}

export async function startWatch(o: PollerOptions): Promise<WatchSession> {
	const now = o.now ?? Date.now;
	const src = await QmpClient.connect(o.qmp, '--qmp');
	let dst: QmpClient | null = null;
	try {
		dst = o.qmpDest ? await QmpClient.connect(o.qmpDest, '--qmp-dest') : null;
	} catch (e) {
		src.close();
		throw e;
	}
	const tracker = new Tracker();
	const listeners: Array<(s: Snapshot) => void> = [];
	const emit = () => {
		const s = tracker.snapshot();
		for (const l of listeners) l(s);
	};
	// A pass can be shorter than the poll interval: each MIGRATION_PASS (a sync, migration/ram.c)
	// asks query-migrate at once, so the staircase's steps fall near the syncs, not up to a poll late.
	let pollNow = () => {};
	const onEvent = (side: WatchEvent['side']) => (e: {event: string; timeMs: number; data: Record<string, unknown>}) => {
		const ev: WatchEvent = {atMs: now(), side, event: e.event, qmpTimeMs: e.timeMs, data: e.data};
		o.recorder?.write({type: 'event', ...ev});
		tracker.event(ev);
		emit();
		if (side === 'source' && (e.event === 'MIGRATION_PASS' || e.event === 'MIGRATION')) pollNow();
		if (side === 'destination' && e.event === 'RESUME') onResume();
	};
	let onResume = () => {};
	src.onEvent(onEvent('source'));
	dst?.onEvent(onEvent('destination'));

	const start = await readStart(src, dst, o, now());
	o.recorder?.write({type: 'start', version: 1, ...start});
	tracker.begin(start);

	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let settle!: (s: Snapshot) => void;
	let fail!: (e: Error) => void;
	const done = new Promise<Snapshot>((resolve, reject) => {
		settle = resolve;
		fail = reject;
	});
	// A rejection nobody awaits yet (the console awaits later) must not end the process.
	done.catch(() => undefined);
	const stop = (reason: string) => {
		if (stopped) return;
		stopped = true;
		clearTimeout(timer);
		o.recorder?.write({type: 'end', atMs: now(), reason});
		o.recorder?.close();
		src.close();
		dst?.close();
	};
	const gone = (e: Error) => {
		if (stopped) return;
		stop('qemu-gone');
		fail(e);
	};
	src.onClose(gone);
	dst?.onClose(() => undefined); // the destination's events are extra: its QEMU may exit first

	const t0 = now();
	let polls = 0;
	let inFlight = false;
	let again = false;
	const tick = async () => {
		if (stopped) return;
		if (inFlight) {
			again = true;
			return;
		}
		inFlight = true;
		clearTimeout(timer);
		let info: QueryMigrate;
		try {
			info = await src.execute<QueryMigrate>('query-migrate');
		} catch (e) {
			gone(e instanceof WatchError ? e : new WatchError(`${o.qmp}: query-migrate: ${(e as Error).message}`));
			return;
		} finally {
			inFlight = false;
		}
		if (stopped) return;
		const poll: Poll = {atMs: now(), info};
		o.recorder?.write({type: 'poll', ...poll});
		tracker.poll(poll);
		emit();
		if (isFinal(info)) {
			const finish = () => {
				if (stopped) return;
				stop(info.status ?? 'final');
				settle(tracker.snapshot());
			};
			// QEMU's downtime was implausible and the destination's RESUME (the pause's end) is
			// not in yet: give it a second to arrive before closing the sockets.
			if (dst && tracker.snapshot().final?.downtimeMs === null && info.status === 'completed') {
				onResume = finish;
				setTimeout(finish, 1000);
			} else finish();
			return;
		}
		if (again) {
			again = false;
			void tick();
			return;
		}
		// On the interval's cadence from the start, not after each reply, so polls stay evenly spaced.
		polls = Math.max(polls + 1, Math.ceil((now() - t0) / o.intervalMs));
		timer = setTimeout(() => void tick(), Math.max(0, t0 + polls * o.intervalMs - now()));
	};
	pollNow = () => void tick();
	void tick();

	const act = async (c: Control): Promise<string> => {
		const [command, args]: [string, Record<string, unknown> | undefined] =
			c.kind === 'cancel' ? ['migrate_cancel', undefined] : c.kind === 'postcopy' ? ['migrate-start-postcopy', undefined] : ['migrate-set-parameters', {'downtime-limit': c.ms}];
		let result = 'ok';
		try {
			await src.execute(command, args);
			if (c.kind === 'downtime-limit') tracker.setDowntimeLimit(c.ms);
		} catch (e) {
			result = e instanceof QmpCommandError ? e.desc : (e as Error).message;
		}
		const action: WatchAction = {atMs: now(), command, ...(args ? {arguments: args} : {}), result};
		o.recorder?.write({type: 'action', ...action});
		emit();
		return result;
	};

	return {start, onSnapshot: (l) => listeners.push(l), snapshot: () => tracker.snapshot(), done, act, stop};
}

async function readStart(src: QmpClient, dst: QmpClient | null, o: PollerOptions, atMs: number): Promise<WatchStart> {
	const parameters = await src.execute<Record<string, unknown>>('query-migrate-parameters').catch(() => ({}));
	const list = await src.execute<Array<{capability: string; state: boolean}>>('query-migrate-capabilities').catch(() => []);
	const capabilities: Record<string, boolean> = {};
	for (const c of list) capabilities[c.capability] = c.state;
	// `events` only adds MIGRATION and MIGRATION_PASS events; QEMU refuses capability changes
	// while a migration runs (qmp_migrate_set_capabilities in migration/migration.c: QERR_MIGRATION_ACTIVE), so watching one already going means polling only.
	const enable = async (c: QmpClient) =>
		c
			.execute('migrate-set-capabilities', {capabilities: [{capability: 'events', state: true}]})
			.then(() => true)
			.catch(() => false);
	const eventsEnabled = capabilities.events === true || (await enable(src));
	if (eventsEnabled) capabilities.events = true;
	if (dst) await enable(dst);
	return {atMs, qmp: o.qmp, qmpDest: o.qmpDest, qemuVersion: src.version, parameters, capabilities, eventsEnabled};
}
