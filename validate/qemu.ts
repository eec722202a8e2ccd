// Starting the two QEMUs: the same machine on both sides (as migration requires), TCG because
// this host's /dev/kvm is nested software virtualization, and no NIC, disk or display so the
// device state stays small. The destination waits with `-incoming defer` so capabilities
// (post-copy needs postcopy-ram on both sides) are set before migrate-incoming.
import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {onCleanup} from './cleanup.js';

export interface QemuSide {
	role: 'source' | 'destination';
	memoryMiB: number;
	kernel: string;
	append: string;
	qmpSocket: string;
	debugFile: string;
	/** -mem-prealloc: fault in all guest RAM at start (the link calibration's destination). */
	prealloc?: boolean;
}

export function qemuArgs(q: QemuSide): string[] {
	const args = [
		'-accel', 'tcg',
		'-machine', 'pc',
		'-m', `${q.memoryMiB}M`,
		'-nodefaults', '-no-user-config',
		'-display', 'none', '-serial', 'none', '-monitor', 'none',
		'-kernel', q.kernel, '-append', q.append,
		'-debugcon', `file:${q.debugFile}`, '-global', 'isa-debugcon.iobase=0xe9',
		'-qmp', `unix:${q.qmpSocket},server=on,wait=off`,
		'-name', `livemig-val-${q.role}`,
	];
	if (q.prealloc) args.push('-mem-prealloc');
	if (q.role === 'destination') args.push('-incoming', 'defer');
	return args;
}

export interface RunningQemu {
	child: ChildProcess;
	stderr(): string;
	exited(): boolean;
	kill(): void;
}

/** Spawns QEMU under `prefix` (the namespace's `ip netns exec`, nice); killed on every way out. */
export function startQemu(q: QemuSide, prefix: string[], binary = 'qemu-system-x86_64'): RunningQemu {
	const argv = [...prefix, binary, ...qemuArgs(q)];
	const child = spawn(argv[0]!, argv.slice(1), {stdio: ['ignore', 'ignore', 'pipe']});
	let err = '';
	let done = false;
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (d: string) => {
		err = (err + d).slice(-4000);
	});
	child.on('exit', () => {
		done = true;
	});
	// `ip netns exec` and `nice` exec into QEMU, so the child's pid is QEMU's.
	const kill = onCleanup(`qemu ${q.role}`, () => {
		if (!done) child.kill('SIGKILL');
		for (const f of [q.qmpSocket]) fs.rmSync(f, {force: true});
	});
	return {child, stderr: () => err, exited: () => done, kill};
}
