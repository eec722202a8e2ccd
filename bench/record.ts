import {spawnSync} from 'node:child_process';
import {mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const cli = fileURLToPath(new URL('../source/cli.js', import.meta.url));

/** Records a 60 s demo (the web-server lesson with a timeline that ends at 60 s), as a user would. */
export function benchRecord(): Record<string, number | string> {
	const dir = mkdtempSync(join(tmpdir(), 'livemig-bench-'));
	const demo = join(dir, 'sixty.json');
	writeFileSync(
		demo,
		JSON.stringify({
			title: 'Bench: a 60 s demo',
			vm: {memory: '4GiB'},
			workload: {kind: 'web'},
			demo: {cols: 100, rows: 30, timeline: [{caption: 'sixty seconds', for: '5s'}, {wait: '60s'}, {end: true}]},
		}),
	);
	const out = join(dir, 'sixty.cast');
	const start = process.hrtime.bigint();
	const r = spawnSync(process.execPath, [cli, 'record', demo, '--out', out, '--timestamp', '0'], {encoding: 'utf8'});
	const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
	if (r.status !== 0) throw new Error(`record failed: ${r.stderr}`);
	const m = /recorded ([\d.]+) s .* (\d+) frames\) in ([\d.]+) s/.exec(r.stderr);
	return {
		'demo seconds': m ? Number(m[1]) : 'n/a',
		frames: m ? Number(m[2]) : 'n/a',
		'render seconds': m ? Number(m[3]) : 'n/a',
		'whole process seconds': Number((wallMs / 1000).toFixed(2)),
		'cast KB': Math.round(statSync(out).size / 1024),
	};
}
