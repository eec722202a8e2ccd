// A recording must not depend on how busy the machine is or how fast real time passes.
// React 19 renders a timer's update in a task of its scheduler, which yields after 5 ms of
// real time; a recorder that waited for that render dropped frames when the CPU was
// contended (source/ui/render-now.ts). These record the same demo under load, and with a
// wall clock that leaps, and compare bytes.
import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath} from '../cli/helpers.js';
import {shortDemo, workDir} from './fixtures.js';

const demo = shortDemo({title: 'A loaded demo'});

/** Records the demo (at 30 fps: three times the frames, three times the chances to drop one). */
function record(out: string, nodeArgs: string[] = []): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[...nodeArgs, cliPath, 'record', demo, '--out', out, '--timestamp', '1700000000', '--fps', '30'],
			{env: {...process.env, CI: 'true'}, timeout: 120_000},
			(error, _stdout, stderr) => (error ? reject(new Error(`record failed: ${stderr || error.message}`)) : resolve()),
		);
	});
}

const spinners: ChildProcess[] = [];
const stopSpinners = () => {
	for (const c of spinners.splice(0)) c.kill('SIGKILL');
};
afterAll(stopSpinners);

describe('livemig record under load', () => {
	it('is byte-identical for the same demo and seed while every core is busy', async () => {
		// Busy loops of the test's own, one per core, plus the recordings themselves in parallel.
		for (let i = 0; i < Math.max(2, availableParallelism()); i++) spinners.push(spawn(process.execPath, ['-e', 'for(;;){}'], {stdio: 'ignore'}));
		try {
			const outs = [1, 2, 3, 4].map((i) => join(workDir, `loaded-${i}.cast`));
			await Promise.all(outs.map((out) => record(out)));
			const [first, ...rest] = outs.map((out) => readFileSync(out, 'utf8'));
			for (const other of rest) expect(other === first, 'a recording made under load differs from another').toBe(true);
		} finally {
			stopSpinners();
		}
	}, 180_000);

	it('does not depend on how fast real time passes', async () => {
		// Every reading of the wall clock 7 ms later than the last: as if each step of the
		// recorder were preempted. Preloaded, so the product carries no test hook.
		const leap = 'data:text/javascript,const now=performance.now.bind(performance);let extra=0;performance.now=()=>now()+(extra+=7);';
		const steady = join(workDir, 'steady.cast');
		const leaping = join(workDir, 'leaping.cast');
		await Promise.all([record(steady), record(leaping, ['--import', leap])]);
		expect(readFileSync(leaping, 'utf8') === readFileSync(steady, 'utf8'), 'the recording changed with the speed of the wall clock').toBe(true);
	}, 120_000);
});
