// `s` in the console: the still goes to a new file in the working directory, named for the
// scenario and the simulated time, never over an existing file (-2, -3, ... instead).
import {open, rm} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {reasonOf} from '../../basics/errno.js';

/**
 * `livemig-<name>-<t>s.svg`: a scenario file's name without its folder and `.json`, kept to
 * letters, digits, dot, dash and underscore (no hidden file, nothing a shell must quote).
 */
export function stillFileName(name: string, simMs: number, n = 1): string {
	const safe = basename(name).replace(/\.json$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '') || 'race';
	const t = (Math.max(0, simMs) / 1000).toFixed(3);
	return `livemig-${safe}-${t}s${n > 1 ? `-${n}` : ''}.svg`;
}

/** How many numbered names to try before giving up (a directory full of one frame's stills). */
const MAX_TRIES = 1000;

/**
 * Writes `svg` to the first free name in `dir` (created exclusively: an existing file, even
 * one made meanwhile, is never touched) and returns the name. Throws an Error whose message
 * says why not, for the footer, naming the directory as `where`.
 */
export async function writeStillFile(dir: string, name: string, simMs: number, svg: string, where = dir): Promise<string> {
	for (let n = 1; n <= MAX_TRIES; n++) {
		const file = stillFileName(name, simMs, n);
		let handle;
		try {
			handle = await open(join(dir, file), 'wx');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
			throw new Error(`cannot write in ${where}: ${reasonOf(error)}`);
		}
		try {
			await handle.writeFile(svg, 'utf8');
			await handle.close();
			return file;
		} catch (error) {
			await handle.close().catch(() => undefined);
			// A half-written still (a full disk) is no still.
			await rm(join(dir, file), {force: true});
			throw new Error(`cannot write ${file}: ${reasonOf(error)}`);
		}
	}
	throw new Error(`cannot write in ${where}: ${MAX_TRIES} stills of this frame already`);
}
