// The trace file format, in one place: the header line's grammar (read and written here)
// and the shape of a parsed trace. The access lines are parsed byte by byte in parse.ts.
//
//   # comment                      anywhere; blank lines are ignored too
//   livemig-trace v1 page-size=4096 memory=4GiB duration=60000
//                                  optional, before the first access; every key optional
//   0.2 123456 w                   TIME_MS PAGE r|w: VM time (ms, ascending), page index
//
// Sizes and times take the units their flags take (duration: a bare number is ms).

import {MAX_PAGES, TARGET_PAGE_BYTES} from '../core/index.js';
import {UsageError} from '../basics/errors.js';
import {formatSize, parseDuration, parseOrRefuse, parseSize} from '../basics/units.js';

export const HEADER_KEYWORD = 'livemig-trace';
export const FORMAT_VERSION = 'v1';

export interface TraceHeader {
	pageSizeBytes?: number;
	memoryBytes?: number;
	/** Length of one pass (what --trace-loop repeats), ms of VM time. */
	durationMs?: number;
	/** 1-based line number, for errors that refer back to it. */
	line: number;
}

/** A parsed trace: the core's arrays plus what the CLI needs to check it against a scenario. */
export interface LoadedTrace {
	file: string;
	header: TraceHeader | null;
	writeTimes: Float64Array;
	writePages: Uint32Array;
	readTimes: Float64Array;
	readPages: Uint32Array;
	/** Header duration, or else the last access's time. */
	durationMs: number;
	/** The largest page index any access names (-1 when there are none). */
	maxPage: number;
}

/** Parses a header line; `where` is "FILE:LINE" for errors. */
export function parseHeader(text: string, line: number, where: string): TraceHeader {
	const tokens = text.trim().split(/\s+/);
	const header: TraceHeader = {line};
	let i = 1;
	if (tokens[i]?.startsWith('v')) {
		if (tokens[i] !== FORMAT_VERSION) throw new UsageError(`${where}: unknown trace format version "${tokens[i]}" (this livemig reads ${FORMAT_VERSION})`);
		i++;
	}
	for (; i < tokens.length; i++) {
		const [key, value, extra] = tokens[i].split('=');
		if (value === undefined || value === '' || extra !== undefined)
			throw new UsageError(`${where}: header expects KEY=VALUE, got "${tokens[i]}"`);
		const as = `${where}: ${key}`;
		if (key === 'page-size') header.pageSizeBytes = parseOrRefuse(as, () => parseSize(value));
		else if (key === 'memory') header.memoryBytes = parseOrRefuse(as, () => parseSize(value));
		else if (key === 'duration') header.durationMs = parseOrRefuse(as, () => parseDuration(value, {allowZero: true}));
		else throw new UsageError(`${where}: unknown header key "${key}" (known: page-size, memory, duration)`);
	}
	const page = header.pageSizeBytes;
	// A trace's pages are the model's 4 KiB pages (the dirty log's), whatever the host page
	// size (--page-size): a trace of other pages would need its accesses split or merged.
	if (page !== undefined && page !== TARGET_PAGE_BYTES)
		throw new UsageError(`${where}: page-size must be 4KiB (a trace counts 4 KiB pages; the host page size is --page-size), got ${formatSize(page)}`);
	return header;
}

/** The header the trace command writes; numbers as String(n) so they read back exactly. */
export function formatHeader(h: {pageSizeBytes: number; memoryBytes: number; durationMs: number}): string {
	return `${HEADER_KEYWORD} ${FORMAT_VERSION} page-size=${h.pageSizeBytes} memory=${h.memoryBytes} duration=${String(h.durationMs)}`;
}

/** Page count of a memory size, checked as --memory is; errors point at the header line. */
export function pagesOf(memoryBytes: number, pageSizeBytes: number, where: string): number {
	if (memoryBytes < pageSizeBytes * 64) throw new UsageError(`${where}: memory must hold at least 64 pages of ${pageSizeBytes} bytes`);
	const pages = Math.floor(memoryBytes / pageSizeBytes);
	if (pages > MAX_PAGES) throw new UsageError(`${where}: ${pages} pages is past what the model supports (2^31 pages)`);
	return pages;
}
