// ESLint (flat config), run by `npm test` with --max-warnings 0. Types are tsc's job
// (`tsc --noEmit` in the same script), so the TypeScript rules are the syntactic set.
import js from '@eslint/js';
import {defineConfig, globalIgnores} from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
	globalIgnores(['dist/', 'node_modules/', '.bench/', 'coverage/']),
	js.configs.recommended,
	tseslint.configs.recommended,
	// React lives in the Ink UI and .tsx files only; the hooks rules run a compiler on every
	// file they see (most of the lint time), so they see just those.
	{...reactHooks.configs.flat.recommended, files: ['source/ui/**', '**/*.tsx']},
	{
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		rules: {
			// A terminal tool matches escape and control characters on purpose: it strips them
			// from untrusted text before printing, and tests check that none leak out.
			'no-control-regex': 'off',
			// `catch {}` marks best-effort steps (a stale lock, an optional file): failing is fine.
			'no-empty': ['error', {allowEmptyCatch: true}],
			// A leading `_` marks a binding kept on purpose (a rest-destructuring omit, a slot).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true},
			],
		},
	},
	{
		// Tests read JSON the CLI printed; its shape is what they check, field by field.
		files: ['test/**'],
		rules: {'@typescript-eslint/no-explicit-any': 'off'},
	},
	{
		// Build scripts run on Node (TypeScript files get their globals from @types/node).
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: {globals: {console: 'readonly', process: 'readonly', URL: 'readonly'}},
	},
);
