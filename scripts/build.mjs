// Bundles the CLI (and the bench) with esbuild: a few files to load instead of hundreds of
// modules, so `burn --json` starts in about Node's own start-up time and the first Ink
// frame comes quickly. Code splitting makes every dynamic import a chunk of its own: the light
// start (source/cli/run.ts and what it imports: arguments, help, version, dispatch, the status
// line, the report cache and the ingest's "nothing new" check) is dist/cli.js and one chunk, and
// the analysis, the renderers, the ingest proper and the Ink UI load only when the command needs
// them (test/light-start.test.ts).
//
// One chunk for the light start: esbuild puts each module in the chunk of the set of entry
// points (dynamic imports count) that reach it, so the light start's ~60 modules, each shared
// with a different set of heavy paths, came out as ~25 small chunks, and Node 20 spends about a
// millisecond of CPU on every ES module file it loads (a cache hit loaded 26 files). So in the
// build every entry point and every dynamically imported module (but those of the light start)
// also imports source/cli/run.ts: every light-start module is then reached by every entry
// point, and they share one chunk (a cache hit or `burn status` loads 4 files). The import is
// added to the bundle's copy of those modules only (hotSet below); the sources do not say it.
import {build} from 'esbuild';
import {chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {relative, resolve} from 'node:path';

rmSync('dist', {recursive: true, force: true});
const entryPoints = {cli: 'cli.tsx', 'ingest-worker': 'source/ledger/ingest-worker.ts'};
if (existsSync('bench/main.ts')) entryPoints.bench = 'bench/main.ts';
const LIGHT_ROOT = 'source/cli/run.ts';
const common = {
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
};

/** The modules that get the light start's import: entry points and dynamic-import targets of our sources, but the light start's own. */
async function hotTargets() {
	const {metafile} = await build({...common, write: false, metafile: true, outdir: 'dist'});
	const inputs = metafile.inputs;
	const light = new Set();
	const visit = (path) => {
		if (light.has(path) || !inputs[path]) return;
		light.add(path);
		for (const i of inputs[path].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
	};
	visit(LIGHT_ROOT);
	const targets = new Set(Object.values(entryPoints));
	for (const input of Object.values(inputs)) for (const i of input.imports) if (i.kind === 'dynamic-import' && !i.external) targets.add(i.path);
	return new Set([...targets].filter((t) => /^(source|bench)\/.*\.tsx?$|^cli\.tsx$/.test(t) && !light.has(t)));
}

function hotSet(targets) {
	return {
		name: 'hot-set',
		setup(b) {
			b.onLoad({filter: /\.tsx?$/}, (a) => {
				if (!targets.has(relative(process.cwd(), a.path))) return undefined;
				return {contents: `${readFileSync(a.path, 'utf8')}\nimport ${JSON.stringify(resolve(LIGHT_ROOT))};\n`, loader: a.path.endsWith('.tsx') ? 'tsx' : 'ts'};
			});
		},
	};
}

await build({...common, plugins: [hotSet(await hotTargets())]});
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
// A chunk left empty (esbuild makes one for modules with no code, imported for its side effects
// only) is one more file for every start to load: its imports go, and so does the file.
const jsFiles = () => [...readdirSync('dist').map((n) => `dist/${n}`), ...readdirSync('dist/chunks').map((n) => `dist/chunks/${n}`)].filter((f) => f.endsWith('.js'));
const empty = jsFiles().filter((f) => readFileSync(f, 'utf8').trim() === '');
for (const file of jsFiles()) {
	const text = readFileSync(file, 'utf8');
	let kept = text;
	for (const e of empty) {
		const name = e.slice(e.lastIndexOf('/') + 1).replaceAll('.', '\\.');
		kept = kept.replace(new RegExp(`^import "\\.\\/(?:chunks\\/)?${name}";\\n`, 'gm'), '');
	}
	if (kept !== text) writeFileSync(file, kept);
}
for (const e of empty) rmSync(e);
chmodSync('dist/cli.js', 0o755);

// dist/light.cjs, run by dist/cli.cjs (the installed `burn`): the light start once more, as one
// CommonJS file (source/cli/light-main.ts, source/cli/handover.ts). Node's ES module loader costs a warm
// `burn status` ~20 ms (the loader itself, the builtins' namespaces, one file per chunk); in
// CommonJS the status line and a report from the report cache need none of it. Every dynamic
// import becomes a module that throws a Handover: the command stops before it has done or said
// anything, and dist/cli.cjs loads dist/cli.js, which runs it from the start. `import.meta.url` is the
// file's own URL (it sits in dist/ as cli.js does).
const handoverStub = {
	name: 'handover-stub',
	setup(b) {
		b.onResolve({filter: /.*/}, (a) => (a.kind === 'dynamic-import' ? {path: a.path, namespace: 'handover'} : undefined));
		b.onLoad({filter: /.*/, namespace: 'handover'}, () => ({
			contents: `import {Handover} from ${JSON.stringify(resolve('source/cli/handover.ts'))};\nthrow new Handover();\n`,
			loader: 'ts',
			resolveDir: process.cwd(),
		}));
	},
};
await build({
	entryPoints: ['source/cli/light-main.ts'],
	outfile: 'dist/light.cjs',
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	sourcemap: false,
	minify: false,
	legalComments: 'none',
	external: common.external,
	define: {...common.define, 'import.meta.url': '__burnMetaUrl'},
	// The file is one function expression, the CommonJS wrapper included: the loader compiles it
	// as read (one string of ~120 KB, not two).
	banner: {js: '(function (exports, require, module, __filename, __dirname) {const __burnMetaUrl = require("node:url").pathToFileURL(__filename).href;'},
	footer: {js: '})'},
	plugins: [handoverStub],
	logLevel: 'warning',
});
// dist/cli.cjs runs it with V8's code cache (source/cli/cjs-loader.ts); the cache is made at the
// end of this build.
await build({
	entryPoints: ['source/cli/cjs-loader.ts'],
	outfile: 'dist/cli.cjs',
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	banner: {js: '#!/usr/bin/env node'},
	logLevel: 'warning',
});
chmodSync('dist/cli.cjs', 0o755);
// The loader reads dist/light.cjs as latin1 (the cheapest decoding): esbuild writes ASCII only
// (it escapes the rest), and this says so if that ever changes.
if (/[^\x00-\x7f]/.test(readFileSync('dist/light.cjs', 'latin1'))) throw new Error('dist/light.cjs is not ASCII: cli-loader reads it as latin1');

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

// V8's code cache for dist/light.cjs (source/cli/cjs-loader.ts): the status line and a report
// from the report cache, run once each on a small log tree of our own in a temporary directory,
// keep their compiled code. Runs that hand over never write it (the full build changes V8's
// flags, and V8 then rejects the cache). Without it burn works as well, a few ms slower.
{
	const {mkdtempSync, mkdirSync} = await import('node:fs');
	const {spawnSync} = await import('node:child_process');
	const {tmpdir} = await import('node:os');
	const root = mkdtempSync(`${tmpdir()}/burn-build-cache-`);
	try {
		rmSync('dist/light.cjs.cache', {force: true});
		const project = `${root}/claude/projects/-tmp-build`;
		mkdirSync(project, {recursive: true});
		const at = (k) => new Date(Date.now() - 3_600_000 + k * 1000).toISOString();
		const line = (k) =>
			JSON.stringify({type: 'assistant', sessionId: 's-build', requestId: `r${k}`, uuid: `u${k}`, timestamp: at(k), cwd: '/tmp/build', message: {id: `m${k}`, model: 'claude-sonnet-4-5', role: 'assistant', content: [{type: 'text', text: 'ok'}], usage: {input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0}}});
		writeFileSync(`${project}/s-build.jsonl`, `${[0, 1, 2].map(line).join('\n')}\n`);
		const env = {PATH: process.env.PATH, HOME: `${root}/home`, BURN_HOME: `${root}/burn`, CLAUDE_CONFIG_DIR: `${root}/claude`, CODEX_HOME: `${root}/codex`, OPENCODE_DATA_DIR: `${root}/opencode`, TZ: 'UTC'};
		const burn = (args, extra = {}) => spawnSync(process.execPath, ['dist/cli.cjs', ...args], {env: {...env, ...extra}, stdio: 'ignore', timeout: 60_000}).status;
		// First runs (ingest, report made afresh, status figures made): handed over, no cache.
		burn(['--json']);
		burn(['status']);
		// Served by the light start: each keeps what it compiled (the second adds to the first's).
		const made = burn(['status'], {BURN_CODE_CACHE: 'write'}) === 0 && burn(['--json'], {BURN_CODE_CACHE: 'write'}) === 0;
		if (!made || !existsSync('dist/light.cjs.cache')) {
			rmSync('dist/light.cjs.cache', {force: true});
			console.warn('build: no code cache for dist/light.cjs (burn works without it, a few ms slower)');
		}
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
}
