import {existsSync} from 'node:fs';
import {UNDATED, partitionPath} from './layout.js';
import {forEachLine} from './lines.js';
import {parseTs} from '../core/time.js';

/**
 * Turns in the `undated` partition (one per session and message id, however many versions),
 * for a report whose window leaves that partition out: it still says how many turns it does
 * not count (PRODUCT.md, Window). The partition holds only records without a usable time,
 * so it is small; its lines are parsed one by one.
 */
export function countUndatedTurns(home: string): number {
	const file = partitionPath(home, UNDATED);
	if (!existsSync(file)) return 0;
	const keys = new Set<string>();
	try {
		forEachLine(file, 0, (line) => {
			let v: {kind?: unknown; record?: {source?: unknown; sessionId?: unknown; messageId?: unknown; ts?: unknown}};
			try {
				v = JSON.parse(line.toString('utf8'));
			} catch {
				return;
			}
			const r = v?.kind === 'turn' ? v.record : undefined;
			if (!r || typeof r.sessionId !== 'string' || (r as {aborted?: unknown}).aborted === true) return;
			if (typeof r.ts === 'string' && r.ts !== '' && !Number.isNaN(parseTs(r.ts))) return;
			keys.add(`${String(r.source)}|${r.sessionId}|${String(r.messageId)}`);
		});
	} catch {
		return keys.size;
	}
	return keys.size;
}
