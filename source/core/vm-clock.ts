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
	private baseSim: number;
	private baseVm: number;
	private paused: boolean;
	private stallEnd: number;
	private throttle: number;
	private linkPaused: boolean;
	private stopped: boolean;
	private downtime: number;
	private stall: number;
	private throttled: number;
	private pausedStall: number;

	/**
	 * A clock at zero, running, or with `from` a copy of it (a forked engine's). Every field
	 * is set here, none by an initializer, so the compiler makes a field added later take a
	 * side: copied, or fresh.
	 */
	constructor(from?: VmClock) {
		this.baseSim = from ? from.baseSim : 0;
		this.baseVm = from ? from.baseVm : 0;
		this.paused = from ? from.paused : false;
		this.stallEnd = from ? from.stallEnd : 0;
		this.throttle = from ? from.throttle : 0;
		this.linkPaused = from ? from.linkPaused : false;
		this.stopped = from ? from.stopped : false;
		this.downtime = from ? from.downtime : 0;
		this.stall = from ? from.stall : 0;
		this.throttled = from ? from.throttled : 0;
		this.pausedStall = from ? from.pausedStall : 0;
	}

	clone(): VmClock {
		return new VmClock(this);
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
