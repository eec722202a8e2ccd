// `watch --record FILE`: every poll, event and action as JSON lines (docs/watch-recording.md).
// Each line goes out in one write(2) as it happens, so whatever ends watch (a signal, QEMU
// gone) leaves a file of whole lines; a reader ignores an unfinished last line.
import fs from 'node:fs';
import {UsageError} from '../basics/errors.js';
import type {Poll, WatchAction, WatchEvent, WatchStart} from './samples.js';

export const RECORDING_VERSION = 1;

export type RecordLine =
	| ({type: 'start'; version: number} & WatchStart)
	| ({type: 'poll'} & Poll)
	| ({type: 'event'} & WatchEvent)
	| ({type: 'action'} & WatchAction)
	| {type: 'end'; atMs: number; reason: string};

export interface Recorder {
	write(line: RecordLine): void;
	close(): void;
	/** Closes it and, when nothing was written (watch never connected), removes the file. */
	discard(): void;
}

/** Checks FILE now (before connecting), so a bad path is refused at once; the first line replaces it. */
export function openRecorder(path: string, flag = '--record'): Recorder {
	if (path === '-') throw new UsageError(`${flag}: a recording needs a file (stdout shows the progress)`);
	// Checked now without truncating (an old recording survives a watch that never connects),
	// replaced from the first line on.
	const existed = fs.existsSync(path);
	let fd: number;
	try {
		fs.closeSync(fs.openSync(path, 'a'));
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? (e as Error).message);
		throw new UsageError(`${flag} ${path}: cannot write it (${why})`);
	}
	let state: 'unopened' | 'open' | 'closed' = 'unopened';
	const close = () => {
		if (state === 'open') fs.closeSync(fd);
		state = 'closed';
	};
	return {
		write(line) {
			if (state === 'closed') return;
			if (state === 'unopened') {
				fd = fs.openSync(path, 'w');
				state = 'open';
			}
			fs.writeSync(fd, `${JSON.stringify(line)}\n`);
		},
		close,
		discard() {
			const wrote = state !== 'unopened';
			close();
			if (!wrote && !existed) fs.rmSync(path, {force: true});
		},
	};
}

export interface Recording {
	start: WatchStart;
	/** Polls, events and actions in the order they happened. */
	lines: Array<Exclude<RecordLine, {type: 'start'}>>;
	end: {atMs: number; reason: string} | null;
}

/** Parses a recording; a bad line is a UsageError naming the file and the line. */
export function parseRecording(text: string, path: string): Recording {
	const raw = text.split('\n');
	// A recording cut off mid-line (the machine died mid-write) keeps its whole lines.
	if (!text.endsWith('\n')) raw.pop();
	let start: WatchStart | undefined;
	const lines: Recording['lines'] = [];
	let end: Recording['end'] = null;
	raw.forEach((line, i) => {
		if (line.trim() === '') return;
		const bad = (why: string) => new UsageError(`${path}:${i + 1}: ${why}`);
		let v: unknown;
		try {
			v = JSON.parse(line);
		} catch {
			throw bad('not JSON (is this a livemig watch --record file?)');
		}
		const o = v as {type?: unknown; atMs?: unknown; version?: unknown};
		if (typeof o !== 'object' || o === null || typeof o.type !== 'string' || typeof o.atMs !== 'number') throw bad('not a recording line (needs "type" and "atMs")');
		if (i === 0 || o.type === 'start') {
			if (o.type !== 'start' || i !== 0) throw bad('the first line must be the "start" line, and only it');
			if (o.version !== RECORDING_VERSION) throw bad(`recording version ${String(o.version)}; this livemig reads version ${RECORDING_VERSION}`);
			const {type: _t, version: _v, ...rest} = v as RecordLine & {type: 'start'};
			start = rest;
		} else if (o.type === 'end') end = {atMs: o.atMs, reason: String((v as {reason?: unknown}).reason ?? '')};
		else if (o.type === 'poll' || o.type === 'event' || o.type === 'action') lines.push(v as Recording['lines'][number]);
		else throw bad(`unknown line type "${o.type}"`);
	});
	if (!start) throw new UsageError(`${path}: empty (no "start" line)`);
	return {start, lines, end};
}
