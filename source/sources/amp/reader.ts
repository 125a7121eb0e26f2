/**
 * The Amp reader (docs/agents.md, "Amp"): one thread document `threads/T-<uuid>.json`,
 * rewritten in place, read whole on every change. Current threads carry usage on each
 * assistant message (`usage {model, inputTokens, outputTokens, cacheCreationInputTokens,
 * cacheReadInputTokens, credits, timestamp}`); older ones only a `usageLedger` of inference
 * events (input and output). Both describe the same calls: a ledger event whose
 * `toMessageId` names a message with usage adds nothing. Turns are keyed by thread and
 * message id (or ledger event id), so a re-read replaces, never adds. No I/O.
 */
import type {LedgerRecord, SkipCounts, ToolCall, TurnRecord} from '../../core/records.js';
import {emptyUsage} from '../../core/records.js';
import {argsHash} from '../hash.js';
import type {LineReaderFactory} from '../reader.js';
import {arr, isObject, measuredText, obj, str, type Json} from '../claude/line.js';
import {jsonObjectOf, wholeFileReader} from '../whole-file.js';
import {fidelityOf, finishTurn, ownersOf, pendingUserTurn, resultEvent, tokenCount, userBlock, type CallOwners, type PendingUserTurn} from '../emit-turn.js';

export interface AmpState {
	v: 1;
}

const FIDELITY = fidelityOf('per-message', 'full', {hasReasoningTokens: false, hasSessionRelationships: false, hasRawContent: false});

const iso = (v: unknown): string | undefined => {
	if (typeof v === 'string' && v) return v;
	if (typeof v === 'number' && Number.isFinite(v) && v > 0) return new Date(v).toISOString();
	return undefined;
};

function projectOf(doc: Json): string | undefined {
	const trees = arr(obj(obj(doc.env)?.initial)?.trees);
	const uri = str(obj(trees?.[0])?.uri);
	if (!uri) return undefined;
	if (!uri.startsWith('file://')) return uri;
	try {
		return decodeURIComponent(new URL(uri).pathname);
	} catch {
		return uri.slice('file://'.length);
	}
}

function toolCalls(content: unknown): ToolCall[] {
	const out: ToolCall[] = [];
	for (const b of arr(content) ?? []) {
		const o = obj(b);
		if (!o || o.type !== 'tool_use') continue;
		const id = str(o.id);
		const name = str(o.name);
		if (!id || !name) continue;
		const input = obj(o.input) ?? {};
		const call: ToolCall = {id, name, argsHash: argsHash(input)};
		const target = str(input.path) ?? str(input.file_path) ?? str(input.cmd) ?? str(input.command) ?? str(input.pattern) ?? str(input.url);
		if (target) call.target = target.trim();
		out.push(call);
	}
	return out;
}

const FILE_TOOLS = /^(read|read_file|edit_file|create_file|edit|write|view)$/i;

