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
