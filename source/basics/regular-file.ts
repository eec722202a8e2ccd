// Opening an input file safely: regular files only, checked on the descriptor actually
// opened (a path checked first and opened after could be swapped in between), and every
// failure told by the operating system's own reason.

import {closeSync, constants, fstatSync, openSync, readSync, type Stats, statfsSync} from 'node:fs';
import {type FileHandle, open, statfs} from 'node:fs/promises';
import {UsageError} from './errors.js';

// O_NONBLOCK: opening a FIFO with no writer returns at once (and is then refused), where a
// plain open would wait for a writer forever. It changes nothing for a regular file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

// Kernel pseudo-filesystems: their files claim to be regular, report size 0, and may block
// or consume what they return (/proc/kmsg). Linux statfs magic numbers.
const PSEUDO_FILESYSTEMS = new Map<number, string>([
	[0x9fa0, '/proc'],
	[0x62656572, '/sys'],
	[0x64626720, 'debugfs'],
	[0x74726163, 'tracefs'],
	[0x73636673, 'securityfs'],
	[0x63677270, 'cgroup2'],
	[0x62656570, 'configfs'],
]);

/** The OS's reason for a failed open or read, in words where it has a common code. */
export function fileErrorReason(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	if (e?.code === 'ENOENT') return 'no such file';
	if (e?.code === 'EISDIR') return 'it is a directory';
	if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
	if (e?.code === 'EAGAIN') return 'reading it would block (it is not a regular file)';
	return e instanceof Error ? e.message : String(error);
}

function kindOf(st: Stats): string | null {
	if (st.isFile()) return null;
	if (st.isDirectory()) return 'it is a directory';
	if (st.isFIFO()) return 'it is a FIFO (named pipe), not a regular file';
	if (st.isSocket()) return 'it is a socket, not a regular file';
	if (st.isCharacterDevice() || st.isBlockDevice()) return 'it is a device, not a regular file';
	return 'it is not a regular file';
}

function pseudoReason(type: number | bigint): string | null {
	const fs = PSEUDO_FILESYSTEMS.get(Number(type));
	return fs ? `it is a kernel pseudo-file (${fs}), not a regular file` : null;
}

function sizeText(bytes: number): string {
	for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const)
		if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
	return `${bytes} bytes`;
}

/**
 * A regular file's whole content, refused unread when it is over `maxBytes` (and refused if
 * it grows past that while read). `what` starts each message: "--scenario: cannot read F".
 */
export function readRegularFileSync(path: string, what: string, maxBytes: number): Buffer {
	let fd: number;
	try {
		fd = openSync(path, READ_FLAGS);
	} catch (error) {
		throw new UsageError(`${what}: ${fileErrorReason(error)}`);
	}
	try {
		const st = fstatSync(fd);
		const refused = kindOf(st) ?? pseudoReason(statfsSync(path).type);
		if (refused) throw new UsageError(`${what}: ${refused}`);
		const limit = `the ${sizeText(maxBytes)} limit for this file`;
		if (st.size > maxBytes) throw new UsageError(`${what}: it is ${sizeText(st.size)}, over ${limit}`);
		// One byte more than the limit tells a file that grew past it after the fstat.
		let buffer = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
		let length = 0;
		for (;;) {
			const n = readSync(fd, buffer, length, buffer.length - length, null);
			if (n === 0) return buffer.subarray(0, length);
			length += n;
			if (length > maxBytes) throw new UsageError(`${what}: it grew past ${limit} while being read`);
			if (length === buffer.length) {
				const bigger = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
				buffer.copy(bigger);
				buffer = bigger;
			}
		}
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw new UsageError(`${what}: ${fileErrorReason(error)}`);
	} finally {
		closeSync(fd);
	}
}

/** Opens a regular file for reading (the caller closes it); `what` starts each message. */
export async function openRegularFile(path: string, what: string): Promise<FileHandle> {
	let handle: FileHandle;
	try {
		handle = await open(path, READ_FLAGS);
	} catch (error) {
		throw new UsageError(`${what}: ${fileErrorReason(error)}`);
	}
	try {
		const refused = kindOf(await handle.stat()) ?? pseudoReason((await statfs(path)).type);
		if (refused) throw new UsageError(`${what}: ${refused}`);
		return handle;
	} catch (error) {
		await handle.close();
		if (error instanceof UsageError) throw error;
		throw new UsageError(`${what}: ${fileErrorReason(error)}`);
	}
}
