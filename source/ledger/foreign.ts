import {readRegular} from '../core/open-regular.js';
import {closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {ProgressSink} from '../core/progress.js';
import {ensurePrivateDir} from '../core/home.js';
import {ledgerDir} from './layout.js';
import {splitLedgerByDay} from './foreign-split.js';
import {foreignCacheHome} from './foreign-home.js';

export {cacheKey, foreignCacheHome} from './foreign-home.js';

/**
 * Splits a relayburn 1.x `ledger.jsonl` into our day partitions under our data directory,
 * once per version of the file (nothing is written to the foreign directory). Lines are
 * copied as bytes, routed by their timestamp found without JSON.parse, so the first read
 * costs about one pass over the bytes; later reads touch only the window's days.
 * Returns a data directory `scanLedger` can read, or undefined when there is no ledger.
 */
export function partitionForeignLedger(home: string, foreignDir: string, progress?: ProgressSink): string | undefined {
	const cache = foreignCacheHome(home, foreignDir);
	if (!cache) return undefined;
	if (existsSync(join(cache, 'ready'))) return cache;
	const file = join(foreignDir, 'ledger.jsonl');
	const total = statSync(file).size;
	const building = `${cache}.${process.pid}.tmp`;
	rmSync(building, {recursive: true, force: true});
	ensurePrivateDir(ledgerDir(building));
	let lastEmit = 0;
	progress?.({step: 'scan', state: 'start', bytes: 0, totalBytes: total, label: 'indexing foreign ledger'});
	const stats = splitLedgerByDay(file, ledgerDir(building), (n) => {
		const now = performance.now();
		if (now - lastEmit > 50) {
			lastEmit = now;
			progress?.({step: 'scan', state: 'update', bytes: n, totalBytes: total, label: 'indexing foreign ledger'});
		}
	});
	writeFileSync(join(building, 'source.txt'), file, {mode: 0o600});
	writeFileSync(join(building, 'split.json'), `${JSON.stringify(stats)}\n`, {mode: 0o600});
	closeSync(openSync(join(building, 'ready'), 'w', 0o600));
	// Drop older copies of the same foreign ledger (it grew or changed), then publish atomically.
	const parent = join(home, 'foreign');
	for (const name of foreignCaches(home)) {
		const dir = join(parent, name);
		try {
			if (dir !== cache && readRegular(join(dir, 'source.txt')).toString('utf8') === file) rmSync(dir, {recursive: true, force: true});
		} catch {}
	}
	rmSync(cache, {recursive: true, force: true});
	renameSync(building, cache);
	return cache;
}

/** Cached copies of foreign ledgers (for tests and cleanup). */
export function foreignCaches(home: string): string[] {
	try {
		return readdirSync(join(home, 'foreign')).filter((n) => !n.endsWith('.tmp'));
	} catch {
		return [];
	}
}
