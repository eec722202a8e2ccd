// The validation guest (validate/guest/guest.S): its command line, what it prints on the debug
// port, and the exact page sequence it writes (so livemig can replay the same pattern).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface GuestParams {
	/** Page writes per second the guest aims for. */
	rate: number;
	/** Working set, pages. */
	wssPages: number;
	/** First page of the working set (>= 512: below 2 MiB live the guest's code and the BIOS). */
	basePage: number;
	/** MiB from 2 MiB on filled with non-zero data at boot. */
	fillMiB: number;
	pattern: 'sequential' | 'random';
	seed: number;
}

export const firstFreePage = 512;

export function guestCommandLine(g: GuestParams, reportMs = 100): string {
	const pat = g.pattern === 'random' ? 1 : 0;
	return `rate=${g.rate} wss=${g.wssPages} base=${g.basePage} fill=${g.fillMiB} pat=${pat} seed=${g.seed} rep=${reportMs}`;
}

export interface GuestReport {
	/** Guest time (ACPI PM timer), ms since dirtying started. */
	guestMs: number;
	writes: number;
	slots: number;
	dropped: number;
	/** Host wall clock when the harness read the line (ms); set by the reader. */
	atMs?: number;
}

export interface GuestOutput {
	cfg: Record<string, number> | null;
	ready: boolean;
	error: string | null;
	reports: GuestReport[];
}

/** Parses the debug-port text (possibly cut mid-line: the last partial line is ignored). */
export function parseGuestOutput(text: string): GuestOutput {
	const out: GuestOutput = {cfg: null, ready: false, error: null, reports: []};
	const lines = text.split('\n');
	if (!text.endsWith('\n')) lines.pop();
	for (const line of lines) {
		if (line.startsWith('CFG ')) {
			out.cfg = {};
			for (const kv of line.slice(4).split(' ')) {
				const [k, v] = kv.split('=');
				if (k && v !== undefined) out.cfg[k] = Number(v);
			}
		} else if (line === 'READY') out.ready = true;
		else if (line.startsWith('ERR ')) out.error = line.slice(4);
		else {
			const m = /^T (\d+) W (\d+) S (\d+) D (\d+)$/.exec(line);
			if (m) out.reports.push({guestMs: +m[1]!, writes: +m[2]!, slots: +m[3]!, dropped: +m[4]!});
		}
	}
	return out;
}

/** Writes per second the guest really achieved between two of its reports (guest time). */
export function achievedRate(a: GuestReport, b: GuestReport): number | null {
	const dt = b.guestMs - a.guestMs;
	return dt > 0 ? ((b.writes - a.writes) * 1000) / dt : null;
}

/**
 * How long the vCPU could not run after the switch, ms, by the guest's own clock. The guest runs
 * one 1 ms slot per wake-up and drops the slots that elapsed meanwhile, and its clock (the ACPI
 * PM timer, on QEMU's virtual clock) stands still while the VM is stopped but runs while a vCPU
 * waits on a post-copy page fault (userfaultfd blocks the vCPU thread). So the slots dropped from
 * `last` (the source's last report) to `after` (a destination report once post-copy is over),
 * less the drops a loaded host causes anyway (the rate `baseline` measured before the migration,
 * per guest ms), are the time the vCPU spent blocked on faults.
 */
export function blockedMs(last: GuestReport, after: GuestReport, baseline: number): number | null {
	const span = after.guestMs - last.guestMs;
	if (span <= 0) return null;
	return Math.max(0, after.dropped - last.dropped - baseline * span);
}

/** Slots dropped per guest ms between two reports (a loaded host's background loss). */
export function dropRate(a: GuestReport, b: GuestReport): number {
	const dt = b.guestMs - a.guestMs;
	return dt > 0 ? (b.dropped - a.dropped) / dt : 0;
}

/**
 * The pages the guest writes, in order, as guest.S computes them: sequential sweeps from
 * basePage, or base + (x * wss) >> 32 with x stepped by the LCG x = x * 1664525 + 1013904223.
 */
export function* guestPages(g: GuestParams): Generator<number> {
	if (g.pattern === 'sequential') {
		for (let i = 0; ; i = (i + 1) % g.wssPages) yield g.basePage + i;
	}
	let x = g.seed >>> 0;
	const wss = BigInt(g.wssPages);
	for (;;) {
		x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
		yield g.basePage + Number((BigInt(x) * wss) >> 32n);
	}
}

/**
 * A livemig trace of the guest's writes at `rate` pages/s for `durationMs`: slot k (1 ms) writes
 * floor((k+1)·rate/1000) - floor(k·rate/1000) pages, as guest.S carries the remainder.
 */
export function guestTrace(g: GuestParams, rate: number, durationMs: number, memoryBytes: number): string {
	const lines = [`livemig-trace v1 page-size=4096 memory=${memoryBytes} duration=${durationMs}`];
	const pages = guestPages(g);
	let carried = 0;
	for (let k = 0; k < durationMs; k++) {
		carried += rate;
		const n = Math.floor(carried / 1000);
		carried -= n * 1000;
		for (let i = 0; i < n; i++) lines.push(`${k} ${pages.next().value as number} w`);
	}
	return lines.join('\n') + '\n';
}

/** Assembles and links the guest into outDir (binutils: `as --32`, `ld -m elf_i386`). */
export function buildGuest(repoRoot: string, outDir: string): string {
	const src = path.join(repoRoot, 'validate', 'guest');
	fs.mkdirSync(outDir, {recursive: true});
	const obj = path.join(outDir, 'guest.o');
	const elf = path.join(outDir, 'guest.elf');
	execFileSync('as', ['--32', '-o', obj, path.join(src, 'guest.S')], {stdio: ['ignore', 'ignore', 'inherit']});
	execFileSync('ld', ['-m', 'elf_i386', '-T', path.join(src, 'link.ld'), '-o', elf, obj], {stdio: ['ignore', 'ignore', 'pipe']});
	return elf;
}
