/**
 * The pi reader (docs/agents.md, "pi"): one session file `<ts>_<uuid>.jsonl` per session.
 * Every assistant message with usage is a turn (abandoned `/tree` branches were billed too);
 * tool results (`toolResult` messages) are the next turn's input. A branched or forked
 * session file starts with copies of its parent's entries: their turns get the same key in
 * both files (the copy index counts them once, docs/ledger.md "Copies across sessions").
 * The key is the entry time, the request time and the usage — not the entry id, which pi
 * regenerates when it migrates a v1 file in place (trap P5). No I/O.
 */
import type {
	CompactionRecord,
	Fidelity,
	LedgerRecord,
	RelationshipRecord,
	ToolCall,
	TurnRecord,
	UserTurnBlock,
} from '../../core/records.js';
import {emptySkips} from '../../core/records.js';
import {argsHash} from '../hash.js';
import {READER_VERSION, type LineReader, type LineReaderFactory, type ReaderContext} from '../reader.js';
import {arr, isObject, measuredText, obj, str, type Json} from '../claude/line.js';
import {recordsOfLine} from './records.js';
import {fidelityOf, finishTurn, ownersOf, pendingUserTurn, resultEvent, userBlock, type CallOwners} from '../emit-turn.js';
import {filesOf, hasEdits, toolCallsOf} from './tools.js';
import {readPiUsage} from './usage.js';

interface PendingUser {
	uuid: string;
	ts: string;
	blocks: UserTurnBlock[];
}

export interface PiState {
	sessionId?: string;
	cwd?: string;
	turns: number;
	events: number;
	/** Key of the last assistant turn. */
	last?: string;
	/** Tool call id → [turn key, call index] of the last turn's calls. */
	calls: CallOwners;
	/** Tool results and prompts since the last turn (written again once the next turn is known). */
	pending?: PendingUser;
	/** Relationship written. */
	related?: boolean;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A session id from a file path or name (`…/2025-12-09T00-52-54-397Z_<uuid>.jsonl`). */
export function sessionIdOfPath(path: string): string {
	const base = path.split(/[\\/]/).pop() ?? path;
	const m = UUID.exec(base);
	return m ? m[0].toLowerCase() : base.replace(/\.jsonl$/, '');
}

const isoOf = (v: unknown): string | undefined => {
	if (typeof v === 'string' && v) return v;
	if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v).toISOString();
	return undefined;
};

const fidelity = (content: boolean): Fidelity => fidelityOf('per-message', 'full', {hasReasoningTokens: false, hasRawContent: content});

/** The key of a response: the same in a parent and in every copy of it (see above). */
export function responseKey(entryTs: string, msgTs: unknown, u: {input: number; output: number; cacheRead: number; cacheCreate5m: number}): string {
	const ms = typeof msgTs === 'number' ? String(msgTs) : '';
	return `pi-${argsHash(`${entryTs}|${ms}|${u.input}|${u.output}|${u.cacheRead}|${u.cacheCreate5m}`)}`;
}

