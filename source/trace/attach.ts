import type {Resolved} from '../cli/resolve.js';
import {UsageError} from '../cli/resolve.js';

/** Loads the trace file a run names (--workload trace --trace FILE) into its scenario. */
export async function attachTrace(run: Resolved): Promise<void> {
	if (run.traceFile) throw new UsageError('--trace: trace replay is not implemented yet');
}
