/**
 * What the bundled prices are made of, as file identities, for the caches' keys (report-cache,
 * status-cache): read without loading the price table. pricing-load.ts uses the build's table
 * (`dist/pricing.compact.json`) while the package manifest it names (its last field,
 * `packageJson`, relative to the table) still has the table's version; otherwise the installed
 * package. So the key is the table's identity and that manifest's, or, without a table, the
 * installed package's manifest (resolved as pricing-load resolves it).
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {statKey} from './stat-key.js';

const TABLE_CANDIDATES = ['./pricing.compact.json', '../pricing.compact.json'];
const TAIL = 512;

/** The table's identity and the `packageJson` of its last bytes, or undefined when there is no table. */
function table(path: string): {id: string; packageJson?: string} | undefined {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch {
		return undefined;
	}
	try {
		const st = fstatSync(fd);
		const n = Math.min(TAIL, st.size);
		const buf = Buffer.alloc(n);
		readSync(fd, buf, 0, n, st.size - n);
		const m = /"packageJson":("(?:[^"\\]|\\.)*")\}\s*$/.exec(buf.toString('utf8'));
		return {id: `${st.size}:${st.mtimeMs}:${st.ino}`, ...(m ? {packageJson: JSON.parse(m[1]!) as string} : {})};
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

export function pricesKey(): string[] {
	for (const rel of TABLE_CANDIDATES) {
		const path = fileURLToPath(new URL(rel, import.meta.url));
		const t = table(path);
		if (t) return [path, t.id, t.packageJson ? statKey(resolve(dirname(path), t.packageJson)) : '-'];
	}
	return ['no table', installedKey()];
}

/** The installed price package's manifest (the package pricing-load falls back to). */
function installedKey(): string {
	try {
		const require = createRequire(import.meta.url);
		return statKey(join(dirname(require.resolve('@pydantic/genai-prices')), '..', 'package.json'));
	} catch {
		return '-';
	}
}
