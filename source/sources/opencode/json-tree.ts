import {readdirSync, statSync} from 'node:fs';
import {readRegular} from '../../core/open-regular.js';
import {basename, join} from 'node:path';
import type {SkipCounts} from '../../core/records.js';
import type {OpencodeJsonSession} from './discover.js';
import {num, obj, parseObj, str, type Obj} from './json.js';
import {inlineParts, normalizeMessage} from './legacy.js';
import type {OcPart, OcSession} from './types.js';

/** File access for the JSON tree of one data directory, counting what could not be read. */
export class JsonTree {
	constructor(private readonly skips: SkipCounts) {}

	/** `*.json` files of a directory, sorted by name; [] when it does not exist. */
	list(dir: string): string[] {
		try {
			return readdirSync(dir)
				.filter((n) => n.endsWith('.json'))
				.sort()
				.map((n) => join(dir, n));
		} catch {
			return [];
		}
	}

	mtime(path: string): number | undefined {
		try {
			return statSync(path).mtimeMs;
		} catch {
			return undefined;
		}
	}

	read(path: string): Obj | undefined {
		let text: string;
		try {
			text = readRegular(path).toString('utf8');
		} catch {
			this.skips.unreadableFiles++;
			return undefined;
		}
		const data = parseObj(text);
		if (!data) this.skips.badLines++;
		return data;
	}

	/** Where the parts of a message live. */
	partDir(s: OpencodeJsonSession, messageId: string): string {
		return s.layout === 'v2' ? join(s.storage, 'part', messageId) : join(s.storage, 'session', 'part', s.id, messageId);
	}

	session(s: OpencodeJsonSession): OcSession {
		const raw = this.read(s.sessionFile) ?? {};
		const parentId = str(raw.parentID);
		const directory = str(raw.directory);
		const createdMs = num(obj(raw.time)?.created);
		return {
			id: s.id,
			...(parentId ? {parentId} : {}),
			...(directory ? {directory} : {}),
			...(createdMs !== undefined ? {createdMs} : {}),
		};
	}

	/** A message file, in the current shape, with its id taken from the file name (as OpenCode's own migration does). */
	message(path: string): Obj | undefined {
		const raw = this.read(path);
		if (!raw) return undefined;
		return {...normalizeMessage(raw), id: basename(path, '.json')};
	}

	/** The parts of a message (part files sorted by id; early messages: the inline parts). */
	parts(s: OpencodeJsonSession, messageId: string, raw: Obj | undefined): OcPart[] {
		const files = this.list(this.partDir(s, messageId));
		if (!files.length && raw) return inlineParts(raw);
		const out: OcPart[] = [];
		for (const f of files) {
			const data = this.read(f);
			if (data) out.push({id: basename(f, '.json'), data});
		}
		return out;
	}
}
