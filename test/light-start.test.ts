// The light start (issues 15 and 16): `burn --help`, `--version` and `burn status` load no
// Ink, React, analysis or renderer code, and a report served from the report cache loads
// neither the analysis nor the renderers. Checked twice on the built CLI (npm test builds
// dist/ first): the chunks each path imports statically, and the files a real run loads (an
// ESM load hook records them).
import {spawnSync} from 'node:child_process';
import {closeSync, cpSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {CLI, CLI_ESM} from './helpers/cli.js';
import {hostile} from './helpers/hostile.js';
import {tmp} from './helpers/tmp.js';

const CHUNKS = join(dirname(CLI_ESM), 'chunks');
/** The CommonJS light start that dist/cli.cjs runs. */
const LIGHT = join(dirname(CLI), 'light.cjs');

/** esbuild's `// source/…` and `// node_modules/<name>/…` markers in the given bundle files. */
function modulesIn(files: Iterable<string>): string[] {
	const out: string[] = [];
	for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/^\/\/ ((?:source|node_modules)\/\S+)/gm)) out.push(m[1]!);
	return out;
}

/** A file and everything it imports statically. */
function staticGraph(...entries: string[]): Set<string> {
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const m of readFileSync(file, 'utf8').matchAll(/^import (?:[^'"]*? from )?["'](\.[^"']+)["']/gm)) visit(join(dirname(file), m[1]!));
	};
	for (const e of entries) visit(e);
	return seen;
}

const chunk = (prefix: string) => {
	const name = readdirSync(CHUNKS).find((n) => n.startsWith(`${prefix}-`));
	if (!name) throw new Error(`no ${prefix} chunk in ${CHUNKS}`);
	return join(CHUNKS, name);
};

/** What the light start may never load: the UI and its packages, the analysis, the renderers, the composition root. */
const HEAVY = /^(node_modules\/(ink|react|react-reconciler|yoga-layout|meow|ink-spinner)\/|source\/(ui|report)\/|source\/analysis\/(?!patterns\/kinds\.ts$)|source\/pipeline\/(view-data|load)\.ts$)/;
/** Besides, the status line reads no ledger scan code and no price package. */
const NOT_FOR_STATUS = /^source\/(ledger\/(scan|bucket|packed)|analysis\/pricing-(load|package))\.ts$/;

function heavyIn(modules: string[]): string[] {
	return [...new Set(modules.filter((m) => HEAVY.test(m)))];
}

/**
 * Runs the built CLI (dist/cli.cjs) with a load hook for ES modules; returns the ES module
 * files of dist/ it loaded (none when the CommonJS light start served the command, dist/cli.js
 * and its chunks when it handed over) and the bundle modules of those and of dist/cli.cjs.
 * The hook's log is the same file for every run of one environment (the environment is part of
 * the report cache's key).
 */
const hookDirs = new Map<NodeJS.ProcessEnv, string>();
function loadedBy(args: string[], env: NodeJS.ProcessEnv): {status: number | null; stdout: string; stderr: string; modules: string[]; files: string[]} {
	const dir = hookDirs.get(env) ?? tmp('burn-light-');
	hookDirs.set(env, dir);
	const log = join(dir, 'loaded.txt');
	writeFileSync(join(dir, 'hooks.mjs'), "import {appendFileSync} from 'node:fs';\nexport async function load(url, context, next) {\n\tappendFileSync(process.env.BURN_TEST_LOADED, `${url}\\n`);\n\treturn next(url, context);\n}\n");
	writeFileSync(join(dir, 'register.mjs'), "import {register} from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
	writeFileSync(log, '');
	const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), CLI, ...args], {env: {...env, BURN_TEST_LOADED: log}, encoding: 'utf8', timeout: 60_000});
	const files = readFileSync(log, 'utf8')
		.split('\n')
		// With a hook registered, Node loads even a CommonJS main file through its hooks: only the
		// ES module files count.
		.filter((u) => u.startsWith('file:') && u.includes('/dist/') && !u.endsWith('.cjs'))
		.map((u) => fileURLToPath(u));
	return {status: r.status, stdout: r.stdout, stderr: r.stderr, modules: modulesIn(new Set([CLI, LIGHT, ...files])), files: [...new Set(files)]};
}

describe('the light start, in the build', () => {
	it('dist/light.cjs is the light start alone, and its one dynamic import is the ES module build', () => {
		const modules = modulesIn([LIGHT]);
		expect(modules).toContain('source/cli/run.ts'); // the markers exist: the checks can fail
		expect(modules).toContain('source/cli/handover.ts');
		expect(heavyIn(modules)).toEqual([]);
		expect(modules.filter((m) => m.startsWith('node_modules/'))).toEqual([]);
		// Every other dynamic import of the light start became a Handover (scripts/build.mjs).
		const text = readFileSync(LIGHT, 'utf8');
		expect(text.match(/\bimport\(/g)).toHaveLength(1);
		expect(text).toContain('join)(__dirname, "cli.js")');
		// dist/cli.cjs only loads it (with V8's code cache) and imports the ES module build.
		const loader = readFileSync(CLI, 'utf8');
		expect(modulesIn([CLI])).toEqual(['source/cli/cjs-loader.ts']);
		expect(loader.match(/\bimport\(/g)).toHaveLength(1);
	});

	it("dist/cli.cjs runs the light start with V8's code cache the build made, and without it as well", () => {
		const h = hostile(2);
		const run = (extra: NodeJS.ProcessEnv) => spawnSync(process.execPath, [CLI, '--version'], {env: {...h.env, ...extra}, encoding: 'utf8', timeout: 60_000});
		const used = run({BURN_CODE_CACHE: 'check'});
		expect(used.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
		expect(used.stderr).toBe('code cache: used\n');
		const off = run({BURN_CODE_CACHE: 'off'});
		expect(off.stdout).toBe(used.stdout);
		expect(off.stderr).toBe('');
		// A damaged cache is rejected by V8, and the code compiled as usual.
		const dir = tmp('burn-code-cache-');
		cpSync(dirname(CLI), dir, {recursive: true});
		writeFileSync(join(dir, 'light.cjs.cache'), Buffer.alloc(4096, 7));
		const damaged = spawnSync(process.execPath, [join(dir, 'cli.cjs'), '--version'], {env: {...h.env, BURN_CODE_CACHE: 'check'}, encoding: 'utf8', timeout: 60_000});
		expect(damaged.stdout).toBe(used.stdout);
		expect(damaged.stderr).toBe('code cache: rejected\n');
		rmSync(join(dir, 'light.cjs.cache'));
		const none = spawnSync(process.execPath, [join(dir, 'cli.cjs'), '--version'], {env: {...h.env, BURN_CODE_CACHE: 'check'}, encoding: 'utf8', timeout: 60_000});
		expect(none.stdout).toBe(used.stdout);
		expect(none.stderr).toBe('code cache: none\n');
	});

	it('dist/cli.js imports only the light start', () => {
		const modules = modulesIn(staticGraph(CLI_ESM));
		expect(modules).toContain('source/cli/run.ts'); // the markers exist: the checks can fail
		expect(heavyIn(modules)).toEqual([]);
		expect(modules.filter((m) => m.startsWith('node_modules/'))).toEqual([]);
	});

	it('the status line imports no analysis, renderer, scan or price package', () => {
		// The status line and the report cache are part of the start's static graph (one chunk of
		// their own, scripts/build.mjs): what they import is what every start loads.
		const modules = modulesIn(staticGraph(CLI_ESM));
		expect(modules).toContain('source/live/run-status.ts');
		expect(heavyIn(modules)).toEqual([]);
		expect(modules.filter((m) => NOT_FOR_STATUS.test(m))).toEqual([]);
	});

	it('a report served from the cache imports no analysis and no renderer before the cache answers', () => {
		const modules = modulesIn(staticGraph(CLI_ESM));
		expect(modules).toContain('source/pipeline/report-cache.ts');
		expect(heavyIn(modules)).toEqual([]);
		// …and the report made on a miss is where they are.
		expect(modulesIn(staticGraph(chunk('plain')))).toContain('source/analysis/analyze.ts');
	});
});

/**
 * The Node built-ins a run of the built CLI loaded (process.moduleLoadList at exit, written by a
 * preload), its stdout written to a file. One log per environment (the environment is part of
 * the report cache's key).
 */
const builtinDirs = new Map<NodeJS.ProcessEnv, string>();
function builtinsOf(args: string[], env: NodeJS.ProcessEnv): {status: number | null; stdout: string; builtins: string[]} {
	const dir = builtinDirs.get(env) ?? tmp('burn-builtins-');
	builtinDirs.set(env, dir);
	const log = join(dir, 'builtins.txt');
	const preload = join(dir, 'preload.cjs');
	writeFileSync(preload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.BURN_TEST_BUILTINS, process.moduleLoadList.join('\\n')));\n");
	const out = join(dir, 'stdout.txt');
	const fd = openSync(out, 'w');
	const r = spawnSync(process.execPath, ['--require', preload, CLI, ...args], {env: {...env, BURN_TEST_BUILTINS: log}, stdio: ['ignore', fd, 'pipe'], timeout: 60_000});
	closeSync(fd);
	return {status: r.status, stdout: readFileSync(out, 'utf8'), builtins: readFileSync(log, 'utf8').split('\n')};
}

/** Creating process.stdout (for a file: its SyncWriteStream) or asking node:tty costs a light run a few ms of CPU. */
const STREAMY = /^NativeModule (internal\/fs\/sync_write_stream|tty)$/;

describe('the light start, as run', () => {
	it('a cache hit and a warm status line make no stdout stream and do not ask node:tty', () => {
		const h = hostile(2);
		for (const args of [['--json', '--since', 'all'], ['--json'], ['status']]) {
			const miss = builtinsOf(args, h.env);
			expect(miss.status).toBe(0);
			const hit = builtinsOf(args, h.env);
			expect(hit.status).toBe(0);
			expect(hit.stdout.replace(/"since": "[^"]+"/, '')).toBe(miss.stdout.replace(/"since": "[^"]+"/, ''));
			expect(hit.builtins.filter((m) => STREAMY.test(m)), args.join(' ')).toEqual([]);
			// performance.now() would load perf_hooks (~1.5 ms CPU): the light path times with hrtime.
			expect(hit.builtins, args.join(' ')).not.toContain('NativeModule perf_hooks');
			// node:crypto (~7 ms CPU to load) and node:v8 (~4 ms: it loads the streams) stay out of
			// the light path: the warm index compares bytes (ledger/warm-index.ts), and V8 is
			// tuned only for real work (core/v8-tuning.ts).
			expect(hit.builtins.filter((m) => /^NativeModule (crypto|v8)$/.test(m)), args.join(' ')).toEqual([]);
			// The report made afresh wrote through the stream and tuned V8 (the checks can fail).
			if (args[0] !== 'status') expect(miss.builtins).toContain('NativeModule internal/fs/sync_write_stream');
			if (args[0] !== 'status') expect(miss.builtins).toContain('NativeModule v8');
		}
	});

	it('--help, --version and a usage error load nothing heavy', () => {
		const h = hostile(1);
		for (const args of [['--help'], ['--version'], ['-v'], ['--since', 'soon']]) {
			const r = loadedBy(args, h.env);
			expect(r.status, args.join(' ')).toBe(args[0] === '--since' ? 2 : 0);
			expect(heavyIn(r.modules), args.join(' ')).toEqual([]);
			// Served by the CommonJS light start: no ES module file of dist/ loaded.
			expect(r.files, args.join(' ')).toEqual([]);
		}
	});

	it('burn status (with its ingest) loads nothing heavy; with nothing new, no scan and no prices either', () => {
		const h = hostile(2);
		const first = loadedBy(['status'], h.env);
		expect(first.status).toBe(0);
		expect(first.stdout).toMatch(/ today · /);
		expect(heavyIn(first.modules.filter((m) => !/^source\/analysis\/pricing/.test(m)))).toEqual([]);
		const again = loadedBy(['status'], h.env);
		expect(again.stdout).toBe(first.stdout);
		expect(again.modules).toContain('source/live/run-status.ts');
		expect(heavyIn(again.modules)).toEqual([]);
		expect(again.modules.filter((m) => NOT_FOR_STATUS.test(m))).toEqual([]);
		// Served by the CommonJS light start (the first one, with its ingest, handed over).
		expect(first.files).toContain(CLI_ESM);
		expect(again.files, again.files.join('\n')).toEqual([]);
	});

	it('a cache hit loads no analysis and no renderer; the miss before it did', () => {
		const h = hostile(2);
		for (const args of [['--json', '--since', 'all'], ['--json'], ['--no-tty']]) {
			const miss = loadedBy(args, h.env);
			expect(miss.status).toBe(0);
			expect(miss.modules).toContain('source/analysis/analyze.ts');
			const hit = loadedBy(args, h.env);
			// A relative window starts a little later in the second run (report-cache-window.test.ts
			// checks that output against a report made afresh at the same time).
			const since = /"since": "[^"]+"/;
			expect(hit.stdout.replace(since, ''), args.join(' ')).toBe(miss.stdout.replace(since, ''));
			expect(hit.stderr).toBe(miss.stderr);
			expect(heavyIn(hit.modules), args.join(' ')).toEqual([]);
			// The miss was handed over to the ES module build (the hook sees its files); the hit was
			// served by the CommonJS light start alone (no ES module loader work, ~20 ms).
			expect(miss.files, args.join(' ')).toContain(CLI_ESM);
			expect(hit.files, hit.files.join('\n')).toEqual([]);
		}
	});
});
