// npm run bench: every speed and size target of the project, measured and printed.
import {raceProcess} from './core.js';

type Section = {name: string; target: string; run: () => Promise<Record<string, unknown>> | Record<string, unknown>};

const sections: Section[] = [
	{name: 'headless race, 64 GiB VM, 10 Gbit/s, 1 GiB hot set', target: '< 1 s, < 300 MB', run: () => ({...raceProcess('64GiB')})},
	{name: 'headless race, 1 TiB VM, 10 Gbit/s, 1 GiB hot set', target: '< 10 s, < 1.5 GB', run: () => ({...raceProcess('1TiB')})},
];

// Console, sweep and recording benches register themselves if present.
for (const extra of ['./console.js', './sweep.js', './record.js']) {
	try {
		const mod = (await import(extra)) as {sections?: Section[]};
		sections.push(...(mod.sections ?? []));
	} catch (error) {
		if ((error as {code?: string}).code !== 'ERR_MODULE_NOT_FOUND') throw error;
	}
}

const only = process.argv.slice(2);
for (const s of sections) {
	if (only.length && !only.some((o) => s.name.includes(o))) continue;
	const figures = await s.run();
	console.log(`${s.name}  (target ${s.target})`);
	for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(22)} ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}`);
}
