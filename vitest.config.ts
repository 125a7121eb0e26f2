import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		// Fails any test that opens a path outside the repository (tmpdir and ../shared allowed).
		setupFiles: ['test/setup/fs-guard.ts'],
	},
});
