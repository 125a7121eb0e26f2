import {lstatSync, readdirSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import type {ContentRecord} from '../core/records.js';
import {ensurePrivateDir} from '../core/home.js';
import {RawJsonText} from '../core/raw-json.js';
import {appendLines} from './append.js';
import {forEachLine} from './lines.js';
import {UNDATED, ledgerDir, partitionOfFile} from './layout.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function contentDir(home: string): string {
	return join(home, 'content');
}

function sidecarPath(home: string, sessionId: string): string | undefined {
	if (!SAFE_ID.test(sessionId) || sessionId === '.' || sessionId === '..') return undefined;
	return join(contentDir(home), `${sessionId}.jsonl`);
}

/**
 * Content lines grouped by session id (ids that are unsafe as file names are dropped), one
 * Buffer per session that owns its memory (a reader thread transfers it without a copy).
 * Encoding here (in the reader thread) spares the main thread the UTF-8 encoding and the
 * copies of posting strings.
 */
export function serializeContent(records: ContentRecord[]): {bySession: Record<string, Buffer>; skipped: number} {
	const groups: Record<string, Array<string | Uint8Array>> = {};
	let skipped = 0;
	for (const r of records) {
		if (!SAFE_ID.test(r.sessionId) || r.sessionId === '.' || r.sessionId === '..') {
			skipped++;
			continue;
		}
		const group = (groups[r.sessionId] ??= []);
		const raw = r.toolResult?.content;
		if (raw instanceof RawJsonText) spliced(r, raw, group);
		else group.push(`${JSON.stringify(r)}\n`);
	}
	const bySession: Record<string, Buffer> = {};
	for (const [id, lines] of Object.entries(groups)) bySession[id] = ownedUtf8(lines);
	return {bySession, skipped};
}

/**
 * The line of a record whose tool-result content is kept as escaped bytes (the Claude reader's,
 * copied from the log): JSON.stringify of the record with '' for the content, the bytes spliced
 * in for it — the same bytes as JSON.stringify of the decoded content (RawJsonText is made only
 * when they are). A record where the content is not the last but its isError is decodes it.
 */
function spliced(r: ContentRecord, raw: RawJsonText, into: Array<string | Uint8Array>): void {
	const keys = Object.keys(r);
	const inner = Object.keys(r.toolResult!);
	const last = inner.indexOf('content');
	const isError = r.toolResult!.isError;
	// The content ends the line but for isError: the bytes go where stringify would write them.
	if (keys[keys.length - 1] !== 'toolResult' || !(last === inner.length - 1 || (last === inner.length - 2 && inner[last + 1] === 'isError' && isError !== undefined))) {
		into.push(`${JSON.stringify(r)}\n`);
		return;
	}
	const after = last === inner.length - 1 ? '}}' : `,"isError":${JSON.stringify(isError)}}}`;
	const text = JSON.stringify({...r, toolResult: {...r.toolResult, content: ''}});
	into.push(text.slice(0, text.length - after.length - 2), raw.json, `${after}\n`);
}

/** The UTF-8 of the parts, in one Buffer that owns its memory (transferable). */
export function ownedUtf8(parts: Array<string | Uint8Array>): Buffer {
	let total = 0;
	for (const p of parts) total += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length;
	const out = Buffer.allocUnsafeSlow(total);
	let off = 0;
	for (const p of parts) {
		if (typeof p === 'string') off += out.write(p, off, 'utf8');
		else {
			out.set(p, off);
			off += p.length;
		}
	}
	return out;
}

export function writeContent(home: string, bySession: Record<string, string | Uint8Array>): void {
	let made = false;
	for (const [id, text] of Object.entries(bySession)) {
		const path = sidecarPath(home, id);
		if (!path || text.length === 0) continue;
		if (!made) {
			ensurePrivateDir(contentDir(home));
			made = true;
		}
		appendLines(path, text);
	}
}

/** Appends content records to one sidecar per session. Returns how many were skipped (bad ids). */
export function appendContent(home: string, records: ContentRecord[]): number {
	if (records.length === 0) return 0;
	const {bySession, skipped} = serializeContent(records);
	writeContent(home, bySession);
	return skipped;
}

/**
 * The time retention counts back from: the end of the newest day the ledger holds records
 * for, never later than `now`. Record days come from the logs' own timestamps, so a wall
 * clock that jumps ahead ages nothing; undefined when the ledger holds no dated record
 * (then nothing is pruned).
 */
export function retentionReference(home: string, now: number): number | undefined {
	let newest: string | undefined;
	try {
		for (const name of readdirSync(ledgerDir(home))) {
			const day = partitionOfFile(name);
			if (day && day !== UNDATED && (newest === undefined || day > newest)) newest = day;
		}
	} catch {
		return undefined;
	}
	if (newest === undefined) return undefined;
	const end = Date.parse(`${newest}T00:00:00.000Z`) + 86_400_000;
	return Number.isNaN(end) ? undefined : Math.min(now, end);
}

/**
 * Deletes sidecars not written for `retentionDays` before the newest record of the ledger
 * (retentionReference), not before the wall clock: a clock 400 days ahead prunes nothing.
 */
export function pruneContent(home: string, retentionDays: number, now = Date.now()): number {
	let pruned = 0;
	let names: string[];
	try {
		names = readdirSync(contentDir(home));
	} catch {
		return 0;
	}
	const reference = retentionReference(home, now);
	if (reference === undefined) return 0;
	const cutoff = reference - retentionDays * 86_400_000;
	for (const name of names) {
		const path = join(contentDir(home), name);
		try {
			// lstat: a planted link is judged (and removed) itself, never its target.
			if (lstatSync(path).mtimeMs < cutoff) {
				unlinkSync(path);
				pruned++;
			}
		} catch {}
	}
	return pruned;
}

/**
 * Reads the sidecars of the given sessions, in one batch with i/N progress. Records are
 * deduplicated by (messageId, kind, tool id) since a re-read log writes its content again.
 */
export function readContent(
	home: string,
	sessionIds: string[],
	onProgress?: (done: number, total: number) => void,
	dirOverride?: string,
): Map<string, ContentRecord[]> {
	const out = new Map<string, ContentRecord[]>();
	const dir = dirOverride ?? contentDir(home);
	let done = 0;
	for (const id of sessionIds) {
		const records: ContentRecord[] = [];
		const seen = new Set<string>();
		const path = SAFE_ID.test(id) ? join(dir, `${id}.jsonl`) : undefined;
		if (path) {
			try {
				forEachLine(path, 0, (line) => {
					try {
						const r = JSON.parse(line.toString('utf8')) as ContentRecord;
						const key = `${r.messageId}|${r.kind}|${r.toolUse?.id ?? r.toolResult?.toolUseId ?? ''}|${r.text?.length ?? ''}`;
						if (seen.has(key)) return;
						seen.add(key);
						records.push(r);
					} catch {}
				});
			} catch {}
		}
		out.set(id, records);
		onProgress?.(++done, sessionIds.length);
	}
	return out;
}
