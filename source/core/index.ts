// The simulation core's public face. Pure: no I/O, no clocks, no UI.
export {createMigration, Migration, type MigrationOptions} from './migration.js';
export {buildLayout, type MemoryLayout} from './layout.js';
export * from './scenario.js';
export * from './types.js';
export {presets, resolveWorkload, type WorkloadOverrides} from './workloads/presets.js';
export {canForkHybrid, dirtyRateOf} from './stop-policy.js';
export {createStreams, type AccessStream} from './workloads/access-stream.js';
export {accessCounts, costBound, type AccessCount, type CostBound, MAX_ACCESSES, passMs, shortestLoopMs, worstCost} from './cost.js';
