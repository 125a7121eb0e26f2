import type {LogFile} from '../sources/discover.js';
import {COPY_KEYS_RV, READER_VERSION} from '../sources/reader.js';
import type {CursorStore} from './cursors.js';
import type {CopyIndex} from './copies.js';
import type {Plan} from './ingest.js';
import {readLogFileAsync} from './read-log.js';

/** Claude records written by a reader before this version carry no `requestId` (defined beside the reader versions: cursors.ts needs it without loading the readers). */
export {COPY_KEYS_RV};

/**
 * The copy index learns the response keys of Claude logs whose ledger records lack them
 * (read by an older reader), or all of them when the index was just rebuilt: the part of each
 * log the ledger already holds (up to its cursor) is read again with the current reader, for
 * the index only. Nothing is appended, so an upgrade does not double the ledger. The pass's
 * reader state replaces the cursor's (same offset), so what is read next continues from the
 * current reader's view. Logs that are read from the start anyway are left to that read.
 */
export async function copyKeysPass(
	plans: Array<{file: LogFile; plan: Plan; fresh?: boolean}>,
	cursors: CursorStore,
	copies: CopyIndex,
	onFile: (label: string) => void,
): Promise<number> {
	let passes = 0;
	for (const p of plans) {
		// `fresh`: its cursor shard is unchanged and holds no cursor of an older reader (cursors.ts).
		if (p.file.source !== 'claude-code' || p.fresh) continue;
		// The head first: a warm run builds no cursor for its unchanged logs.
		const head = cursors.head(p.file.path);
		if (!head || (head.rv >= COPY_KEYS_RV && !copies.built)) continue;
		const cursor = cursors.get(p.file.path)!;
		if (p.plan.kind === 'read' && p.plan.offset === 0) continue;
		const end = Math.min(cursor.offset, p.file.size);
		if (end <= 0) continue;
		onFile(`reading response keys: ${p.file.path}`);
		let read;
		try {
			read = await readLogFileAsync({...p.file, size: end}, 0, undefined, 'off');
		} catch {
			continue;
		}
		copies.observe(read.copies);
		passes++;
		if (read.end !== end) continue;
		cursors.set(p.file.path, {...cursor, state: read.state, rv: READER_VERSION});
		if (p.plan.kind === 'read') p.plan.state = read.state;
	}
	return passes;
}
