// Where a command's output goes, decided and opened before the work, so a bad path fails
// at once (one line naming the flag, exit 2) rather than after a long sweep or trace.
//
// `-` is stdout. A regular file (or a new one) is written whole or not at all: to a temp
// file beside it, renamed over it at the end, so a crash or a full disk never leaves half
// a CSV behind. A symlink is written through: the temp goes beside its target, and the
// link stays a link. Anything else — /dev/null, a FIFO, a terminal — is written directly,
// as a shell redirect would; renaming over it would replace the device node itself.

import {constants, fstatSync, type Stats} from 'node:fs';
import {access, lstat, open, readlink, realpath, rename, rm, stat, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {Readable, type Transform, type Writable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {reasonOf} from './errno.js';
import {UsageError, WriteError} from './errors.js';
import {holdTemp, releaseTemp} from './temp-files.js';

export type Chunks = string | Iterable<string> | AsyncIterable<string>;

export interface Output {
	/** For messages: the path as given, or "stdout". */
	readonly name: string;
	readonly toStdout: boolean;
	/** Writes all of `chunks`, through `through` (gzip, say); a regular file then replaces the old one. Call once. */
	write(chunks: Chunks, through?: Transform[]): Promise<void>;
}

const source = (chunks: Chunks) => Readable.from(typeof chunks === 'string' ? [chunks] : chunks);

/** A failure of the work itself (not of writing) passes through unchanged. */
function isWriteFailure(error: unknown): boolean {
	return typeof (error as NodeJS.ErrnoException)?.code === 'string' && !(error instanceof UsageError);
}

/** Writes `chunks` to stdout, waiting when the pipe is full; a closed pipe ends the process (see stdio.ts). */
export async function writeStdout(chunks: Chunks, through: Transform[] = []): Promise<void> {
	try {
		// end: false keeps stdout open for whatever the command prints after.
		await pipeline([source(chunks), ...through, process.stdout] as unknown as [Readable, Writable], {end: false});
	} catch (error) {
		throw isWriteFailure(error) ? new WriteError(`cannot write to stdout: ${reasonOf(error)}`) : error;
	}
}

const stdoutOutput: Output = {name: 'stdout', toStdout: true, write: writeStdout};

/** `--csv /dev/stdout`, or a path to the very file stdout was redirected to. */
function isStdout(st: Stats): boolean {
	try {
		const out = fstatSync(1);
		return out.dev === st.dev && out.ino === st.ino;
	} catch {
		return false;
	}
}

/** Opens the output named by `flag`'s value `path`; throws a UsageError naming `flag` if it cannot be written. */
export async function openOutput(path: string, flag: string): Promise<Output> {
	if (path === '-') return stdoutOutput;
	const refuse = (why: string) => new UsageError(`${flag}: cannot write ${path}: ${why}`);
	let st: Stats | null = null;
	try {
		st = await stat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(reasonOf(error));
	}
	if (st && isStdout(st)) return stdoutOutput;
	if (st?.isDirectory()) throw refuse('it is a directory');
	if (st && !st.isFile()) {
		// Opened now, as a shell would before running the command (a FIFO waits for a reader).
		let handle: FileHandle;
		try {
			handle = await open(path, 'w');
		} catch (error) {
			throw refuse(reasonOf(error));
		}
		return {name: path, toStdout: false, write: (chunks, through) => writeTo(handle, chunks, through, path, flag)};
	}
	const target = await (st ? realpath(path) : linkTarget(path)).catch((error) => Promise.reject(refuse(reasonOf(error))));
	return openReplacing(target, st, path, flag, refuse);
}

async function writeTo(handle: FileHandle, chunks: Chunks, through: Transform[] = [], name: string, flag: string): Promise<void> {
	try {
		await pipeline([source(chunks), ...through, handle.createWriteStream()] as unknown as [Readable, Writable]);
	} catch (error) {
		throw isWriteFailure(error) ? new WriteError(`${flag}: cannot write ${name}: ${reasonOf(error)}`) : error;
	}
}

/** Where a path that does not exist would be created: through any dangling symlinks, as `>` does. */
async function linkTarget(path: string): Promise<string> {
	let p = resolve(path);
	for (let hops = 0; hops < 40; hops++) {
		try {
			if (!(await lstat(p)).isSymbolicLink()) return p;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return p;
			throw error;
		}
		p = resolve(dirname(p), await readlink(p));
	}
	throw Object.assign(new Error('too many symlinks'), {code: 'ELOOP'});
}

const NAME_MAX = 255;

/** `.NAME.PID.tmp`, with NAME cut short so the whole fits in a directory entry. */
export function tempName(base: string, pid = process.pid): string {
	const suffix = `.${pid}.tmp`;
	let room = NAME_MAX - 1 - suffix.length;
	let kept = '';
	for (const c of base) {
		room -= Buffer.byteLength(c);
		if (room < 0) break;
		kept += c;
	}
	return `.${kept}${suffix}`;
}

async function openReplacing(target: string, existing: Stats | null, name: string, flag: string, refuse: (why: string) => UsageError): Promise<Output> {
	const dir = dirname(target);
	const tmp = join(dir, tempName(basename(target)));
	// Renaming would succeed over a read-only file; a shell redirect would not, nor do we.
	if (existing) await access(target, constants.W_OK).catch((error) => Promise.reject(refuse(reasonOf(error))));
	let handle: FileHandle;
	try {
		handle = await open(tmp, 'wx');
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' && !(await stat(dir).then(() => true, () => false));
		throw refuse(missing ? 'no such directory' : reasonOf(error));
	}
	holdTemp(tmp);
	// The new file keeps the old one's permissions, as writing into it would.
	if (existing) await handle.chmod(existing.mode & 0o7777);
	return {
		name,
		toStdout: false,
		async write(chunks, through) {
			try {
				await writeTo(handle, chunks, through, name, flag);
				await rename(tmp, target).catch((error) => Promise.reject(new WriteError(`${flag}: cannot write ${name}: ${reasonOf(error)}`)));
			} finally {
				await rm(tmp, {force: true});
				releaseTemp(tmp);
			}
		},
	};
}
