// `livemig record NAME|FILE --out F`: a demo rendered to an asciicast v2 file on a virtual
// clock, so the same demo and seed give the same file.
import {UsageError} from '../basics/errors.js';
import type {Command} from '../config/command.js';
import {algorithmsFlag, consoleFlags, type FlagSpec, frameSizeFlags, outFlag, scenarioFlags} from '../config/flags.js';

const own: FlagSpec[] = [
	...frameSizeFlags,
	{name: 'timestamp', type: 'string', value: 'UNIX', help: 'record: the header\'s time (fix it for byte-identical files)', group: 'output'},
];

export const record: Command = {
	name: 'record',
	usage: 'record NAME|FILE --out F',
	summary: 'render a demo to an asciicast v2 file, on a virtual clock',
	flags: [...scenarioFlags, algorithmsFlag, ...consoleFlags, outFlag, ...own],
	async run(inv) {
		const out = inv.flags.out;
		if (typeof out !== 'string' || out === '') throw new UsageError('--out: record needs --out FILE.cast (or --out - for stdout)');
		const [{demoRun}, {openOutput}, units] = await Promise.all([import('../demo/demo-run.js'), import('../basics/output.js'), import('../basics/units.js')]);
		const run = await demoRun(inv);
		const intFlag = (key: string, min: number, max: number): number | undefined => {
			const v = inv.flags[key];
			if (v === undefined) return undefined;
			const n = units.parseOrRefuse(`--${key}`, () => units.parseCount(String(v), {integer: true, min}));
			if (n > max) throw new UsageError(`--${key}: must be at most ${max}, got ${n}`);
			return n;
		};
		const cols = intFlag('cols', 40, 400) ?? run.demo?.cols ?? 100;
		const rows = intFlag('rows', 12, 200) ?? run.demo?.rows ?? 30;
		const timestamp = intFlag('timestamp', 0, 2 ** 40) ?? Math.floor(Date.now() / 1000);
		// Checked before the recording, which takes seconds.
		const output = await openOutput(out, '--out');
		// React's development build renders differently; a recording must not depend on the
		// environment it was made in.
		process.env.NODE_ENV = 'production';
		const {recordDemo} = await import('../demo/record.js');
		const started = performance.now();
		// 10 frames a second unless --fps says otherwise: smooth enough to watch, quick to render.
		const fps = inv.flags.fps === undefined ? 10 : run.display.fps;
		const cast = await recordDemo(run, {cols, rows, fps, timestamp});
		await output.write(cast.text());
		const seconds = (performance.now() - started) / 1000;
		process.stderr.write(`livemig: recorded ${cast.duration.toFixed(1)} s of ${run.scenarioName} (${cols}x${rows}, ${cast.eventCount} frames) in ${seconds.toFixed(2)} s to ${output.name}\n`);
		return 0;
	},
};

