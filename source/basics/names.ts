// What the algorithms are called wherever people read them: the console's panels, boot
// frame and scoreboard, the summary table and the sweep's charts. The pre-copy stop policy
// (xen, xen-today, qemu) goes with the name where it changes the run.
import type {Algorithm} from '../core/index.js';

export const algorithmNames: Readonly<Record<Algorithm, string>> = {precopy: 'pre-copy', postcopy: 'post-copy', hybrid: 'hybrid'};

/**
 * With the policy of the pre-copy rounds, which hybrid runs too: "pre-copy (xen)",
 * "hybrid (qemu)", "post-copy". `name` replaces the display name (the summary table shows ids).
 */
export function nameWithPolicy(algorithm: Algorithm, policy: string, name: string = algorithmNames[algorithm]): string {
	return algorithm === 'postcopy' ? name : `${name} (${policy})`;
}

/** With the policy on pre-copy alone: "pre-copy (xen)", "post-copy", "hybrid" (the sweep, the boot frame). */
export function nameWithPrecopyPolicy(algorithm: Algorithm, policy: string, name: string = algorithmNames[algorithm]): string {
	return algorithm === 'precopy' ? `${name} (${policy})` : name;
}
