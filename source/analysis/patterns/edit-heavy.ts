/**
 * Edit-heavy sessions (hotspots-model.md §4.3): at least 5 edits and more than 4 edits per
 * read. Per session, not per thread: a subagent that reads for the main thread is the
 * session's reading. Reads are file reads, plus shell `cat`/`head`/`tail`/`sed -n` of a file (agents
 * without a read tool, Codex, read that way); searches and other shell calls are not reads.
 */
import type {ToolCall} from '../../core/records.js';
import {callsClaims, unionCost} from './claims.js';
import type {CallInfo, SessionCtx, TurnInfo} from './context.js';
import type {Detected} from './detected.js';
import type {EditHeavySession} from './types.js';

export const MIN_EDITS = 5;
export const MIN_RATIO = 4;

const FILE_VIEWERS = new Set(['cat', 'head', 'tail']);
const COUNT_OPTIONS = new Set(['-n', '-c', '--lines', '--bytes']);

/** Words of one shell segment, quotes removed (no expansion). */
function words(segment: string): string[] {
	const out: string[] = [];
	for (const m of segment.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
	return out;
}

/** True when some segment (split on `&& || ; newline`, not `|`) starts with cat/head/tail of a file. */
export function isFileViewCommand(command: string): boolean {
	for (const segment of command.split(/&&|\|\||;|\n/)) {
		const w = words(segment.split('|')[0] ?? '');
		let i = 0;
		while (i < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]!)) i++;
		const bin = w[i];
		if (bin === 'sed') {
			// `sed -n '1,200p' file` prints part of a file (how Codex reads); `sed -i` edits.
			const args = w.slice(i + 1);
			const printsOnly = args.includes('-n') && !args.some((a) => a.startsWith('-i') || a === '--in-place');
			if (printsOnly && args.filter((a) => a && !a.startsWith('-')).length >= 2) return true;
			continue;
		}
		if (!bin || !FILE_VIEWERS.has(bin)) continue;
		for (let j = i + 1; j < w.length; j++) {
			const a = w[j]!;
			if (a === '-' || a === '') continue;
			if (/^[<>]|^\d*>/.test(a)) break;
			if (COUNT_OPTIONS.has(a)) {
				j++;
				continue;
			}
			if (a.startsWith('-')) continue;
			if (bin !== 'cat' && /^\d+$/.test(a)) continue;
			return true;
		}
	}
	return false;
}

function isRead(info: CallInfo, call: ToolCall): boolean {
	if (info.tool.kind === 'file-read') return true;
	return info.tool.kind === 'shell' && typeof call.target === 'string' && isFileViewCommand(call.target);
}

/** Edit → shell → edit cycles inside one turn. */
function turnRetries(ctx: SessionCtx, t: TurnInfo): number {
	let n = 0;
	let state: 'none' | 'edit' | 'edit-shell' = 'none';
	for (const c of t.turn.toolCalls) {
		const kind = ctx.calls.get(c.id)?.tool.kind;
		if (kind === 'file-edit') {
			if (state === 'edit-shell') n++;
			state = 'edit';
		} else if (kind === 'shell' && state === 'edit') state = 'edit-shell';
	}
	return n;
}

export function detectEditHeavy(ctx: SessionCtx, slice: TurnInfo[], out: Detected<EditHeavySession>[]): void {
	let reads = 0;
	let retries = 0;
	const edits: CallInfo[] = [];
	const turns: string[] = [];
	for (const t of slice) {
		let edited = false;
		for (const c of t.turn.toolCalls) {
			const info = ctx.calls.get(c.id);
			if (!info) continue;
			if (info.tool.kind === 'file-edit') {
				edits.push(info);
				edited = true;
			} else if (isRead(info, c)) reads++;
		}
		if (edited) turns.push(t.turn.messageId);
		retries += turnRetries(ctx, t);
	}
	if (edits.length < MIN_EDITS) return;
	const ratio = reads === 0 ? null : edits.length / reads;
	if (ratio !== null && !(ratio > MIN_RATIO)) return;
	const claims = callsClaims(ctx, edits);
	out.push({
		row: {source: ctx.source, sessionId: ctx.sessionId, readCount: reads, editCount: edits.length, ratio, likelyRetries: retries, cost: unionCost(ctx, claims), turns},
		ctx,
		claims,
	});
}
