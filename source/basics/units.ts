// Parsing of the values flags and files take: sizes, rates, times, shares. Each parser
// returns a number in the core's units or throws a UnitError that says what was expected;
// parseOrRefuse words that as the UsageError of the flag, file path or header key it came from.
import {UsageError} from './errors.js';

export class UnitError extends Error {}

/** `parse()`, with a UnitError turned into a UsageError that starts with `label` ("--memory: must be ..."). */
export function parseOrRefuse<T>(label: string, parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		if (error instanceof UnitError) throw new UsageError(`${label}: ${error.message}`);
		throw error;
	}
}

const sizeUnits: Record<string, number> = {
	'': 1,
	b: 1,
	k: 1024,
	kb: 1024,
	kib: 1024,
	m: 1024 ** 2,
	mb: 1024 ** 2,
	mib: 1024 ** 2,
	g: 1024 ** 3,
	gb: 1024 ** 3,
	gib: 1024 ** 3,
	t: 1024 ** 4,
	tb: 1024 ** 4,
	tib: 1024 ** 4,
};

const number = String.raw`([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:e([+-]?[0-9]+))?`;

function split(raw: string, what: string): [number, string] {
	const m = new RegExp(`^\\s*(-)?${number}\\s*([a-z/%]*)\\s*$`, 'i').exec(raw);
	if (!m) throw new UnitError(`must be ${what}, got "${raw}"`);
	const value = Number(`${m[1] ?? ''}${m[2]}${m[3] ? `e${m[3]}` : ''}`);
	return [value, (m[4] ?? '').toLowerCase()];
}

/** Bytes, from "4GiB", "256MiB", "4096" (sizes are binary: KB means KiB here). */
export function parseSize(raw: string | number, options: {allowZero?: boolean} = {}): number {
	const what = 'a size like 4GiB or 256MiB';
	const [value, unit] = typeof raw === 'number' ? [raw, ''] : split(raw, what);
	const scale = sizeUnits[unit];
	if (scale === undefined) throw new UnitError(`must be ${what} (units B, KiB, MiB, GiB, TiB), got "${raw}"`);
	if (options.allowZero && value === 0) return 0;
	return positive(value * scale, raw, what);
}

const rateUnits: Record<string, number> = {'': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12};

/** Bits per second, from "1Gbit/s", "100Mbit/s", "10Gbps", "500M". */
export function parseBandwidth(raw: string | number): number {
	const what = 'a rate like 1Gbit/s or 100Mbit/s';
	if (typeof raw === 'number') return positive(raw, raw, what);
	const [value, unit] = split(raw, what);
	// Bytes per second in binary units, as QEMU's max-bandwidth is set: 128MiB/s.
	const bytes = /^([kmgt])ib\/s$/.exec(unit);
	if (bytes) return positive(value * 8 * 1024 ** ('kmgt'.indexOf(bytes[1]) + 1), raw, what);
	const m = /^([kmgt]?)(bit\/s|bits\/s|bps|b\/s|)$/.exec(unit);
	if (!m) throw new UnitError(`must be ${what}, got "${raw}"`);
	return positive(value * rateUnits[m[1]], raw, what);
}

/** A stream cap: a rate, or "unlimited" (or 0, as QEMU spells it): null. */
export function parseCap(raw: string | number): number | null {
	if (raw === 0 || (typeof raw === 'string' && /^\s*(unlimited|0)\s*$/i.test(raw))) return null;
	return parseBandwidth(raw);
}

const timeUnits: Record<string, number> = {'': 1, ms: 1, s: 1000, sec: 1000, m: 60000, min: 60000, h: 3600000, us: 0.001};

/** Milliseconds, from "300ms", "5s", "2min" (a bare number is ms). */
export function parseDuration(raw: string | number, options: {allowZero?: boolean} = {}): number {
	const what = 'a time like 300ms or 5s';
	const [value, unit] = typeof raw === 'number' ? [raw, ''] : split(raw, what);
	const scale = timeUnits[unit];
	if (scale === undefined) throw new UnitError(`must be ${what} (units us, ms, s, min, h), got "${raw}"`);
	const ms = value * scale;
	if (options.allowZero && ms === 0) return 0;
	return positive(ms, raw, what);
}

