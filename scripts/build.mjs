// Bundles the CLI (and the bench) with esbuild: one file to load instead of hundreds of
// modules, so `burn --json` starts in about Node's own start-up time and the first Ink
// frame comes quickly. The Ink UI is a separate chunk loaded only for interactive runs.
import {build} from 'esbuild';
import {chmodSync, existsSync, rmSync} from 'node:fs';
import {trimMeow} from './trim-meow.mjs';

rmSync('dist', {recursive: true, force: true});
const entryPoints = {cli: 'cli.tsx', 'ingest-worker': 'source/ledger/ingest-worker.ts'};
if (existsSync('bench/main.ts')) entryPoints.bench = 'bench/main.ts';
await build({
	entryPoints,
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: false,
	minify: false,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	external: ['better-sqlite3', 'js-tiktoken', 'react-devtools-core', 'ccusage'],
	banner: {
		js: "import {createRequire as __burnCreateRequire} from 'node:module'; const require = __burnCreateRequire(import.meta.url);",
	},
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [trimMeow],
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);

// A compact copy of the vendored models.dev snapshot with only what pricing can read (the
// cost of each model of the providers a lookup reaches), so a report parses ~20× less JSON
// at start-up. data/ keeps the original; pricing-load falls back to it when this file is
// absent (tests, source runs).
await build({
	entryPoints: ['scripts/compact-pricing.ts'],
	outfile: 'dist/.compact-pricing.mjs',
	bundle: true,
	format: 'esm',
	platform: 'node',
	logLevel: 'warning',
});
await import(new URL('../dist/.compact-pricing.mjs', import.meta.url).href);
rmSync('dist/.compact-pricing.mjs');
