// A streaming parser for trace text: fed chunks of bytes, it fills typed arrays directly,
// so a trace of millions of accesses never exists as a string. Every error names the file
// and the line.

import {MAX_PAGES} from '../core/index.js';
import {UsageError} from '../cli/resolve.js';
import {formatSize} from '../cli/units.js';
import {HEADER_KEYWORD, type LoadedTrace, pagesOf, parseHeader, type TraceHeader} from './format.js';

/** The VM a trace is checked against while parsing; null: check pages later (sweeps over memory). */
export interface TraceVm {
	memoryBytes: number;
	pageSizeBytes: number;
}

const MAX_LINE_BYTES = 4096;
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

class Column<T extends Float64Array | Uint32Array> {
	length = 0;
	data: T;
	constructor(private readonly make: (n: number | SharedArrayBuffer) => T) {
		this.data = make(1 << 16);
	}
	push(v: number): void {
		if (this.length === this.data.length) {
			const bigger = this.make(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = v;
	}
	/** The filled part, in shared memory so sweep workers read it without a copy. */
	shared(): T {
		const copy = this.make(new SharedArrayBuffer(this.length * this.data.BYTES_PER_ELEMENT));
		copy.set(this.data.subarray(0, this.length) as never);
		return copy;
	}
}

const times = () => new Column((n) => new Float64Array(n as number));
const pages = () => new Column((n) => new Uint32Array(n as number));

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
		let buf = chunk;
		if (this.carry) {
			buf = Buffer.concat([this.carry, chunk]);
			this.carry = null;
		}
		let pos = 0;
		for (;;) {
			const nl = buf.indexOf(10, pos);
			if (nl < 0) break;
			this.parseLine(buf, pos, nl);
			pos = nl + 1;
		}
		if (pos < buf.length) {
			if (buf.length - pos > MAX_LINE_BYTES) this.fail(this.line + 1, `a line is longer than ${MAX_LINE_BYTES} bytes (is this a trace file?)`);
			this.carry = Buffer.from(buf.subarray(pos));
		}
	}

	finish(): LoadedTrace {
		if (this.carry) this.parseLine(this.carry, 0, this.carry.length);
		this.carry = null;
		const h = this.header;
		return {
			file: this.file,
			header: h,
			writeTimes: this.wt.shared(),
			writePages: this.wp.shared(),
			readTimes: this.rt.shared(),
			readPages: this.rp.shared(),
			durationMs: h?.durationMs ?? this.lastTime,
			maxPage: this.maxPage,
		};
	}

	private fail(line: number, message: string): never {
		throw new UsageError(`${this.file}:${line}: ${message}`);
	}

	private malformed(buf: Buffer, s: number, e: number, why = ''): never {
		const text = buf.toString('latin1', s, Math.min(e, s + 60)).replace(/[^\x20-\x7e]/g, '?');
		this.fail(this.line, `expected "TIME_MS PAGE r|w"${why}, got "${text}${e - s > 60 ? '...' : ''}"`);
	}

