// The seed fast-check's property tests draw from. Locally each run draws a new one, so the
// properties keep exploring; under CI (CI set, as .ci/run has it) the seed is fixed, so a
// landing is never refused by a counterexample that depends on the day's draw. Either way
// LIVEMIG_PROPERTY_SEED chooses it, and a failure prints the seed and path to replay.
import fc from 'fast-check';
import {propertySeed} from './property-seed-choice.js';

const seed = propertySeed(process.env, Date.now());
fc.configureGlobal({...fc.readConfigureGlobal(), seed});
// For test/setup/property-seed.test.ts: what this file chose.
process.env.LIVEMIG_PROPERTY_SEED_USED = String(seed);
