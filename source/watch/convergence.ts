// Will this pre-copy converge? QEMU switches over when what is left fits in the downtime
// limit at the stream's rate (migration/migration.c, migration_iteration_run: pending_size <
// threshold_size, threshold = bandwidth x downtime-limit). It never will while the guest
// dirties as fast as the stream sends, and the sign operators ask for is the remaining bytes
// found at each sync not shrinking. Pure: figures in, words out.

/** Passes in a row without a new low of remaining-at-sync before watch calls it stalled. */
export const STALL_PASSES = 3;
/** A pass must find at least this much less dirty than the best before it to count as shrinking. */
const SHRINK = 0.9;

export interface ConvergenceInput {
	passes: ReadonlyArray<{index: number; remainingAtStart: number}>;
	dirtyBytesPerSec: number;
	sentBytesPerSec: number;
	expectedDowntimeMs: number;
	downtimeLimitMs: number | null;
	throttlePercent: number;
	autoConverge: boolean;
	postcopyRam: boolean;
	/** Only a running pre-copy gets a verdict. */
	precopy: boolean;
}

export interface Convergence {
	/** Dirty rate over sent rate (above 1: the guest dirties faster than the stream sends). */
	dirtyShare: number | null;
	/** "remaining has not shrunk in 3 passes", or null. */
	stall: string | null;
	/** What to do, in words, when it will not converge; null while it may. */
	recommendation: string | null;
}

export function convergence(c: ConvergenceInput): Convergence {
	const dirtyShare = c.sentBytesPerSec > 0 ? c.dirtyBytesPerSec / c.sentBytesPerSec : null;
	if (!c.precopy) return {dirtyShare, stall: null, recommendation: null};
	const stall = stalled(c.passes) ? `remaining has not shrunk in ${STALL_PASSES} passes` : null;
	const outrun = dirtyShare !== null && dirtyShare >= 1 && c.passes.length >= 2;
	if (!stall && !outrun) return {dirtyShare, stall, recommendation: null};
	const options: string[] = [];
	// Auto-converge throttles the vCPUs 20% at first, +10% a step, while dirtying outpaces
	// sending (migration/ram.c, mig_throttle_guest_down): it slows the guest, not the stream.
	// QEMU takes capabilities only between migrations (qmp_migrate_set_capabilities refuses while one
	// runs), so auto-converge is for the next attempt; downtime-limit is a parameter, live.
	if (!c.autoConverge) options.push('next time, enable auto-converge before migrate (QEMU refuses capability changes while a migration runs): it slows the guest\'s vCPUs until it dirties less than the stream sends');
	else if (c.throttlePercent >= 99) options.push('auto-converge is at its 99% cap and has not helped');
	// Raising the limit to what QEMU expects now lets it switch at the next check.
	if (c.expectedDowntimeMs > 0 && c.downtimeLimitMs !== null && c.expectedDowntimeMs > c.downtimeLimitMs)
		options.push(`raise downtime-limit from ${c.downtimeLimitMs} ms to about ${Math.ceil(c.expectedDowntimeMs / 50) * 50} ms (QEMU's expected downtime now): a longer pause, but it ends`);
	// Post-copy ends in bounded time whatever the dirty rate (Hines & Gopalan, VEE 2009), at the
	// cost of page faults over the link; QEMU needs postcopy-ram set on both sides before migrate.
	options.push(
		c.postcopyRam
			? 'switch to post-copy (migrate-start-postcopy): it ends in one more pass, and the guest waits on page faults meanwhile'
			: 'next time, set postcopy-ram on both sides so it can switch to post-copy (it cannot be set now)',
	);
	const why = stall ?? `the guest dirties ${(dirtyShare! * 100).toFixed(0)}% of what the stream sends`;
	return {dirtyShare, stall, recommendation: `not converging (${why}): ${options.join('; or ')}`};
}

/**
 * Stalled: the last STALL_PASSES syncs found no less dirty than SHRINK x the least dirty
 * sync before them. Pass 1 (all of memory) is not a fair base, so it needs 1 + 1 + 3 passes.
 */
export function stalled(passes: ReadonlyArray<{remainingAtStart: number}>): boolean {
	const later = passes.slice(1);
	if (later.length < STALL_PASSES + 1) return false;
	const recent = later.slice(-STALL_PASSES);
	const before = Math.min(...later.slice(0, -STALL_PASSES).map((p) => p.remainingAtStart));
	return before > 0 && recent.every((p) => p.remainingAtStart > SHRINK * before);
}