/** A share in [0, 1), from "30%" or "0.3". */
export function parseShare(raw: string | number, max = 0.95): number {
	const what = 'a share like 30% or 0.3';
	const [value, unit] = typeof raw === 'number' ? [raw, ''] : split(raw, what);
	if (unit !== '' && unit !== '%') throw new UnitError(`must be ${what}, got "${raw}"`);
	const share = unit === '%' ? value / 100 : value;
	if (!(share >= 0) || share > max) throw new UnitError(`must be between 0% and ${max * 100}%, got "${raw}"`);
	return share;
}

/** A count or rate: a plain non-negative number ("20000", "2e4"). */
export function parseCount(raw: string | number, options: {integer?: boolean; min?: number} = {}): number {
	const what = options.integer ? 'a whole number' : 'a number';
	const [value, unit] = typeof raw === 'number' ? [raw, ''] : split(raw, what);
	if (unit !== '' && unit !== 'pages/s' && unit !== '/s') throw new UnitError(`must be ${what}, got "${raw}"`);
	if (!Number.isFinite(value)) throw new UnitError(`must be ${what}, got "${raw}"`);
	if (options.integer && !Number.isInteger(value)) throw new UnitError(`must be ${what}, got "${raw}"`);
	const min = options.min ?? 0;
	if (value < min) throw new UnitError(`must be at least ${min}, got "${raw}"`);
	return value;
}

function positive(value: number, raw: string | number, what: string): number {
	if (!Number.isFinite(value) || value <= 0) throw new UnitError(`must be ${what} above zero, got "${raw}"`);
	return value;
}

/** "4 GiB", "256 MiB", "512 KiB" for people. */
export function formatSize(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let v = bytes;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return `${Number.isInteger(v) ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

export function formatBandwidth(bitsPerSec: number): string {
	const units: Array<[number, string]> = [
		[1e12, 'Tbit/s'],
		[1e9, 'Gbit/s'],
		[1e6, 'Mbit/s'],
		[1e3, 'Kbit/s'],
	];
	for (const [scale, name] of units) if (bitsPerSec >= scale) return `${trim(bitsPerSec / scale)} ${name}`;
	return `${trim(bitsPerSec)} bit/s`;
}

/**
 * A setting's time for people ("RTT 1.0 ms", "300 ms", "12.00 s"): in the style of
 * formatTime (a number, a space, ms or s; never "2m02.1s"), fewer digits as settings are round.
 */
export function formatMs(ms: number): string {
	if (ms >= 1000) return formatTime(ms);
	if (ms >= 10) return `${ms.toFixed(0)} ms`;
	return `${ms.toFixed(1)} ms`;
}

/**
 * The one format of a result's time, in the console (panels, counters, scoreboard) and the
 * headless summary alike, so the two show the same digits: "4.097 ms" under 10 ms (a
 * stop-and-copy's milliseconds tick visibly), "64.0 ms", "34.43 s", "122.1 s", "1,234 s".
 * Seconds past a minute, not "2m02.1s": one style, a number and a unit. At most 8 columns
 * below 10^4 s, so a column does not jitter as the value grows.
 */
export function formatTime(ms: number): string {
	// Thresholds sit where rounding would carry into the next range ("10.000 ms", "100.00 s").
	if (ms < 9.9995) return `${ms.toFixed(3)} ms`;
	if (ms < 999.95) return `${ms.toFixed(1)} ms`;
	const s = ms / 1000;
	if (s < 99.995) return `${s.toFixed(2)} s`;
	if (s < 999.95) return `${s.toFixed(1)} s`;
	return `${Math.round(s).toLocaleString('en-US')} s`;
}

/** A count for people, in full with grouped thousands: "1,145,662". */
export function formatCount(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

function trim(v: number): string {
	return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
}