export function parseAmpThread(text: string, path: string, skips: SkipCounts): LedgerRecord[] | undefined {
	const doc = jsonObjectOf(text);
	if (!doc) return undefined;
	const threadId = str(doc.id) ?? (path.split(/[\\/]/).pop() ?? path).replace(/\.json$/, '');
	const created = iso(doc.created) ?? '';
	const project = projectOf(doc);
	const messages = (arr(doc.messages) ?? []).filter(isObject) as Json[];
	const records: LedgerRecord[] = [];
	const withUsage = new Set<number>();
	let turnIndex = 0;
	let lastSent = created;
	let last: string | undefined;
	let calls: CallOwners = {};
	let pending: PendingUserTurn | undefined;
	let events = 0;
	const flushPending = (following?: string) => {
		const rec = pendingUserTurn('amp', threadId, pending, last, following);
		if (!rec) return;
		records.push({kind: 'user_turn', record: rec});
		pending = undefined;
	};
	const turn = (messageId: string, ts: string, model: string, usage: TurnRecord['usage'], tools: ToolCall[], credits: number | undefined, stop?: string) => {
		flushPending(messageId);
		const t: TurnRecord = {v: 1, source: 'amp', sessionId: threadId, messageId, turnIndex: turnIndex++, ts, model, usage, toolCalls: tools, sessionPath: path};
		const files = tools.filter((c) => FILE_TOOLS.test(c.name) && c.target).map((c) => c.target!);
		finishTurn(t, {project, files: [...new Set(files)], stopReason: stop, agentCost: credits, fidelity: FIDELITY});
		records.push({kind: 'turn', record: t});
		last = messageId;
		calls = ownersOf(messageId, tools);
	};
	for (const m of messages) {
		const mid = typeof m.messageId === 'number' || typeof m.messageId === 'string' ? String(m.messageId) : undefined;
		if (m.role === 'user') {
			const sent = iso(obj(m.meta)?.sentAt);
			if (sent) lastSent = sent;
			for (const b of arr(m.content) ?? []) {
				const o = obj(b);
				if (!o) continue;
				const ts = sent ?? lastSent;
				if (o.type === 'text' && typeof o.text === 'string' && o.text) {
					pending ??= {uuid: `${threadId}:${mid ?? events}`, ts, blocks: []};
					pending.blocks.push(userBlock('text', o.text));
				} else if (o.type === 'tool_result') {
					const id = str(o.toolUseID) ?? str(o.tool_use_id);
					if (!id) continue;
					const run = obj(o.run);
					const status = str(run?.status);
					const failed = status === 'error' || status === 'failed' || status === 'rejected-by-user' || o.is_error === true;
					const content = measuredText(run?.result ?? run?.error ?? o.content ?? '');
					pending ??= {uuid: `${threadId}:${mid ?? events}`, ts, blocks: []};
					pending.blocks.push(userBlock('tool_result', content, id, failed));
					records.push({kind: 'tool_result_event', record: resultEvent('amp', threadId, id, events++, {failed, contentLength: content.length, owner: calls[id], ts})});
				}
			}
			continue;
		}
		if (m.role !== 'assistant' || mid === undefined) continue;
		const u = obj(m.usage);
		if (!u) continue;
		withUsage.add(Number(mid));
		const usage = emptyUsage();
		usage.input = tokenCount(u.inputTokens, skips);
		usage.output = tokenCount(u.outputTokens, skips);
		usage.cacheRead = tokenCount(u.cacheReadInputTokens, skips);
		usage.cacheCreate5m = tokenCount(u.cacheCreationInputTokens, skips);
		usage.reasoning = tokenCount(u.reasoningOutputTokens, skips);
		const credits = typeof u.credits === 'number' && Number.isFinite(u.credits) && u.credits >= 0 ? u.credits : undefined;
		const ts = iso(u.timestamp) ?? lastSent ?? created;
		turn(`${threadId}:${mid}`, ts, str(u.model) ?? '', usage, toolCalls(m.content), credits, str(obj(m.state)?.stopReason));
	}
	// Older threads: inference events of the usage ledger, unless a message already has the usage.
	for (const e of (arr(obj(doc.usageLedger)?.events) ?? []).filter(isObject) as Json[]) {
		const to = typeof e.toMessageId === 'number' ? e.toMessageId : Number(e.toMessageId);
		if (Number.isFinite(to) && withUsage.has(to)) continue;
		const tokens = obj(e.tokens) ?? {};
		const usage = emptyUsage();
		usage.input = tokenCount(tokens.input, skips);
		usage.output = tokenCount(tokens.output, skips);
		const id = str(e.id) ?? `ledger-${to}`;
		const credits = typeof e.credits === 'number' && Number.isFinite(e.credits) && e.credits >= 0 ? e.credits : undefined;
		const msg = messages.find((x) => String(x.messageId) === String(to));
		turn(`${threadId}:${id}`, iso(e.timestamp) ?? created, str(e.model) ?? '', usage, msg ? toolCalls(msg.content) : [], credits);
	}
	flushPending();
	return records;
}

export const createAmpReader: LineReaderFactory<AmpState> = (ctx, prior) =>
	wholeFileReader<AmpState>(ctx, prior, (text, c, _s, skips) => {
		const records = parseAmpThread(text, c.path, skips);
		return records ? {records, state: {v: 1}} : undefined;
	}, () => ({v: 1}));
