// The sweep as text: a heading, then per metric a chart, its table and the crossovers.

import {Chalk} from 'chalk';
import type {DisplayOptions} from '../basics/display-options.js';
import {algorithmNames, nameWithPrecopyPolicy} from '../basics/names.js';
import {colourWanted, localeIsUtf8} from '../basics/terminal-env.js';
import {formatBandwidth, formatMs, formatSize} from '../basics/units.js';
import {asciiGlyphs, renderChart, unicodeGlyphs} from './chart.js';
import {bestThroughout, findCrossovers} from './crossovers.js';
import type {Metric} from './metrics.js';
import {type DisplayUnit, formatParam} from './params.js';
import {statsOf, type Sweep} from './sweep-data.js';
import {axisLabel, sweepTable} from './table.js';

export interface Style {
	color: boolean;
	ascii: boolean;
	width: number;
}

const CHART_ROWS = 12;
const hues = ['cyan', 'magenta', 'yellow', 'green'] as const;

/** Colour, glyphs and width as the console chooses them: flags, NO_COLOR, locale, terminal. */
export function outputStyle(display: DisplayOptions, env: NodeJS.ProcessEnv, columns: number | undefined): Style {
	return {
		color: colourWanted(display, env) && new Chalk().level > 0,
		ascii: display.ascii || !localeIsUtf8(env),
		width: Math.max(40, Math.min(200, columns || 80)),
	};
}

function heading(sweep: Sweep, xUnit: DisplayUnit, dash: string): string[] {
	const o = sweep.options;
	const s = sweep.base;
	const seeds = sweep.seeds.length === 1 ? `seed ${sweep.seeds[0]}` : `seeds ${sweep.seeds[0]}${dash}${sweep.seeds[sweep.seeds.length - 1]}`;
	const items: Array<[string, string]> = [
		['workload', `workload ${s.workload.kind}`],
		['memory', `${formatSize(s.memoryBytes)} VM`],
		['bandwidth', `${formatBandwidth(s.bandwidthBitsPerSec)} link`],
		['rtt', `RTT ${formatMs(s.rttMs)}`],
		['policy', `${s.precopy.policy} stop rule`],
	];
	return [
		`livemig sweep: ${o.param.label} from ${formatParam(o.param, o.values[0], xUnit)} to ${formatParam(o.param, o.values[o.values.length - 1], xUnit)}, ` +
			`${o.values.length} points${o.log ? ' (log)' : ''}, ${seeds}`,
		items
			.filter(([k]) => k !== o.param.name)
			.map(([, v]) => v)
			.join(', '),
	];
}

function metricSection(sweep: Sweep, metric: Metric, xUnit: DisplayUnit, style: Style): string[] {
	const o = sweep.options;
	const stats = statsOf(sweep, metric);
	const yUnit = metric.unitFor(Math.max(...stats.flat().map((s) => s.max)));
	const chalk = new Chalk({level: style.color ? new Chalk().level : 0});
	const labels = sweep.algorithms.map((a) => nameWithPrecopyPolicy(a, sweep.base.precopy.policy));
	const chart = renderChart(
		labels.map((label, a) => ({label, points: o.values.map((v, p) => [v / xUnit.scale, stats[a][p].mean / yUnit.scale] as const)})),
		{
			width: style.width,
			height: CHART_ROWS,
			log: o.log,
			xDomain: [o.values[0] / xUnit.scale, o.values[o.values.length - 1] / xUnit.scale],
			xLabel: `${axisLabel(o.param.label, xUnit.unit)}${o.log ? ', log scale' : ''}`,
			yLabel: axisLabel(metric.label, yUnit.unit),
			glyphs: style.ascii ? asciiGlyphs : unicodeGlyphs,
			paint: (i, text) => chalk[hues[i % hues.length]](text),
		},
	);
	const dash = style.ascii ? '-' : '–';
	const units = stats.map((series) => metric.tableUnitFor(series.flatMap((s) => [s.mean, s.min, s.max])));
	const table = sweepTable({title: metric.label, figure: metric.figure, param: o.param, xUnit, values: o.values, labels, stats, units, repeat: sweep.seeds.length, dash});
	return [...chart, '', ...table, ...crossoverLines(sweep, metric, stats.map((s) => s.map((x) => x.mean)), xUnit), ''];
}

function crossoverLines(sweep: Sweep, metric: Metric, means: number[][], xUnit: DisplayUnit): string[] {
	const o = sweep.options;
	if (sweep.algorithms.length < 2) return [];
	const name = (i: number) => algorithmNames[sweep.algorithms[i]];
	const at = (v: number) => formatParam(o.param, v, xUnit);
	const found = findCrossovers(o.values, means, o.log, o.param.integer === true, metric.figure.kind);
	if (found.length === 0) {
		const best = bestThroughout(means, metric.figure.kind);
		return [best < 0 ? `  no crossover on ${metric.label}` : `  no crossover: ${name(best)} is lowest on ${metric.label} throughout`];
	}
	return found.map((c) => {
		const where = o.param.integer
			? c.until === null
				? `from ${at(c.at)}`
				: `from ${at(c.at)} until ${at(c.until)}`
			: c.until === null
				? `above ${at(c.at)}`
				: `between ${at(c.at)} and ${at(c.until)}`;
		return `  ${name(c.better)}'s ${metric.label} beats ${name(c.worse)}'s ${where}`;
	});
}

export function renderSweep(sweep: Sweep, style: Style): string {
	const o = sweep.options;
	const xUnit = o.param.unitFor(Math.max(...o.values.map(Math.abs)));
	const lines = [...heading(sweep, xUnit, style.ascii ? '-' : '–'), ''];
	for (const metric of o.metrics) lines.push(...metricSection(sweep, metric, xUnit, style));
	return `${lines.join('\n')}\n`;
}
