import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let root: string | null = null;

/** The livemig package's own folder (where demos/ lives), from source or from dist. */
export function packageRoot(): string {
	if (root) return root;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === 'livemig') return (root = dir);
		const up = dirname(dir);
		if (up === dir) throw new Error('cannot find the livemig package folder');
		dir = up;
	}
}

export function demosDir(): string {
	return join(packageRoot(), 'demos');
}
