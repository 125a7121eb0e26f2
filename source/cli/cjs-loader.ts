/**
 * dist/cli.cjs, the installed `burn`. It runs the CommonJS light start (dist/light.cjs, built
 * from cli/light-main.ts; see cli/handover.ts) with V8's code cache for it: the build runs the
 * status line and a cached report once and keeps the compiled code (dist/light.cjs.cache), so a
 * run deserialises it instead of parsing and compiling ~120 KB (`burn status`: ~6 ms of CPU).
 * A cache from another Node or V8 version, or with other V8 flags, is rejected by V8 and the
 * code compiled as usual. `BURN_CODE_CACHE=off` ignores the cache; `=check` says on stderr
 * whether it was used; `=write` (the build) keeps the compiled code at exit, unless the
 * command was handed over (the full build changes V8's flags: core/v8-tuning.ts).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Script} from 'node:vm';

const LIGHT = join(__dirname, 'light.cjs');
const CACHE = `${LIGHT}.cache`;
const mode = process.env.BURN_CODE_CACHE;

// The handover's import of the ES module build, made here: code run by vm.Script has no
// dynamic import of its own (cli/light-main.ts).
let handedOver = false;
(globalThis as {[k: symbol]: unknown})[Symbol.for('burn.load-full')] = (url: string) => {
	handedOver = true;
	return import(url);
};

let cachedData: Buffer | undefined;
if (mode !== 'off') {
	try {
		cachedData = readFileSync(CACHE);
	} catch {}
}
// The file is one function expression (exports, require, module, __filename, __dirname): the
// build writes the CommonJS wrapper into it (scripts/build.mjs).
const script = new Script(readFileSync(LIGHT, 'latin1'), {
	filename: LIGHT,
	...(cachedData ? {cachedData} : {}),
});
if (mode === 'check') process.on('exit', () => process.stderr.write(`code cache: ${!cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`));
if (mode === 'write') {
	process.on('exit', () => {
		if (!handedOver) writeFileSync(CACHE, script.createCachedData());
	});
}
const light = {exports: {}};
(script.runInThisContext() as (...a: unknown[]) => void)(light.exports, require, light, LIGHT, __dirname);
