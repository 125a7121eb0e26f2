// Run by scripts/build.mjs (bundled with esbuild): writes dist/pricing.compact.json, the
// compact price table made from the installed npm package @pydantic/genai-prices.
import {realpathSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative, resolve} from 'node:path';
import {PACKAGE_NAME} from '../source/analysis/pricing-compact.js';
import {tableFromPackage} from '../source/analysis/pricing-load.js';

const require = createRequire(resolve('package.json'));
const manifest = realpathSync(join(dirname(require.resolve(PACKAGE_NAME)), '..', 'package.json'));
const table = {...tableFromPackage(), packageJson: relative(resolve('dist'), manifest)};
writeFileSync('dist/pricing.compact.json', JSON.stringify(table));
const models = Object.values(table.providers).reduce((n, m) => n + m.length, 0);
if (models < 100) throw new Error(`${PACKAGE_NAME} ${table.version}: only ${models} models priced; is the package installed?`);
