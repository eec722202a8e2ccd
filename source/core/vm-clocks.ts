import {VmClock} from './vm-clock.js';

/** What applies to the whole VM at once: every vCPU's clock takes it. */
export interface VmChange {
	paused?: boolean;
	throttle?: number;
	linkPaused?: boolean;
	stopped?: boolean;
}

/** A vCPU's figures so far. */
export interface VcpuTotals {
	downtime: number;
	stall: number;
	throttled: number;
	pausedStall: number;
}

/**
 * The VM's clocks: one VmClock per vCPU. The pause (downtime), the throttle (QEMU's
 * auto-converge throttles every vCPU: cpu_throttle_set -> cpu_throttle_timer_tick on each
 * CPU, softmmu/cpu-throttle.c) and the link's pause apply to all of them; a post-copy fault
 * stalls only the vCPU that took it (Linux's userfaultfd blocks the faulting thread alone,
 * handle_userfault in fs/userfaultfd.c; QEMU's other vCPU threads run on), so each vCPU's
 * own VM time advances by its own stalls.
 *
 * The VM's figures are vCPU time averaged over the vCPUs: a stall of one vCPU of two costs
 * the VM half its length. With one vCPU they are that vCPU's, exactly.
 */
export class VmClocks {
	readonly cpus: VmClock[];

	/** `n` vCPUs at zero, running, or a copy of `from` (a forked engine's). */
	constructor(n: number, from?: VmClocks) {
		this.cpus = from ? from.cpus.map((c) => c.clone()) : Array.from({length: n}, () => new VmClock());
	}

	clone(): VmClocks {
		return new VmClocks(this.cpus.length, this);
	}

	get count(): number {
		return this.cpus.length;
	}

	get isPaused(): boolean {
		return this.cpus[0].isPaused;
	}

	get throttleShare(): number {
		return this.cpus[0].throttleShare;
	}

	/** Changes the whole VM's state at simulated time t. */
	set(t: number, change: VmChange): void {
		for (const c of this.cpus) c.set(t, change);
	}

	/** vCPU `cpu` waits for a page until `until` (from simulated time t). */
	stall(cpu: number, t: number, until: number): void {
		this.cpus[cpu].set(t, {stallUntil: until});
	}

	stallUntil(cpu: number): number {
		return this.cpus[cpu].stallUntil;
	}

	/** Whether some vCPU is stalled at t. */
	anyStalled(t: number): boolean {
		for (const c of this.cpus) if (c.stallUntil > t) return true;
		return false;
	}

	/** Whether every vCPU is stalled at t (nothing of the VM's can run before a stall ends). */
	allStalled(t: number): boolean {
		for (const c of this.cpus) if (!(c.stallUntil > t)) return false;
		return true;
	}

	/** The first stall end after t (Infinity when no vCPU is stalled). */
	nextStallEnd(t: number): number {
		let end = Infinity;
		for (const c of this.cpus) if (c.stallUntil > t && c.stallUntil < end) end = c.stallUntil;
		return end;
	}

	/** The VM's figures up to simulated time t: downtime as it is (the same for every vCPU), the rest averaged over the vCPUs. */
	totalsAt(t: number): VcpuTotals {
		const n = this.cpus.length;
		if (n === 1) return this.cpus[0].totalsAt(t);
		const sum = {downtime: 0, stall: 0, throttled: 0, pausedStall: 0};
		for (const c of this.cpus) {
			const x = c.totalsAt(t);
			sum.stall += x.stall;
			sum.throttled += x.throttled;
			sum.pausedStall += x.pausedStall;
		}
		return {downtime: this.cpus[0].totalsAt(t).downtime, stall: sum.stall / n, throttled: sum.throttled / n, pausedStall: sum.pausedStall / n};
	}
}
