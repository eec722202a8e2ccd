// npm run bench: every speed and size target of the project, measured and printed.
// `npm run bench -- core` (or console, sweep, record) runs only the sections whose name matches.
import {raceProcess} from './core.js';

type Figures = Record<string, unknown>;
interface Section {
	name: string;
	target: string;
	run: () => Promise<Figures> | Figures;
}

const sections: Section[] = [
	{name: 'core: headless race, 64 GiB VM, 10 Gbit/s, 1 GiB hot set', target: '< 1 s, < 300 MB peak RSS', run: () => ({...raceProcess('64GiB')})},
	{name: 'core: headless race, 1 TiB VM, 10 Gbit/s, 1 GiB hot set', target: '< 10 s, < 1.5 GB peak RSS', run: () => ({...raceProcess('1TiB')})},
	{
		name: 'console: default race at 80x24 in a pty',
		target: '< 40 KB/s (aim 20), < 25% of a core (aim 15), first frame < 400 ms',
		run: async () => (await import('./console.js')).benchConsole(),
	},
	{
		name: 'console: default race at 160x50 in a pty',
		target: 'measured and kept low: bytes and CPU grow with the cells drawn',
		run: async () => (await import('./console.js')).benchConsole({columns: 160, rows: 50}),
	},
	{
		name: 'sweep: 12-point dirty-rate sweep, 3 algorithms, 4 GiB; 10M-access trace load',
		target: 'sweep < 3 s, trace load < 5 s',
		run: async () => (await import('./sweep.js')).benchSweep(),
	},
	{
		name: 'record: a 60 s demo to asciicast (100x30, 10 fps)',
		target: '< 3 s',
		run: async () => (await import('./record.js')).benchRecord(),
	},
];

const only = process.argv.slice(2);
for (const s of sections) {
	if (only.length && !only.some((o) => s.name.includes(o))) continue;
	console.log(`${s.name}  (target ${s.target})`);
	const figures = await s.run();
	for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(30)} ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`);
}
process.exit(0);
