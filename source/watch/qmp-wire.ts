// QMP wire format, pure, for `livemig watch` and the validation harness (validate/qmp-parse.ts
// re-exports it): QEMU sends one JSON object per line (CRLF-terminated, qapi/qmp-dispatch.c); a
// chunk may end mid-line or hold several lines, and events may arrive between a command and its reply.

export type QmpMessage =
	| {kind: 'greeting'; version: string}
	| {kind: 'return'; id: unknown; value: unknown}
	| {kind: 'error'; id: unknown; errorClass: string; desc: string}
	| {kind: 'event'; event: string; timeMs: number; data: Record<string, unknown>}
	| {kind: 'garbage'; line: string; reason: string};

/** Splits a byte stream into complete lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
	private rest = '';

	push(chunk: string): string[] {
		const text = this.rest + chunk;
		const parts = text.split('\n');
		this.rest = parts.pop() ?? '';
		return parts.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
	}

	get pending(): string {
		return this.rest;
	}
}

/** QMP event timestamps are host wall-clock seconds + microseconds: both QEMUs share the host clock. */
export function qmpTimeMs(ts: unknown): number {
	if (typeof ts !== 'object' || ts === null) return Number.NaN;
	const {seconds, microseconds} = ts as {seconds?: unknown; microseconds?: unknown};
	if (typeof seconds !== 'number' || typeof microseconds !== 'number') return Number.NaN;
	return seconds * 1000 + microseconds / 1000;
}

export function parseQmpLine(line: string): QmpMessage {
	let v: unknown;
	try {
		v = JSON.parse(line);
	} catch {
		return {kind: 'garbage', line, reason: 'not JSON'};
	}
	if (typeof v !== 'object' || v === null || Array.isArray(v)) return {kind: 'garbage', line, reason: 'not an object'};
	const o = v as Record<string, unknown>;
	if ('QMP' in o) {
		const q = (o.QMP ?? {}) as {version?: {qemu?: {major?: number; minor?: number; micro?: number}}};
		const x = q.version?.qemu;
		return {kind: 'greeting', version: x ? `${x.major}.${x.minor}.${x.micro}` : 'unknown'};
	}
	if ('event' in o && typeof o.event === 'string') {
		return {kind: 'event', event: o.event, timeMs: qmpTimeMs(o.timestamp), data: (o.data ?? {}) as Record<string, unknown>};
	}
	if ('error' in o) {
		const e = (o.error ?? {}) as {class?: unknown; desc?: unknown};
		return {kind: 'error', id: o.id, errorClass: String(e.class ?? 'GenericError'), desc: String(e.desc ?? '')};
	}
	if ('return' in o) return {kind: 'return', id: o.id, value: o.return};
	return {kind: 'garbage', line, reason: 'neither greeting, reply nor event'};
}

/** The command line QEMU expects: {"execute", "arguments"?, "id"}. */
export function qmpCommand(execute: string, id: number, args?: Record<string, unknown>): string {
	return JSON.stringify(args === undefined ? {execute, id} : {execute, arguments: args, id}) + '\n';
}
