// The scenario of the paper figure a preset imitates (presets[kind].paper): shared by the
// presets' assertions and the fidelity table's printer, so both run the same setting.
import {defaultScenario, presets, resolveWorkload, type Scenario, SWITCHOVER_COST_MS} from '../../source/core/index.js';

export function paperScenario(kind: 'game' | 'web'): Scenario {
	const paper = presets[kind].paper!;
	const s = defaultScenario();
	s.memoryBytes = paper.memoryBytes;
	s.bandwidthBitsPerSec = paper.bandwidthBitsPerSec;
	s.precopy.rateLimit = paper.rateLimit;
	s.switchoverCostMs = SWITCHOVER_COST_MS.xen;
	s.workload = resolveWorkload(kind, s);
	return s;
}
