// Bundles the CLI (and the bench) with esbuild: one file to load instead of hundreds of
// modules, so `burn --json` starts in about Node's own start-up time and the first Ink
// frame comes quickly. The Ink UI is a separate chunk loaded only for interactive runs.
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';

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
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);

// A compact copy of the vendored models.dev snapshot with only what pricing reads (the
// cost of each model), so a report parses ~10× less JSON at start-up. data/ keeps the
// original; pricing-load falls back to it when this file is absent (tests, source runs).
const full = JSON.parse(readFileSync('data/models.dev.json', 'utf8'));
const compact = {};
for (const [provider, entry] of Object.entries(full)) {
	const models = {};
	for (const [id, model] of Object.entries(entry?.models ?? {})) if (model && model.cost) models[id] = {cost: model.cost};
	compact[provider] = {models};
}
writeFileSync('dist/pricing.compact.json', JSON.stringify(compact));
