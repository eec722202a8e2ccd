// What a sweep can vary. Each parameter is a race flag: its values are parsed by the flag's
// own parser (so --from and --to take the flag's units), held in the core's base unit (bits/s,
// bytes, ms, pages/s), and handed back to resolveOptions as plain numbers, which every
// parser reads as that base unit.

import {camel} from '../basics/flag-names.js';
import {parseBandwidth, parseCount, parseDuration, parseShare, parseSize} from '../basics/units.js';

/** A display unit: values are divided by `scale` and labelled `unit`. */
export interface DisplayUnit {
	unit: string;
	scale: number;
}

export interface SweepParam {
	name: string;
	/** The key in the parsed flags (camelCase). */
	key: string;
	/** In words, for titles and crossover lines. */
	label: string;
	/** The unit values are held in (CSV and JSON). */
	baseUnit: string;
	parse: (raw: string) => number;
	/** Whole numbers only (rounds). */
	integer?: boolean;
	/** Sizes are rounded to whole pages. */
	pages?: boolean;
	/** Zero is a valid value (rtt, rates, shares), so only --log needs from > 0. */
	zeroOk?: boolean;
	/** The unit to show values in, given the largest value of the sweep. */
	unitFor: (max: number) => DisplayUnit;
	/** Has no effect on a trace workload (the trace fixes the accesses). */
	workloadShape?: boolean;
}

const sizeUnit = (max: number): DisplayUnit =>
	max >= 1024 ** 3 ? {unit: 'GiB', scale: 1024 ** 3} : max >= 1024 ** 2 ? {unit: 'MiB', scale: 1024 ** 2} : {unit: 'KiB', scale: 1024};
const rateUnit = (max: number): DisplayUnit =>
	max >= 1e9 ? {unit: 'Gbit/s', scale: 1e9} : max >= 1e6 ? {unit: 'Mbit/s', scale: 1e6} : {unit: 'Kbit/s', scale: 1e3};
const timeUnit = (max: number): DisplayUnit => (max >= 10_000 ? {unit: 's', scale: 1000} : {unit: 'ms', scale: 1});
const fixed = (unit: string, scale = 1) => (): DisplayUnit => ({unit, scale});

const list: Array<Omit<SweepParam, 'key'>> = [
	{name: 'dirty-rate', label: 'dirty rate', baseUnit: 'pages/s', parse: (v) => parseCount(v), zeroOk: true, unitFor: fixed('pages/s'), workloadShape: true},
	{name: 'read-rate', label: 'read rate', baseUnit: 'pages/s', parse: (v) => parseCount(v), zeroOk: true, unitFor: fixed('pages/s'), workloadShape: true},
	{name: 'wss', label: 'working set', baseUnit: 'bytes', parse: parseSize, pages: true, unitFor: sizeUnit, workloadShape: true},
	{name: 'memory', label: 'memory', baseUnit: 'bytes', parse: parseSize, pages: true, unitFor: sizeUnit},
	{name: 'bandwidth', label: 'bandwidth', baseUnit: 'bit/s', parse: parseBandwidth, unitFor: rateUnit},
	{name: 'rtt', label: 'RTT', baseUnit: 'ms', parse: (v) => parseDuration(v, {allowZero: true}), zeroOk: true, unitFor: timeUnit},
	{name: 'precopy-rounds', label: 'hybrid pre-copy rounds', baseUnit: 'rounds', parse: (v) => parseCount(v, {integer: true, min: 1}), integer: true, unitFor: fixed('rounds')},
	{name: 'max-rounds', label: 'max rounds', baseUnit: 'rounds', parse: (v) => parseCount(v, {integer: true, min: 1}), integer: true, unitFor: fixed('rounds')},
	{name: 'downtime-limit', label: 'downtime limit', baseUnit: 'ms', parse: (v) => parseDuration(v), unitFor: timeUnit},
	{name: 'free-memory', label: 'free memory', baseUnit: 'fraction', parse: (v) => parseShare(v), zeroOk: true, unitFor: fixed('%', 0.01)},
	{name: 'zero-memory', label: 'zero memory', baseUnit: 'fraction', parse: (v) => parseShare(v), zeroOk: true, unitFor: fixed('%', 0.01)},
	{name: 'cpu-state', label: 'CPU state', baseUnit: 'bytes', parse: parseSize, unitFor: sizeUnit},
];

export const sweepParams: SweepParam[] = list.map((p) => ({...p, key: camel(p.name)}));

export function findParam(name: string): SweepParam | undefined {
	return sweepParams.find((p) => p.name === name);
}

/**
 * The K points from `from` to `to`, evenly spaced (or geometrically with `log`), in base
 * units. Sizes snap to whole pages and rounds to whole numbers.
 */
export function sweepValues(p: SweepParam, from: number, to: number, steps: number, log: boolean, pageBytes: number): number[] {
	const values: number[] = [];
	for (let i = 0; i < steps; i++) {
		const f = steps === 1 ? 0 : i / (steps - 1);
		// The ends are exact: no rounding drift on the values the user typed.
		let v = i === 0 ? from : i === steps - 1 ? to : log ? from * (to / from) ** f : from + (to - from) * f;
		if (p.integer) v = Math.round(v);
		else if (p.pages) v = Math.max(pageBytes, Math.round(v / pageBytes) * pageBytes);
		values.push(v);
	}
	return values;
}

/** "14,800 pages/s", "2.35 Gbit/s", "3 rounds": a value in words, to three figures. */
export function formatParam(p: SweepParam, v: number, unit = p.unitFor(v)): string {
	const shown = v / unit.scale;
	const text = p.integer ? String(Math.round(shown)) : Number(shown.toPrecision(3)).toLocaleString('en-US', {maximumFractionDigits: 3});
	if (unit.unit === '%') return `${text}%`;
	return `${text} ${unit.unit === 'rounds' && text === '1' ? 'round' : unit.unit}`;
}