export const createPiReader: LineReaderFactory<PiState> = (ctx: ReaderContext, prior: PiState | undefined): LineReader<PiState> => {
	const s: PiState = prior ? {...prior, calls: {...prior.calls}} : {turns: 0, events: 0, calls: {}};
	const records: LedgerRecord[] = [];
	const skips = emptySkips();
	const fid = fidelity(false);
	const sid = () => (s.sessionId ??= sessionIdOfPath(ctx.path));

	const writePending = (following?: string) => {
		const rec = pendingUserTurn('pi', sid(), s.pending, s.last, following);
		if (rec) records.push({kind: 'user_turn', record: rec});
	};

	const pend = (e: Json, b: UserTurnBlock) => {
		const ts = str(e.timestamp) ?? '';
		s.pending ??= {uuid: `${sid()}:${str(e.id) ?? ts}`, ts, blocks: []};
		s.pending.blocks.push(b);
	};

	const header = (e: Json) => {
		if (s.sessionId === undefined) s.sessionId = str(e.id) ?? sessionIdOfPath(ctx.path);
		s.cwd ??= str(e.cwd);
		const parent = str(e.parentSession) ?? str(e.branchedFrom);
		if (parent && !s.related) {
			s.related = true;
			const rec: RelationshipRecord = {v: 1, source: 'pi', sessionId: sid(), relationshipType: 'fork', relatedSessionId: sessionIdOfPath(parent), rv: READER_VERSION};
			const ts = str(e.timestamp);
			if (ts) rec.ts = ts;
			records.push({kind: 'relationship', record: rec});
		}
	};

	const assistant = (e: Json, m: Json) => {
		const provider = str(m.provider);
		const {usage, agentCost} = readPiUsage(m.usage, provider, skips);
		const ts = str(e.timestamp) ?? isoOf(m.timestamp) ?? '';
		const key = responseKey(ts, m.timestamp, usage);
		const calls: ToolCall[] = toolCallsOf(m.content);
		writePending(key);
		s.pending = undefined;
		const t: TurnRecord = {
			v: 1,
			source: 'pi',
			sessionId: sid(),
			messageId: key,
			requestId: str(m.responseId) ?? key,
			turnIndex: s.turns++,
			ts,
			model: str(m.model) ?? '',
			usage,
			toolCalls: calls,
			sessionPath: ctx.path,
		};
		finishTurn(t, {project: s.cwd, files: filesOf(calls), edits: hasEdits(calls), stopReason: str(m.stopReason), agentCost, fidelity: fid});
		records.push({kind: 'turn', record: t});
		s.last = key;
		s.calls = ownersOf(key, calls);
	};

	const toolResult = (e: Json, m: Json) => {
		const id = str(m.toolCallId);
		if (!id) return;
		const text = measuredText(m.content);
		const isError = m.isError === true;
		pend(e, userBlock('tool_result', text, id, isError));
		const ts = str(e.timestamp) ?? isoOf(m.timestamp);
		records.push({kind: 'tool_result_event', record: resultEvent('pi', sid(), id, s.events++, {failed: isError, contentLength: text.length, owner: s.calls[id], ts})});
	};

	const user = (e: Json, m: Json) => {
		const c = m.content;
		if (typeof c === 'string') {
			if (c) pend(e, userBlock('text', c));
			return;
		}
		for (const b of arr(c) ?? []) {
			const o = obj(b);
			if (o?.type === 'text' && typeof o.text === 'string' && o.text) pend(e, userBlock('text', o.text));
		}
	};

	const compaction = (e: Json) => {
		const rec: CompactionRecord = {v: 1, source: 'pi', sessionId: sid(), ts: str(e.timestamp) ?? '', rv: READER_VERSION};
		if (s.last) rec.precedingMessageId = s.last;
		if (typeof e.tokensBefore === 'number' && Number.isFinite(e.tokensBefore) && e.tokensBefore >= 0) rec.tokensBeforeCompact = e.tokensBefore;
		records.push({kind: 'compaction', record: rec});
	};

	const entry = (e: Json) => {
		switch (e.type) {
			case 'session':
				header(e);
				return;
			case 'compaction':
				compaction(e);
				return;
			case 'message': {
				const m = obj(e.message);
				if (!m) return;
				if (m.role === 'assistant') assistant(e, m);
				else if (m.role === 'toolResult') toolResult(e, m);
				else if (m.role === 'user') user(e, m);
				// A command the user ran with `!`: no tokens of its own, its output is the next turn's input.
				else if (m.role === 'bashExecution') {
					const text = `${str(m.command) ?? ''}\n${typeof m.output === 'string' ? m.output : ''}`;
					if (text.trim()) pend(e, userBlock('text', text));
				}
				return;
			}
			default:
				return;
		}
	};

	return {
		line(bytes: Buffer): void {
			const {records: recs, bad} = recordsOfLine(bytes.toString('utf8'));
			skips.badLines += bad;
			for (const r of recs) if (isObject(r)) entry(r);
		},
		finish() {
			// Results not yet followed by a turn: written now, again with their turn later.
			writePending();
			return {records, content: [], state: s, skips};
		},
	};
};