	private parseLine(buf: Buffer, s: number, e: number): void {
		this.line++;
		if (e > s && buf[e - 1] === CR) e--;
		let i = s;
		while (i < e && (buf[i] === SPACE || buf[i] === TAB)) i++;
		if (i === e || buf[i] === HASH) return;
		if (buf[i] === 108 /* l */) return this.parseHeaderLine(buf.toString('latin1', i, e));

		// TIME_MS: digits, optional fraction, optional exponent.
		const t0 = i;
		let n = 0;
		let digits = 0;
		let frac = 0;
		let exact = true;
		for (let seenDot = false; i < e; i++) {
			const c = buf[i];
			if (c >= ZERO && c <= NINE) {
				if (n >= EXACT_LIMIT) exact = false;
				n = n * 10 + (c - ZERO);
				digits++;
				if (seenDot) frac++;
			} else if (c === DOT && !seenDot) seenDot = true;
			else break;
		}
		if (digits === 0) {
			if (buf[t0] === 45 /* - */) this.fail(this.line, `time ${buf.toString('latin1', t0, Math.min(e, t0 + 24)).split(/\s/)[0]} is negative`);
			this.malformed(buf, s, e);
		}
		if (i < e && (buf[i] === 101 || buf[i] === 69) /* e E */) {
			exact = false;
			i++;
			if (i < e && (buf[i] === 43 || buf[i] === 45)) i++;
			const d0 = i;
			while (i < e && buf[i] >= ZERO && buf[i] <= NINE) i++;
			if (i === d0) this.malformed(buf, s, e);
		}
		// Clinger's fast path: an exact mantissa over an exact power of ten rounds correctly,
		// so the value equals Number(text) and String(time) written out reads back the same.
		const time = exact && frac <= 22 ? (frac === 0 ? n : n / POW10[frac]) : Number(buf.toString('latin1', t0, i));
		if (!Number.isFinite(time)) this.fail(this.line, `time ${buf.toString('latin1', t0, i)} is not a finite number`);
		if (!this.space(buf, i, e)) this.malformed(buf, s, e);
		while (buf[i] === SPACE || buf[i] === TAB) i++;

		// PAGE: a whole number.
		let page = 0;
		const p0 = i;
		for (; i < e && buf[i] >= ZERO && buf[i] <= NINE; i++) page = page * 10 + (buf[i] - ZERO);
		if (i === p0 || !this.space(buf, i, e)) this.malformed(buf, s, e);
		while (buf[i] === SPACE || buf[i] === TAB) i++;

		// r|w, then nothing but blanks or a comment.
		const kind = buf[i];
		if (i >= e || (kind !== 114 && kind !== 119)) this.malformed(buf, s, e, ' (the access is r or w)');
		i++;
		while (i < e && (buf[i] === SPACE || buf[i] === TAB)) i++;
		if (i < e && buf[i] !== HASH) this.malformed(buf, s, e);

		this.accept(time, page, kind === 119);
	}

	private space(buf: Buffer, i: number, e: number): boolean {
		return i < e && (buf[i] === SPACE || buf[i] === TAB);
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
			const size = formatSize(this.header?.pageSizeBytes ?? this.vm!.pageSizeBytes);
			this.fail(this.line, `page ${page} is past the end of memory (${this.pageLimit} pages of ${size}: 0 to ${this.pageLimit - 1})`);
		}
		this.accesses++;
		this.lastTime = time;
		this.lastLine = this.line;
		if (page > this.maxPage) this.maxPage = page;
		if (write) {
			this.wt.push(time);
			this.wp.push(page);
		} else {
			this.rt.push(time);
			this.rp.push(page);
		}
	}

	/** Pages in the VM the trace runs on: the header's sizes, else the scenario's. */
	private limit(): number {
		const h = this.header;
		if (!this.vm && h?.memoryBytes === undefined) return -1;
		const memory = h?.memoryBytes ?? this.vm!.memoryBytes;
		const pageSize = h?.pageSizeBytes ?? this.vm?.pageSizeBytes ?? 4096;
		return pagesOf(memory, pageSize, `${this.file}:${h?.line ?? 0}`);
	}

	private parseHeaderLine(text: string): void {
		const where = `${this.file}:${this.line}`;
		if (text.split(/\s/)[0] !== HEADER_KEYWORD) throw new UsageError(`${where}: expected "TIME_MS PAGE r|w", got "${text.slice(0, 60)}"`);
		if (this.header) throw new UsageError(`${where}: a second header (the first is on line ${this.header.line})`);
		if (this.accesses > 0) throw new UsageError(`${where}: the ${HEADER_KEYWORD} header must come before the first access`);
		this.header = parseHeader(text, this.line, where);
		if (this.header.memoryBytes !== undefined)
			pagesOf(this.header.memoryBytes, this.header.pageSizeBytes ?? this.vm?.pageSizeBytes ?? 4096, where);
	}
}
