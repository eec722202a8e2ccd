// Output files are written whole or not at all: to a temporary file beside the target,
// then renamed over it, so a crash or a full disk never leaves half a CSV or trace behind.

import {createWriteStream} from 'node:fs';
import {rename, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {Readable, type Transform, type Writable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {UsageError} from '../basics/errors.js';

export type Chunks = string | Iterable<string> | AsyncIterable<string>;

/** Writes `chunks` to `file` atomically; `flag` names the option in errors (exit code 2). */
export async function writeAtomic(file: string, chunks: Chunks, flag: string, through: Transform[] = []): Promise<void> {
	const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
	try {
		await pipeline([Readable.from(typeof chunks === 'string' ? [chunks] : chunks), ...through, createWriteStream(tmp)] as unknown as [Readable, Writable]);
		await rename(tmp, file);
	} catch (error) {
		await rm(tmp, {force: true});
		if (error instanceof UsageError) throw error;
		const e = error as NodeJS.ErrnoException;
		const why = e?.code === 'ENOENT' ? 'no such directory' : e?.code === 'EACCES' ? 'permission denied' : e?.code === 'EISDIR' ? 'it is a directory' : e?.message;
		throw new UsageError(`${flag}: cannot write ${file}: ${why}`);
	}
}

/** Writes `chunks` to stdout, waiting when the pipe is full. */
export async function writeStdout(chunks: Chunks, through: Transform[] = []): Promise<void> {
	const streams = [Readable.from(typeof chunks === 'string' ? [chunks] : chunks), ...through, process.stdout];
	// end: false keeps stdout open for whatever the command prints after.
	await pipeline(streams as unknown as [Readable, Writable], {end: false});
}
