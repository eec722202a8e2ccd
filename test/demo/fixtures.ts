import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const workDir = mkdtempSync(join(tmpdir(), 'livemig-record-'));

/** A short demo: a small VM so the race ends in a few seconds of demo time. */
export function shortDemo(extra: Record<string, unknown> = {}): string {
	const path = join(workDir, `short-${Object.keys(extra).join('-') || 'plain'}.json`);
	writeFileSync(
		path,
		JSON.stringify({
			title: 'A short demo',
			description: 'A small VM so the race ends quickly. It exists for the tests.',
			vm: {memory: '96MiB'},
			workload: {kind: 'web'},
			speed: 1,
			demo: {
				cols: 90,
				rows: 26,
				timeline: [{caption: 'Round 0 sends every page', for: '1s'}, {wait: '1500ms'}, {key: 'h'}, {speed: 2}, {pause: '500ms'}, {key: 'h'}],
			},
			...extra,
		}),
	);
	return path;
}
