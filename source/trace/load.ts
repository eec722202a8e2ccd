// Reading a trace file: gzip is told by its magic bytes, never by the name, and the text
// is streamed through the parser chunk by chunk.

import {createInterface} from 'node:readline';
import type {Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {UsageError} from '../basics/errors.js';
import {fileErrorReason, openRegularFile} from '../basics/regular-file.js';
import type {LoadedTrace} from './format.js';
import {TraceParser, type TraceVm} from './parse.js';

// No size cap: a trace may rightly be gigabytes (gzipped, more). It is streamed, and the
// parser bounds what it keeps (4 KiB a line, 2^27 accesses of each kind).

/** The file's text, unzipped if it is gzip. Regular files only: a FIFO would block here. */
async function textStream(file: string): Promise<Readable> {
	const what = `--trace: cannot read ${file}`;
	const handle = await openRegularFile(file, what);
	let gz: boolean;
	try {
		const magic = Buffer.alloc(2);
		const {bytesRead} = await handle.read(magic, 0, 2, 0);
		gz = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
	} catch (error) {
		await handle.close();
		throw new UsageError(`${what}: ${fileErrorReason(error)}`);
	}
	const raw = handle.createReadStream({start: 0, highWaterMark: 1 << 20});
	if (!gz) return raw;
	const gunzip = createGunzip({chunkSize: 1 << 20});
	raw.on('error', (error) => gunzip.destroy(error));
	// Closes the file when the reader stops early (an error, lineOfAccess found its line).
	gunzip.on('close', () => raw.destroy());
	return raw.pipe(gunzip);
}

/** Parses a trace file into typed arrays; every problem is a UsageError naming file and line. */
export async function loadTrace(file: string, vm: TraceVm | null): Promise<LoadedTrace> {
	const parser = new TraceParser(file, vm);
	const stream = await textStream(file);
	try {
		for await (const chunk of stream) parser.push(chunk as Buffer);
	} catch (error) {
		stream.destroy();
		if (error instanceof UsageError) throw error;
		const e = error as NodeJS.ErrnoException;
		if (e?.code?.startsWith('Z_')) throw new UsageError(`${file}: the gzip data is damaged (${e.message})`);
		throw new UsageError(`--trace: cannot read ${file}: ${fileErrorReason(error)}`);
	}
	return parser.finish();
}

/**
 * The line of the index-th write (or read) of a trace already parsed without error. Only
 * for error messages found after parsing (a page past a swept memory size, a free page), so
 * it re-reads the file rather than keep a line number per access.
 */
export async function lineOfAccess(file: string, write: boolean, index: number): Promise<number> {
	const input = await textStream(file);
	const lines = createInterface({input, crlfDelay: Infinity});
	let line = 0;
	let seen = 0;
	const want = write ? 'w' : 'r';
	for await (const text of lines) {
		line++;
		const fields = text.split('#')[0].trim().split(/\s+/);
		if (fields.length !== 3 || fields[2] !== want) continue;
		if (seen++ === index) break;
	}
	lines.close();
	input.destroy();
	return seen > index ? line : 0;
}
