import {readdirSync, statSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import type {ContentRecord} from '../core/records.js';
import {ensurePrivateDir} from '../core/home.js';
import {appendLines} from './append.js';
import {forEachLine} from './lines.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function contentDir(home: string): string {
	return join(home, 'content');
}

function sidecarPath(home: string, sessionId: string): string | undefined {
	if (!SAFE_ID.test(sessionId) || sessionId === '.' || sessionId === '..') return undefined;
	return join(contentDir(home), `${sessionId}.jsonl`);
}

/** Appends content records to one sidecar per session. Returns how many were skipped (bad ids). */
export function appendContent(home: string, records: ContentRecord[]): number {
	if (records.length === 0) return 0;
	ensurePrivateDir(contentDir(home));
	const bySession = new Map<string, string[]>();
	let skipped = 0;
	for (const r of records) {
		const path = sidecarPath(home, r.sessionId);
		if (!path) {
			skipped++;
			continue;
		}
		let lines = bySession.get(path);
		if (!lines) bySession.set(path, (lines = []));
		lines.push(`${JSON.stringify(r)}\n`);
	}
	for (const [path, lines] of bySession) appendLines(path, lines.join(''));
	return skipped;
}

/** Deletes sidecars not written for `retentionDays`. */
export function pruneContent(home: string, retentionDays: number, now = Date.now()): number {
	let pruned = 0;
	let names: string[];
	try {
		names = readdirSync(contentDir(home));
	} catch {
		return 0;
	}
	const cutoff = now - retentionDays * 86_400_000;
	for (const name of names) {
		const path = join(contentDir(home), name);
		try {
			if (statSync(path).mtimeMs < cutoff) {
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
