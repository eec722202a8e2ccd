// A streaming parser for trace text: fed chunks of bytes, it fills typed arrays directly,
// so a trace of millions of accesses never exists as a string. Every error names the file
// and the line.

import {MAX_PAGES, TARGET_PAGE_BYTES} from '../core/index.js';
import {UsageError} from '../basics/errors.js';
import {formatSize} from '../basics/units.js';
import {HEADER_KEYWORD, type LoadedTrace, pagesOf, parseHeader, type TraceHeader} from './format.js';

/** The VM a trace is checked against while parsing; null: check pages later (sweeps over memory). */
export interface TraceVm {
	memoryBytes: number;
	pageSizeBytes: number;
}

const MAX_LINE_BYTES = 4096;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Below this a decimal mantissa stays exact after one more digit (n * 10 + 9 < 2^53). */
const EXACT_LIMIT = 900719925474099;
const POW10 = Array.from({length: 23}, (_, k) => 10 ** k); // exact up to 1e22
/** Accesses of one kind at most: 2^27, a GiB of times (address space reserved, not memory). */
const MAX_PER_KIND = 2 ** 27;

type Typed = Float64Array | Uint32Array;

/**
 * A column of a growable SharedArrayBuffer: it grows in place (no copy into a bigger array,
 * no final copy), and sweep workers share it without copying. Fresh memory is slow to touch
 * on small VMs, so touching each byte once matters.
 */
class Column<T extends Typed> {
	length = 0;
	private readonly sab: SharedArrayBuffer;
	data: T;
	constructor(private readonly make: (b: SharedArrayBuffer, n: number) => T, private readonly bytes: number) {
		const Sab = SharedArrayBuffer as unknown as new (n: number, o: {maxByteLength: number}) => SharedArrayBuffer & {grow(n: number): void};
		this.sab = new Sab((1 << 16) * bytes, {maxByteLength: MAX_PER_KIND * bytes});
		this.data = make(this.sab, 1 << 16);
	}
	/** False when the column is full. */
	push(v: number): boolean {
		if (this.length === this.data.length) {
			if (this.length >= MAX_PER_KIND) return false;
			const n = Math.min(MAX_PER_KIND, this.length * 2);
			(this.sab as SharedArrayBuffer & {grow(n: number): void}).grow(n * this.bytes);
			// A fixed-length view is much faster to index than a length-tracking one.
			this.data = this.make(this.sab, n);
		}
		this.data[this.length++] = v;
		return true;
	}
	filled(): T {
		return this.make(this.sab, this.length);
	}
}

const times = () => new Column((b, n) => new Float64Array(b, 0, n), 8);
const pages = () => new Column((b, n) => new Uint32Array(b, 0, n), 4);

export class TraceParser {
	private line = 0;
	private carry: Buffer | null = null;
	private readonly wt = times();
	private readonly wp = pages();
	private readonly rt = times();
	private readonly rp = pages();
	private header: TraceHeader | null = null;
	private accesses = 0;
	private lastTime = 0;
	private lastLine = 0;
	private maxPage = -1;
	/** Page limit, fixed at the first access (the header may change it until then). */
	private pageLimit = -1;

	constructor(
		private readonly file: string,
		private readonly vm: TraceVm | null,
	) {}

	push(chunk: Buffer): void {
		let pos = 0;
		if (this.carry) {
			// The line split across chunks: only it is copied, never the whole chunk.
			const nl = chunk.indexOf(LF);
			const piece = nl < 0 ? chunk : chunk.subarray(0, nl + 1);
			this.carry = Buffer.concat([this.carry, piece]);
			if (nl < 0) return this.checkCarry();
			const line = this.carry;
			this.carry = null;
			this.parseLine(line, 0);
			pos = nl + 1;
		}
		const last = chunk.lastIndexOf(LF);
		// Every line parsed below ends in LF, so the scanners need no bounds checks.
		while (pos <= last) pos = this.parseLine(chunk, pos);
		if (pos < chunk.length) {
			this.carry = Buffer.from(chunk.subarray(pos));
			this.checkCarry();
		}
	}

	private checkCarry(): void {
		if (this.carry && this.carry.length > MAX_LINE_BYTES)
			this.fail(this.line + 1, `a line is longer than ${MAX_LINE_BYTES} bytes (is this a trace file?)`);
	}

	finish(): LoadedTrace {
		if (this.carry) this.parseLine(Buffer.concat([this.carry, Buffer.from([LF])]), 0);
		this.carry = null;
		const h = this.header;
		return {
			file: this.file,
			header: h,
			writeTimes: this.wt.filled(),
			writePages: this.wp.filled(),
			readTimes: this.rt.filled(),
			readPages: this.rp.filled(),
			durationMs: h?.durationMs ?? this.lastTime,
			maxPage: this.maxPage,
		};
	}

	private fail(line: number, message: string): never {
		throw new UsageError(`${this.file}:${line}: ${message}`);
	}

	private malformed(buf: Buffer, s: number, why = ''): never {
		let e = buf.indexOf(LF, s);
		if (e > s && buf[e - 1] === CR) e--;
		const text = buf.toString('latin1', s, Math.min(e, s + 60)).replace(/[^\x20-\x7e]/g, '?');
		this.fail(this.line, `expected "TIME_MS PAGE r|w"${why}, got "${text.trim()}${e - s > 60 ? '...' : ''}"`);
	}

