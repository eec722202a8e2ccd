import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CI_PROPERTY_SEED, propertySeed} from './property-seed-choice.js';

describe('the property tests\' seed', () => {
	it('is fixed under CI, drawn otherwise, and LIVEMIG_PROPERTY_SEED wins', () => {
		expect(propertySeed({CI: 'true'}, 1)).toBe(CI_PROPERTY_SEED);
		expect(propertySeed({CI: 'true'}, 2)).toBe(CI_PROPERTY_SEED);
		expect(propertySeed({}, 1)).not.toBe(propertySeed({}, 2));
		expect(propertySeed({CI: 'false'}, 5)).toBe(propertySeed({}, 5));
		expect(propertySeed({CI: 'true', LIVEMIG_PROPERTY_SEED: '7'}, 1)).toBe(7);
		expect(() => propertySeed({LIVEMIG_PROPERTY_SEED: 'x'}, 1)).toThrow(/LIVEMIG_PROPERTY_SEED/);
	});

	it('reaches fast-check in every test file (the setup file ran and configured it)', () => {
		const used = process.env.LIVEMIG_PROPERTY_SEED_USED;
		expect(used).toBeDefined();
		expect(fc.readConfigureGlobal().seed).toBe(Number(used));
		if (process.env.CI === 'true' && !process.env.LIVEMIG_PROPERTY_SEED) expect(Number(used)).toBe(CI_PROPERTY_SEED);
	});
});
