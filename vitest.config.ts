import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// Bounds, not measurements: generous so a loaded machine does not fail a passing test.
		testTimeout: 120_000,
		hookTimeout: 120_000,
		pool: 'forks',
		// Fails any test that opens a path outside the repository (tmpdir and ../shared allowed).
		setupFiles: ['test/setup/fs-guard.ts'],
	},
});
