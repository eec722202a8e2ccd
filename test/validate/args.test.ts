import {describe, expect, it} from 'vitest';
import {parseArgs} from '../../validate/args.js';

const names = ['cap-16', 'postcopy'];

describe('npm run validate -- arguments', () => {
	it('defaults: every case, full size, QEMU not niced; --quick nices it', () => {
		expect(parseArgs([], names)).toEqual({only: undefined, quick: false, nice: 0});
		expect(parseArgs(['--quick'], names)).toEqual({only: undefined, quick: true, nice: 10});
		expect(parseArgs(['--quick', '--nice', '0', '--only', 'cap-16,postcopy'], names)).toEqual({only: ['cap-16', 'postcopy'], quick: true, nice: 0});
	});

	it('refuses, in one line naming the argument, what it does not know', () => {
		expect(parseArgs(['--quik'], names)).toEqual({error: expect.stringMatching(/^validate: unknown argument --quik/)});
		expect(parseArgs(['--only'], names)).toEqual({error: 'validate: --only needs a value'});
		expect(parseArgs(['--only', '--quick'], names)).toEqual({error: 'validate: --only needs a value'});
		expect(parseArgs(['--only', 'cap-16,nope'], names)).toEqual({error: 'validate: --only: no case nope (cases: cap-16, postcopy)'});
		expect(parseArgs(['--nice', '25'], names)).toEqual({error: 'validate: --nice: 25 is not a whole number from 0 to 19'});
		for (const r of [parseArgs(['--quik'], names), parseArgs(['--nice', 'x'], names)]) expect((r as {error: string}).error).not.toContain('\n');
	});
});
