// What the harness needs on the host, installed with apt when missing: QEMU (qemu-system-x86),
// binutils (as, ld: the guest is built from source), iproute2 (ip netns, tc). Root is required
// anyway (network namespaces, tc, userfaultfd for post-copy).
import {execFileSync, spawnSync} from 'node:child_process';

const needs: Array<[string, string]> = [
	['qemu-system-x86_64', 'qemu-system-x86'],
	['as', 'binutils'],
	['ld', 'binutils'],
	['ip', 'iproute2'],
	['tc', 'iproute2'],
];

function has(cmd: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], {stdio: 'ignore'}).status === 0;
}

/** Returns null when ready, else the one line to print before exiting 1. */
export function ensureTools(log: (s: string) => void): string | null {
	if (process.getuid?.() !== 0) return 'validate: needs root (network namespaces, tc, userfaultfd for post-copy); run it as root';
	const missing = [...new Set(needs.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
	if (missing.length === 0) return null;
	if (!has('apt-get')) return `validate: missing ${missing.join(', ')} and no apt-get to install them`;
	log(`installing ${missing.join(' ')} with apt-get`);
	try {
		execFileSync('apt-get', ['update'], {stdio: ['ignore', 'ignore', 'inherit']});
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
		});
	} catch (e) {
		return `validate: apt-get install ${missing.join(' ')} failed: ${(e as Error).message.split('\n')[0]}`;
	}
	const still = needs.filter(([cmd]) => !has(cmd)).map(([cmd]) => cmd);
	return still.length > 0 ? `validate: still missing after apt-get: ${still.join(', ')}` : null;
}

export function qemuVersion(): string {
	const out = execFileSync('qemu-system-x86_64', ['--version']).toString();
	return out.split('\n')[0]?.replace(/^QEMU emulator version\s*/, '') ?? 'unknown';
}
