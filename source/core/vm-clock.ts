/**
 * The VM's own clock against simulated time. The VM runs at (1 - throttle) speed, stops
 * while paused (downtime) or stalled on a fault, and its workload is written in its own
 * time, so stalls and throttling delay what it does next.
 *
 * Totals are sums of whole segments, closed only when the VM's state changes, never at
 * a step boundary: how the caller slices time cannot change a figure, not even in its
 * last floating-point bit.
 */
export class VmClock {
	private baseSim = 0;
	private baseVm = 0;
	private paused = false;
	private stallEnd = 0;
	private throttle = 0;
	private linkPaused = false;
	private stopped = false;
	private downtime = 0;
	private stall = 0;
	private throttled = 0;
	private pausedStall = 0;

	clone(): VmClock {
		return Object.assign(new VmClock(), this);
	}

	get isPaused(): boolean {
		return this.paused;
	}

	get stallUntil(): number {
		return this.stallEnd;
	}

	get throttleShare(): number {
		return this.throttle;
	}

	/** Changes the VM's state at simulated time t. */
	set(t: number, change: {paused?: boolean; stallUntil?: number; throttle?: number; linkPaused?: boolean; stopped?: boolean}): void {
		if (this.stopped) return;
		const totals = this.totalsAt(t);
		this.downtime = totals.downtime;
		this.stall = totals.stall;
		this.throttled = totals.throttled;
		this.pausedStall = totals.pausedStall;
		this.baseVm = this.vmAt(t);
		this.baseSim = t;
		if (change.paused !== undefined) this.paused = change.paused;
		if (change.stallUntil !== undefined) this.stallEnd = change.stallUntil;
		if (change.throttle !== undefined) this.throttle = change.throttle;
		if (change.linkPaused !== undefined) this.linkPaused = change.linkPaused;
		if (change.stopped) this.stopped = true;
	}

	/** The VM's own time at simulated time t (t at or after the last change). */
	vmAt(t: number): number {
		if (this.paused || this.stopped) return this.baseVm;
		return this.baseVm + Math.max(0, t - Math.max(this.baseSim, this.stallEnd)) * (1 - this.throttle);
	}

	/** The simulated time, not before `now`, at which the VM's clock reaches vmT. */
	simAt(vmT: number, now: number): number {
		if (vmT === Infinity || this.paused || this.stopped) return Infinity;
		const runFrom = Math.max(this.baseSim, this.stallEnd);
		return Math.max(now, runFrom + Math.max(0, vmT - this.baseVm) / (1 - this.throttle));
	}

	/** Accumulated figures up to simulated time t. */
	totalsAt(t: number): {downtime: number; stall: number; throttled: number; pausedStall: number} {
		let {downtime, stall, throttled, pausedStall} = this;
		const d = this.stopped ? 0 : Math.max(0, t - this.baseSim);
		if (d > 0 && this.paused) downtime += d;
		else if (d > 0) {
			const stalled = Math.min(d, Math.max(0, Math.min(t, this.stallEnd) - this.baseSim));
			stall += stalled;
			if (this.linkPaused) pausedStall += stalled;
			throttled += (d - stalled) * this.throttle;
		}
		return {downtime, stall, throttled, pausedStall};
	}
}
