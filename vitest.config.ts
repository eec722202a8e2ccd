import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// Property tests and the pty tests run whole simulations: give them room.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// fast-check's seed: fixed under CI, drawn locally (test/setup/property-seed.ts).
		setupFiles: ['test/setup/property-seed.ts'],
	},
});
