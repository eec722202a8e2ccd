// The simulation core's public face. Pure: no I/O, no clocks, no UI.
export {createMigration, Migration, type MigrationOptions} from './migration.js';
export {buildLayout, type MemoryLayout} from './layout.js';
export * from './scenario.js';
export * from './types.js';
export {presets, resolveWorkload, type WorkloadOverrides} from './workloads/presets.js';
export {canForkHybrid, dirtyRateOf, stopLimits} from './stop-policy.js';
export {createStreams, type AccessStream} from './workloads/access-stream.js';
export {accessCounts, costBound, type AccessCount, type CostBound, MAX_ACCESSES, passMs, shortestLoopMs, worstCost} from './cost.js';
export {eventTypes, MAX_LOGGED_ROUNDS, type EndCause, type EventType, type FaultCost, type MigrationEvent, type StopRuleName, stopRuleNames, type StopTest} from './events.js';
export {cellCountFor} from './page-state.js';
