// Post-copy with several vCPUs: which vCPU a missing page stalls, and what another vCPU
// that touches the same page meanwhile waits for. The fault (accesses.ts) decides what is
// fetched and when it lands; this only says who waits.

import type {EngineState} from './engine-state.js';

// Claims are kept by host page (`hostPage`: the page number shifted by log2 of the host
// page's engine pages): the target places a host page whole, so a vCPU touching any page of
// one another vCPU's fault fetched waits for the same placement. 4 KiB host pages: the page.

/** vCPU `cpu` took a network fault on host page `page`; it waits until the page lands. */
export function stallOnFault(s: EngineState, cpu: number, page: number, until: number): void {
	s.vcpuTally[cpu].faults++;
	stall(s, cpu, page, until);
}

/**
 * vCPU `cpu` touched `page` on its way; it waits until the copy in flight lands. `asked`: it
 * asked the source for it (an in-flight wait); else a readahead had (no request of its own).
 */
export function stallOnFlight(s: EngineState, cpu: number, page: number, until: number, asked = true): void {
	if (asked) s.vcpuTally[cpu].inFlightWaits++;
	stall(s, cpu, page, until);
}

function stall(s: EngineState, cpu: number, page: number, until: number): void {
	s.clock.stall(cpu, s.now, until);
	if (s.clock.count > 1) claim(s, page, until);
}

/**
 * The page is the target's from here (the engine marks it present at once), but it lands at
 * `until`: a vCPU touching it before then must wait too. Expired claims are swept out when
 * the map outgrows the vCPUs, so it stays a few entries per vCPU (each stalled vCPU holds
 * at most one live claim).
 */
function claim(s: EngineState, page: number, until: number): void {
	const claims = s.claims;
	if (claims.size >= 8 * s.clock.count) {
		for (const [p, at] of claims) if (at <= s.now) claims.delete(p);
	}
	claims.set(page, until);
}

/**
 * A vCPU touched a page the target holds: if another vCPU's fault (or wait) fetched it and
 * it has not landed yet, this vCPU waits for the same copy. Linux's userfaultfd keeps every
 * thread that faults on a missing page asleep until UFFDIO_COPY places it (handle_userfault,
 * fs/userfaultfd.c); QEMU's destination asks again (migrate_send_rp_req_pages) and the
 * source, finding the page sent, sends nothing more: an in-flight wait, no second fetch.
 */
export function waitForClaim(s: EngineState, page: number, cpu: number): void {
	const at = s.claims.get(page);
	if (at === undefined) return;
	if (at <= s.now) {
		s.claims.delete(page);
		return;
	}
	s.tally.inFlightWaits++;
	s.vcpuTally[cpu].inFlightWaits++;
	s.clock.stall(cpu, s.now, at);
}
