import {createHash} from 'node:crypto';
import {closeSync, existsSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import type {ProgressSink} from '../core/progress.js';
import {ensurePrivateDir} from '../core/home.js';
import {UNDATED, dayOf, ledgerDir} from './layout.js';
import {forEachLine} from './lines.js';

const TS_KEY = Buffer.from('"ts":"');
const FLUSH_BYTES = 4 * 1024 * 1024;

/** Where the partitioned copy of a foreign ledger lives: keyed by its path, size and mtime. */
export function foreignCacheHome(home: string, foreignDir: string): string | undefined {
	const file = join(foreignDir, 'ledger.jsonl');
	let st;
	try {
		st = statSync(file);
	} catch {
		return undefined;
	}
	const key = createHash('sha256').update(`${file}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 16);
	return join(home, 'foreign', key);
}

/** The `ts` of a ledger line without parsing it (record lines carry no raw text, so the first `"ts":"` is the record's). */
function lineTs(line: Buffer): string | undefined {
	const at = line.indexOf(TS_KEY);
	if (at === -1) return undefined;
	const start = at + TS_KEY.length;
	const end = line.indexOf(0x22, start);
	if (end === -1 || end - start > 40) return undefined;
	return line.toString('latin1', start, end);
}

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
	const buffers = new Map<string, {parts: Buffer[]; size: number; fd?: number}>();
	const flush = (day: string, b: {parts: Buffer[]; size: number; fd?: number}) => {
		if (b.size === 0) return;
		b.fd ??= openSync(join(ledgerDir(building), `${day}.jsonl`), 'a', 0o600);
		const buf = Buffer.concat(b.parts, b.size);
		let off = 0;
		while (off < buf.length) off += writeSync(b.fd, buf, off, buf.length - off);
		b.parts = [];
		b.size = 0;
	};
	const NL = Buffer.from('\n');
	let lastTs: string | undefined;
	let lastEmit = 0;
	progress?.({step: 'scan', state: 'start', bytes: 0, totalBytes: total, label: 'indexing foreign ledger'});
	try {
		forEachLine(
			file,
			0,
			(line) => {
				if (line.indexOf('"kind":"stamp"') !== -1) return;
				const ts = lineTs(line);
				let day = dayOf(ts);
				if (day) lastTs = ts;
				else if (line.indexOf('"kind":"turn"') === -1) day = dayOf(lastTs);
				const key = day ?? UNDATED;
				let b = buffers.get(key);
				if (!b) buffers.set(key, (b = {parts: [], size: 0}));
				// The line buffer is reused by the reader: copy it.
				b.parts.push(Buffer.from(line), NL);
				b.size += line.length + 1;
				if (b.size >= FLUSH_BYTES) flush(key, b);
			},
			(n) => {
				const now = performance.now();
				if (now - lastEmit > 50) {
					lastEmit = now;
					progress?.({step: 'scan', state: 'update', bytes: n, totalBytes: total, label: 'indexing foreign ledger'});
				}
			},
		);
		for (const [day, b] of buffers) flush(day, b);
	} finally {
		for (const b of buffers.values()) if (b.fd !== undefined) closeSync(b.fd);
	}
	writeFileSync(join(building, 'source.txt'), file, {mode: 0o600});
	closeSync(openSync(join(building, 'ready'), 'w', 0o600));
	// Drop older copies of the same foreign ledger (it grew or changed), then publish atomically.
	const parent = join(home, 'foreign');
	for (const name of foreignCaches(home)) {
		const dir = join(parent, name);
		try {
			if (dir !== cache && readFileSync(join(dir, 'source.txt'), 'utf8') === file) rmSync(dir, {recursive: true, force: true});
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
