// Bundles the CLI (and the bench) with esbuild: a few files to load instead of hundreds of
// modules, so `burn --json` starts in about Node's own start-up time and the first Ink
// frame comes quickly. Code splitting makes every dynamic import a chunk of its own: dist/cli.js
// holds only the light start (source/cli/run.ts: arguments, help, version, dispatch), and the
// status line, the report cache, the analysis, the renderers and the Ink UI load only when the
// command needs them (test/light-start.test.ts).
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';

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
	external: ['better-sqlite3', 'js-tiktoken', 'react-devtools-core', 'ccusage', '@pydantic/genai-prices'],
	banner: {
		js: "import {createRequire as __burnCreateRequire} from 'node:module'; const require = __burnCreateRequire(import.meta.url);",
	},
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
});
// The banner gives bundled CommonJS code a `require`; a file that never says `require` drops it
// (createRequire costs a few ms of every start, and the light start's files never need it).
const BANNER = "import {createRequire as __burnCreateRequire} from 'node:module'; const require = __burnCreateRequire(import.meta.url);\n";
for (const file of [...readdirSync('dist').map((n) => `dist/${n}`), ...readdirSync('dist/chunks').map((n) => `dist/chunks/${n}`)]) {
	if (!file.endsWith('.js')) continue;
	const text = readFileSync(file, 'utf8');
	const at = text.indexOf(BANNER);
	if (at < 0 || at > 30) continue;
	const rest = text.slice(0, at) + text.slice(at + BANNER.length);
	if (!/\brequire\b/.test(rest)) writeFileSync(file, rest);
}
chmodSync('dist/cli.js', 0o755);

// The price table: the token prices of the providers a lookup can reach, made from the
// installed npm package @pydantic/genai-prices (a report reads ~70 KB of JSON instead of
// loading the package's 0.8 MB module). After `npm update`, the next build remakes it; until
// then pricing-load sees the version changed and reads the package itself.
await build({
	entryPoints: ['scripts/price-table.ts'],
	outfile: 'dist/.price-table.mjs',
	bundle: true,
	format: 'esm',
	platform: 'node',
	external: ['@pydantic/genai-prices'],
	logLevel: 'warning',
});
await import(new URL('../dist/.price-table.mjs', import.meta.url).href);
rmSync('dist/.price-table.mjs');
