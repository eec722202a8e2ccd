import {resolveOptions, type RawOptions} from '../../source/config/resolve.js';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/source/cli.js', import.meta.url));

/** Runs the built CLI headless (no TTY), as CI does. */
export function cli(args: string[], env: Record<string, string> = {}) {
	const r = spawnSync(process.execPath, [cliPath, ...args], {
		encoding: 'utf8',
		env: {...process.env, CI: 'true', ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** The one-line refusal resolveOptions gives for `raw` (fails the test if it resolves). */
export function refusal(raw: RawOptions): string {
	try {
		resolveOptions(raw);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`resolved: ${JSON.stringify(raw)}`);
}
