import {describe, expect, it} from 'vitest';
import {resolveOptions, type RawOptions} from '../../source/config/resolve.js';
import {refusal} from '../cli/helpers.js';
import {parseBandwidth} from '../../source/basics/units.js';


// The cost check names a limit for the flag it blames; that limit must be one the user can
// use: the scenario at the limit resolves, and past it (by 10%) it is refused again.
describe('the limit a cost refusal names', () => {
	const cases: Array<{raw: RawOptions; key: string; read: (m: RegExpExecArray) => number; past: (v: number) => string}> = [
		{raw: {dirtyRate: '1e6'}, key: 'dirtyRate', read: (m) => Number(m[1].replaceAll(',', '')), past: (v) => String(v * 1.1)},
		{raw: {readRate: '9e6', algorithms: 'postcopy', memory: '16GiB'}, key: 'readRate', read: (m) => Number(m[1].replaceAll(',', '')), past: (v) => String(v * 1.1)},
		{raw: {maxRounds: '1000', workload: 'mmuncher', memory: '64GiB', bandwidth: '10Gbit/s'}, key: 'maxRounds', read: (m) => Number(m[1].replaceAll(',', '')), past: (v) => String(Math.ceil(v * 1.1))},
		{raw: {bandwidth: '1Mbit/s'}, key: 'bandwidth', read: (m) => parseBandwidth(m[1].replace(' ', '')), past: (v) => String(v / 1.1)},
	];
	for (const c of cases) {
		it(`${JSON.stringify(c.raw)}: ${c.key}`, () => {
			const message = refusal(c.raw);
			const m = /: at (?:most|least) ([\d,.]+(?: [KMGT]?bit\/s)?)/.exec(message);
			expect(m, message).not.toBeNull();
			const limit = c.read(m!);
			expect(() => resolveOptions({...c.raw, [c.key]: String(limit)})).not.toThrow();
			expect(refusal({...c.raw, [c.key]: c.past(limit)})).toMatch(/in this scenario/);
		});
	}
});
