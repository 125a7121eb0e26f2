import {basename, dirname} from 'node:path';
import type {LedgerRecord, RelationshipRecord, SourceKind, SubagentInfo} from '../../core/records.js';
import {emptySkips} from '../../core/records.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext} from '../reader.js';
import {emitMessages} from './emit.js';
import {isObj, str, type Json} from './tools.js';

/**
 * Cursor state of a Gemini chat file. `jsonl`: the append-only log of ≥ 0.39, read
 * incrementally. `doc`: one JSON document (≤ 0.38), rewritten on every change, so always read
 * whole (the pass resumes at offset 0).
 */
export interface ChatState {
	mode: 'jsonl' | 'doc';
	sessionId?: string;
	kind?: string;
	/** Turn index of the next new response. */
	next: number;
	/** The subagent relationship was written. */
	rel?: boolean;
}

export interface ChatFlavour {
	source: SourceKind;
	responseType: string;
}

const GEMINI: ChatFlavour = {source: 'gemini', responseType: 'gemini'};

/** File name without extension: the session id of a file that has no header. */
const stem = (path: string): string => basename(path).replace(/\.jsonl?$/, '');

/** `chats/<parentSessionId>/<id>.jsonl`: a subagent of that session (v0.37+). */
function parentOf(path: string): string | undefined {
	const dir = dirname(path);
	return basename(dirname(dir)) === 'chats' ? basename(dir) : undefined;
}

function parse(bytes: Buffer | string): unknown {
	try {
		return JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Reader of Gemini CLI chat files, JSONL or legacy JSON (sniffed from the first line, not
 * the extension: docs/agents.md). Every message id is kept once, in its latest version
 * (Gemini appends a message again each time it changes; `$set.messages` checkpoints repeat
 * them all); the same session in a `.json` and a `.jsonl` file gives the same session and
 * message ids, which the ledger counts once.
 */
export function createChatReader(flavour: ChatFlavour, project?: string): LineReaderFactory<ChatState> {
	return (ctx: ReaderContext, prev: ChatState | undefined): LineReader<ChatState> => {
		const fresh = ctx.startOffset === 0 || !prev;
		const state: ChatState = fresh ? {mode: 'jsonl', next: 0} : {...prev};
		const skips = emptySkips();
		const messages = new Map<string, Json>();
		const docLines: Buffer[] = [];
		let sniffed = !fresh;
		const message = (m: unknown) => {
			if (!isObj(m)) return;
			const id = str(m.id);
			if (id) messages.set(id, m);
		};
		const header = (h: Json) => {
			const sid = str(h.sessionId);
			if (sid) state.sessionId = sid;
			const kind = str(h.kind);
			if (kind) state.kind = kind;
		};
		const jsonLine = (v: unknown) => {
			if (!isObj(v)) {
				skips.badLines++;
				return;
			}
			if (typeof v.id === 'string') message(v);
			else if (isObj(v.$set)) {
				header(v.$set);
				if (Array.isArray(v.$set.messages)) for (const m of v.$set.messages) message(m);
			} else if (typeof v.$rewindTo === 'string') {
				// The UI history was cut; the rewound responses were billed: keep them.
			} else if (typeof v.sessionId === 'string') {
				header(v);
				// A legacy document written on one line (not pretty-printed) is one such line.
				if (Array.isArray(v.messages)) for (const m of v.messages) message(m);
			}
		};
		return {
			line(bytes: Buffer): void {
				if (!sniffed) {
					if (bytes.toString('utf8').trim() === '') return;
					sniffed = true;
					const v = parse(bytes);
					// A complete object on the first line: JSONL. Anything else: one document.
					state.mode = isObj(v) ? 'jsonl' : 'doc';
					if (state.mode === 'jsonl') jsonLine(v);
					else docLines.push(Buffer.from(bytes));
					return;
				}
				if (state.mode === 'doc') {
					docLines.push(Buffer.from(bytes));
					return;
				}
				if (bytes.length === 0) return;
				jsonLine(parse(bytes));
			},
			finish() {
				let resumeOffset: number | undefined;
				if (state.mode === 'doc') {
					// Rewritten whole (non-atomically before 0.39): always read again from the start.
					resumeOffset = 0;
					state.next = 0;
					// Gemini wrote `JSON.stringify(conversation, null, 2)` with no final newline: its
					// last line, the closing `}`, is never a complete line for the driver.
					const text = Buffer.concat(docLines.flatMap((b) => [b, Buffer.from('\n')]));
					const doc = parse(text) ?? parse(Buffer.concat([text, Buffer.from('}')]));
					if (isObj(doc)) {
						header(doc);
						if (Array.isArray(doc.messages)) for (const m of doc.messages) message(m);
					}
					// A document that does not parse was caught mid-write: nothing now, read again when it changes.
				}
				const own = state.sessionId ?? stem(ctx.path);
				const parent = parentOf(ctx.path);
				let subagent: SubagentInfo | undefined;
				if (parent && parent !== own) subagent = {isSidechain: true, agentId: own};
				const bad = {n: 0};
				const out = emitMessages([...messages.values()], {
					source: flavour.source,
					responseType: flavour.responseType,
					sessionId: subagent ? parent! : own,
					sessionPath: ctx.path,
					...(project ? {project} : {}),
					...(subagent ? {subagent} : {}),
					contentMode: ctx.contentMode,
					nextIndex: () => state.next++,
					bad,
				});
				skips.badFields += bad.n;
				const records: LedgerRecord[] = out.records;
				if (subagent && !state.rel && records.some((r) => r.kind === 'turn')) {
					const rel: RelationshipRecord = {v: 1, source: flavour.source, sessionId: own, relatedSessionId: parent, relationshipType: 'subagent', agentId: own, rv: READER_VERSION};
					records.push({kind: 'relationship', record: rel});
					if (state.mode === 'jsonl') state.rel = true;
				}
				return {records, content: out.content, state, skips, ...(resumeOffset !== undefined ? {resumeOffset} : {})};
			},
		};
	};
}

export const createGeminiReader = (project?: string): LineReaderFactory<ChatState> => createChatReader(GEMINI, project);
