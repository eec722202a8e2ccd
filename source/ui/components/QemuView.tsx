// The `i` view: a panel's live figures under QEMU's query-migrate names, in place of the
// heatmap. Two columns when the panel is wide enough.
import {memo} from 'react';
import type {Scenario, Snapshot} from '../../core/index.js';
import {formatSize} from '../../basics/units.js';
import {clockMs, compactCount, cutAtWord, fit, spread, withCommas} from '../format.js';
import {type QemuEntry, qemuEntries} from '../qemu-live.js';
import type {Theme} from '../theme.js';
import {Lines} from './Lines.js';

/** A value as the JSON report has it (exact) or short for narrow columns. */
function valueText([, value, unit]: QemuEntry, exact: boolean): string {
	if (typeof value === 'string') return value;
	if (exact) return `${withCommas(value)}${unit ? ` ${unit}` : ''}`;
	if (unit === 'B') return formatSize(value);
	if (unit === 'ms') return clockMs(value);
	return `${compactCount(value)}${unit ? ` ${unit}` : ''}`;
}

const qemuHeaders = ["QEMU query-migrate names, live (as in the JSON report's qemu)", "QEMU query-migrate names, live (as in --json's qemu)", 'QEMU query-migrate names, live', 'query-migrate names'];

/** Exactly `rows` lines of `width`: as many entries as fit, in as many columns as fit. */
export function qemuLines(theme: Theme, snap: Snapshot, scenario: Scenario, width: number, rows: number): string[] {
	const entries = qemuEntries(snap, scenario);
	const p = theme.paint;
	const titled = rows >= 6;
	const body = Math.max(0, rows - (titled ? 1 : 0));
	// One column of exact figures when the rows suffice; otherwise as many columns of
	// ~30 as fit, with exact figures only where a column is wide enough (~34).
	const wanted = Math.ceil(entries.length / Math.max(1, body));
	const columns = Math.max(1, Math.min(wanted, 3, Math.floor((width + 2) / 32)));
	const colWidth = Math.floor((width - 2 * (columns - 1)) / columns);
	const exact = colWidth >= 34;
	const cell = (e: QemuEntry) => spread(p.label(e[0]), p.value(valueText(e, exact)), colWidth);
	// The header's longest form that fits: it never ends mid-word.
	const header = qemuHeaders.find((h) => h.length <= width) ?? cutAtWord(qemuHeaders.at(-1)!, width, theme.glyph.ellipsis);
	const lines = titled ? [p.dim(fit(header, width))] : [];
	const shown = entries.slice(0, body * columns);
	for (let r = 0; r < body; r++) {
		const cells = [];
		for (let c = 0; c < columns; c++) {
			const e = shown[c * body + r];
			if (e) cells.push(cell(e));
		}
		lines.push(fit(cells.join('  ') || ' ', width));
	}
	return lines.slice(0, rows);
}

export interface QemuViewProps {
	theme: Theme;
	snapshot: Snapshot;
	scenario: Scenario;
	width: number;
	rows: number;
}

export const QemuView = memo(function QemuView({theme, snapshot, scenario, width, rows}: QemuViewProps) {
	return <Lines lines={qemuLines(theme, snapshot, scenario, width, rows)} />;
});
