/** The seed CI runs the property tests with (any fixed value; changing it is a decision). */
export const CI_PROPERTY_SEED = 20261202;

/** LIVEMIG_PROPERTY_SEED if given; else fixed under CI; else drawn from `now`. */
export function propertySeed(env: NodeJS.ProcessEnv, now: number): number {
	const given = env.LIVEMIG_PROPERTY_SEED;
	if (given !== undefined && given !== '') {
		const n = Number(given);
		if (!Number.isInteger(n)) throw new Error(`LIVEMIG_PROPERTY_SEED: not an integer: ${given}`);
		return n | 0;
	}
	const ci = env.CI;
	if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return CI_PROPERTY_SEED;
	return (now ^ (now / 2 ** 32)) | 0;
}
