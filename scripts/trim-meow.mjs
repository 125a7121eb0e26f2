// An esbuild plugin for scripts/build.mjs.
import {readFileSync} from 'node:fs';

// meow's bundled dependencies include a package.json finder and normalize-package-data
// (semver, spdx licence tables sorted with localeCompare at import time, hosted-git-info, a
// JSON code frame): ~200 KB that every start would compile and partly run, and child_process. burn hands meow its
// own `pkg` and never reads `cli.pkg`, so meow never calls them: the build swaps both for a
// stub that throws, and esbuild drops the rest as dead code. If a meow update changes these
// lines, the build warns and bundles meow unchanged (slower, still right).
const MEOW_TRIM = [
	['var libExports = requireLib$1();', 'var libExports = /* @__PURE__ */ requireLib$1();'],
	['var normalizeExports = requireNormalize();', 'var normalizeExports = /* @__PURE__ */ requireNormalize();'],
	['const normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = /* @__PURE__ */ getDefaultExportFromCjs(normalizeExports);'],
	// find-up's unused async helper: without this line the bundle would load child_process.
	['promisify(execFile);', '/* @__PURE__ */ promisify(execFile);'],
	[
		'export { readPackageUpSync as a,',
		"const burnNoPackageLookup = () => { throw new Error('burn bundles meow without package.json lookup: pass `pkg` (scripts/trim-meow.mjs)'); };\nexport { burnNoPackageLookup as a,",
	],
	['normalizePackageData as n,', 'burnNoPackageLookup as n,'],
];
export const trimMeow = {
	name: 'trim-meow',
	setup(b) {
		b.onLoad({filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/}, (args) => {
			let contents = readFileSync(args.path, 'utf8');
			for (const [from, to] of MEOW_TRIM) {
				if (!contents.includes(from)) return {warnings: [{text: `meow changed ("${from}" not found): bundled untrimmed`}]};
				contents = contents.replace(from, () => to);
			}
			return {contents, loader: 'js'};
		});
	},
};
