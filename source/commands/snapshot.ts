// `livemig snapshot [flags] --at T --out F.svg`: the race console's frame at simulated time T
// as an SVG still, for slides. Deterministic: the same flags give the same bytes.
import {UsageError} from '../basics/errors.js';
import type {Command} from '../config/command.js';
import {algorithmsFlag, consoleFlags, type FlagSpec, frameSizeFlags, outFlag, scenarioFileFlag, scenarioFlags} from '../config/flags.js';

const own: FlagSpec[] = [
	{name: 'at', type: 'string', value: 'TIME|end|EVENT', help: 'snapshot: the simulated time of the frame (20s, 0), end, or the first stop, vm-paused, switchover, first-fault, link-down, ... of any run (default: end)', group: 'output'},
];

export const snapshot: Command = {
	name: 'snapshot',
	usage: 'snapshot --at TIME --out F.svg',
	summary: "the race console's frame at a simulated time, as an SVG still",
	flags: [...scenarioFlags, algorithmsFlag, scenarioFileFlag, ...consoleFlags, outFlag, ...frameSizeFlags, ...own],
	async run(inv) {
		const out = inv.flags.out;
		if (typeof out !== 'string' || out === '') throw new UsageError('--out: snapshot needs --out FILE.svg (or --out - for stdout)');
		const [{resolveRace}, {attachTrace}, {openOutput}, units] = await Promise.all([
			import('../config/run-options.js'),
			import('../config/trace-attach.js'),
			import('../basics/output.js'),
			import('../basics/units.js'),
		]);
		const run = await resolveRace(inv);
		const size = (key: 'cols' | 'rows', min: number, max: number, fallback: number): number => {
			const v = inv.flags[key];
			if (v === undefined) return fallback;
			const n = units.parseOrRefuse(`--${key}`, () => units.parseCount(String(v), {integer: true, min}));
			if (n > max) throw new UsageError(`--${key}: must be at most ${max}, got ${n}`);
			return n;
		};
		const columns = size('cols', 40, 400, 100);
		const rows = size('rows', 12, 200, 30);
		// React's development build renders differently; a still must not depend on the environment.
		process.env.NODE_ENV = 'production';
		const {parseStillTime, snapshotSvg} = await import('../ui/still/snapshot.js');
		const at = parseStillTime(String(inv.flags.at ?? 'end'));
		// Checked before the run, which may take seconds; nothing is written unless it succeeds.
		const output = await openOutput(out, '--out');
		await attachTrace(run);
		const svg = await snapshotSvg(run, at, {columns, rows});
		await output.write(svg);
		return 0;
	},
};
