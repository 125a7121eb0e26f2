import {closeSync, lstatSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {openRegular} from '../core/open-regular.js';
import {ledgerDir, partitionOfFile} from './layout.js';
import {forEachLine} from './lines.js';
import {validateEntry} from './validate.js';

const KINDS = new Set(['turn', 'user_turn', 'tool_result_event', 'relationship', 'compaction']);

export interface PurgeResult {
	/** Lines dropped: not JSON, or a record validate.ts rejects. */
	dropped: number;
	/** Records kept with bad usage fields set to 0 or bad optional fields removed. */
	repaired: number;
	/** Partitions rewritten. */
	partitions: number;
}

/** One line as it should stay: itself, its repaired form, or null (drop). */
function cleanLine(text: string): {keep: string | null; repaired: boolean} {
	let parsed: {v?: unknown; kind?: unknown; record?: unknown};
	try {
		parsed = JSON.parse(text);
	} catch {
		return {keep: null, repaired: false};
	}
	if (!parsed || typeof parsed !== 'object') return {keep: null, repaired: false};
	// Kinds no view reads (a relayburn `stamp`, a later version's kind) stay as they are.
	if (parsed.v !== 1 || typeof parsed.kind !== 'string' || !KINDS.has(parsed.kind)) return {keep: text, repaired: false};
	if (!validateEntry(parsed as {kind: string; record: unknown}).ok) return {keep: null, repaired: false};
	const again = JSON.stringify(parsed);
	return again === text ? {keep: text, repaired: false} : {keep: again, repaired: true};
}

/** The bytes after the last complete line (a line torn by a killed writer), as text. */
function tailText(path: string, from: number): string {
	const fd = openRegular(path);
	try {
		const buf = Buffer.alloc(64 * 1024);
		let out = '';
		let pos = from;
		for (;;) {
			const n = readSync(fd, buf, 0, buf.length, pos);
			if (n === 0) break;
			out += buf.toString('utf8', 0, n);
			pos += n;
		}
		return out;
	} finally {
		closeSync(fd);
	}
}

/**
 * `burn ingest --rebuild`: rewrites every ledger partition that holds a line a report would
 * skip (not JSON, a broken record) or repair (bad usage, a mistyped optional field), so no
 * invalid record stays behind. Valid lines are kept byte for byte; a partition with nothing to
 * change is not touched. Runs under the ingest lock, after the logs were re-read.
 */
export function purgeInvalidRecords(home: string): PurgeResult {
	const result: PurgeResult = {dropped: 0, repaired: 0, partitions: 0};
	let names: string[];
	try {
		names = readdirSync(ledgerDir(home));
	} catch {
		return result;
	}
	for (const name of names.sort()) {
		if (!partitionOfFile(name)) continue;
		const path = join(ledgerDir(home), name);
		try {
			if (!lstatSync(path).isFile()) continue;
		} catch {
			continue;
		}
		const kept: string[] = [];
		let dropped = 0;
		let repaired = 0;
		const take = (text: string) => {
			if (!text.trim()) return;
			const c = cleanLine(text);
			if (c.keep === null) dropped++;
			else kept.push(c.keep);
			if (c.repaired) repaired++;
		};
		let size: number;
		try {
			size = lstatSync(path).size;
			const read = forEachLine(path, 0, (line) => take(line.toString('utf8')));
			if (read.end < size) take(tailText(path, read.end));
			dropped += read.hugeLines;
		} catch {
			continue;
		}
		if (dropped === 0 && repaired === 0) continue;
		const tmp = `${path}.${process.pid}.tmp`;
		try {
			const fd = openSync(tmp, 'wx', 0o600);
			try {
				const text = kept.length ? `${kept.join('\n')}\n` : '';
				const buf = Buffer.from(text);
				let off = 0;
				while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
			} finally {
				closeSync(fd);
			}
			renameSync(tmp, path);
		} catch (error) {
			rmSync(tmp, {force: true});
			throw error;
		}
		result.dropped += dropped;
		result.repaired += repaired;
		result.partitions++;
	}
	return result;
}
