import {bytesPerMs, type LinkFailure, type Scenario} from './scenario.js';

/** The network between the hosts: a rate, a round trip, and an optional outage. */
export class Link {
	readonly fullRate: number; // bytes per ms
	readonly rttMs: number;
	private readonly downAt: number;
	private readonly upAt: number;

	constructor(s: Scenario) {
		this.fullRate = bytesPerMs(s);
		this.rttMs = s.rttMs;
		const f: LinkFailure | null = s.linkFailure;
		this.downAt = f ? f.atMs : Infinity;
		this.upAt = f ? (f.forMs === null ? Infinity : f.atMs + f.forMs) : Infinity;
	}

	isDown(t: number): boolean {
		return t >= this.downAt && t < this.upAt;
	}

	/** When the outage starts (Infinity: never). */
	get failsAt(): number {
		return this.downAt;
	}

	/** When the link is back (Infinity: never). */
	get returnsAt(): number {
		return this.upAt;
	}

	get returns(): boolean {
		return Number.isFinite(this.upAt);
	}

	/** The first outage boundary strictly after t (for the event loop), or Infinity. */
	nextChange(t: number): number {
		if (t < this.downAt) return this.downAt;
		if (t < this.upAt) return this.upAt;
		return Infinity;
	}
}