	/** Parses the line at s (it ends in LF) and returns where the next one starts. */
	private parseLine(buf: Buffer, s: number): number {
		this.line++;
		let i = s;
		let c = buf[i];
		while (c === SPACE || c === TAB) c = buf[++i];
		if (c === LF) return i + 1;
		if (c === CR && buf[i + 1] === LF) return i + 2;
		if (c === HASH) return buf.indexOf(LF, i) + 1;
		if (c === 108 /* l */) {
			const e = buf.indexOf(LF, i);
			this.parseHeaderLine(buf.toString('latin1', i, e).trim());
			return e + 1;
		}

		// TIME_MS: digits, optional fraction, optional exponent.
		const t0 = i;
		let n = 0;
		let digits = 0;
		let frac = 0;
		let exact = true;
		let seenDot = false;
		for (; ; c = buf[++i]) {
			if (c >= ZERO && c <= NINE) {
				if (n >= EXACT_LIMIT) exact = false;
				n = n * 10 + (c - ZERO);
				digits++;
				if (seenDot) frac++;
			} else if (c === DOT && !seenDot) seenDot = true;
			else break;
		}
		if (digits === 0) {
			if (buf[t0] === 45 /* - */) this.fail(this.line, `time ${buf.toString('latin1', t0, buf.indexOf(LF, t0)).split(/\s/)[0]} is negative`);
			this.malformed(buf, s);
		}
		if (c === 101 || c === 69 /* e E */) {
			exact = false;
			c = buf[++i];
			if (c === 43 || c === 45) c = buf[++i];
			const d0 = i;
			while (c >= ZERO && c <= NINE) c = buf[++i];
			if (i === d0) this.malformed(buf, s);
		}
		// Clinger's fast path: an exact mantissa over an exact power of ten rounds correctly,
		// so the value equals Number(text) and String(time) written out reads back the same.
		const time = exact && frac <= 22 ? (frac === 0 ? n : n / POW10[frac]) : Number(buf.toString('latin1', t0, i));
		if (!Number.isFinite(time)) this.fail(this.line, `time ${buf.toString('latin1', t0, i)} is not a finite number`);
		if (c !== SPACE && c !== TAB) this.malformed(buf, s);
		while (c === SPACE || c === TAB) c = buf[++i];

		// PAGE: a whole number.
		let page = 0;
		const p0 = i;
		while (c >= ZERO && c <= NINE) {
			page = page * 10 + (c - ZERO);
			c = buf[++i];
		}
		if (i === p0 || (c !== SPACE && c !== TAB)) this.malformed(buf, s);
		while (c === SPACE || c === TAB) c = buf[++i];

		// r|w, then nothing but blanks or a comment.
		const kind = c;
		if (kind !== 114 && kind !== 119) this.malformed(buf, s, ' (the access is r or w)');
		c = buf[++i];
		while (c === SPACE || c === TAB || c === CR) c = buf[++i];
		if (c === HASH) i = buf.indexOf(LF, i);
		else if (c !== LF) this.malformed(buf, s);

		this.accept(time, page, kind === 119);
		return i + 1;
	}

	private accept(time: number, page: number, write: boolean): void {
		if (this.accesses === 0) this.pageLimit = this.limit();
		if (time < this.lastTime)
			this.fail(this.line, `time ${time} ms goes backwards (line ${this.lastLine} is at ${this.lastTime} ms)`);
		const h = this.header;
		if (h?.durationMs !== undefined && time > h.durationMs)
			this.fail(this.line, `time ${time} ms is past the header's duration (${h.durationMs} ms, line ${h.line})`);
		if (page >= MAX_PAGES) this.fail(this.line, `page ${page} is past the largest VM the model takes (2^31 pages)`);
		if (this.pageLimit >= 0 && page >= this.pageLimit) {
			const size = formatSize(TARGET_PAGE_BYTES);
			this.fail(this.line, `page ${page} is past the end of memory (${this.pageLimit} pages of ${size}: 0 to ${this.pageLimit - 1})`);
		}
		this.accesses++;
		this.lastTime = time;
		this.lastLine = this.line;
		if (page > this.maxPage) this.maxPage = page;
		const stored = write ? this.wt.push(time) && this.wp.push(page) : this.rt.push(time) && this.rp.push(page);
		if (!stored) this.fail(this.line, `more than ${MAX_PER_KIND.toLocaleString('en-US')} ${write ? 'writes' : 'reads'}: split the trace`);
	}

	/** Pages in the VM the trace runs on: the header's sizes, else the scenario's. */
	private limit(): number {
		const h = this.header;
		if (!this.vm && h?.memoryBytes === undefined) return -1;
		const memory = h?.memoryBytes ?? this.vm!.memoryBytes;
		return pagesOf(memory, TARGET_PAGE_BYTES, `${this.file}:${h?.line ?? 0}`);
	}

	private parseHeaderLine(text: string): void {
		const where = `${this.file}:${this.line}`;
		if (text.split(/\s/)[0] !== HEADER_KEYWORD) throw new UsageError(`${where}: expected "TIME_MS PAGE r|w", got "${text.slice(0, 60)}"`);
		if (this.header) throw new UsageError(`${where}: a second header (the first is on line ${this.header.line})`);
		if (this.accesses > 0) throw new UsageError(`${where}: the ${HEADER_KEYWORD} header must come before the first access`);
		this.header = parseHeader(text, this.line, where);
		if (this.header.memoryBytes !== undefined)
			pagesOf(this.header.memoryBytes, TARGET_PAGE_BYTES, where);
	}
}
