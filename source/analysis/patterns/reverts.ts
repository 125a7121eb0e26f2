/**
 * Edit reverts (hotspots-model.md §4.3), per thread: an edit whose resulting text equals the
 * original text of an earlier edit of the same file returned it to a prior state. The cycle
 * anchors at the earliest such edit; the file's history then starts over. Any source whose
 * edits carry content hashes (Claude Edit/Write/NotebookEdit, OpenCode edit/write) counts.
 */
import {callsClaims, unionCost} from './claims.js';
import type {CallInfo, SessionCtx, TurnInfo} from './context.js';
import {clip, toolInputs, type Detected} from './detected.js';
import type {EditRevertCycle} from './types.js';

const PREVIEW = 200;

function previewOf(input: unknown): {before: string; after: string} | undefined {
	if (!input || typeof input !== 'object') return undefined;
	const o = input as Record<string, unknown>;
	const pick = (...keys: string[]): string | undefined => {
		for (const k of keys) if (typeof o[k] === 'string') return o[k] as string;
		return undefined;
	};
	const after = pick('new_string', 'newString', 'content');
	if (after === undefined) return undefined;
	return {before: clip(pick('old_string', 'oldString') ?? '', PREVIEW), after: clip(after, PREVIEW)};
}

export function detectReverts(ctx: SessionCtx, slice: TurnInfo[], out: Detected<EditRevertCycle>[]): void {
	const inputs = ctx.content.length > 0 ? toolInputs(ctx) : undefined;
	const histories = new Map<string, Array<{pre?: string; post?: string; call: CallInfo}>>();
	for (const t of slice) {
		for (const c of t.turn.toolCalls) {
			const info = ctx.calls.get(c.id);
			if (!info || info.tool.kind !== 'file-edit' || !c.target || c.isError === true) continue;
			if (c.editPreHash === undefined && c.editPostHash === undefined) continue;
			const key = `${t.threadId}\u0000${c.target}`;
			const history = histories.get(key) ?? [];
			const hit = c.editPostHash === undefined ? -1 : history.findIndex((h) => h.pre !== undefined && h.pre === c.editPostHash);
			if (hit < 0) {
				history.push({...(c.editPreHash ? {pre: c.editPreHash} : {}), ...(c.editPostHash ? {post: c.editPostHash} : {}), call: info});
				histories.set(key, history);
				continue;
			}
			const first = history[hit]!.call;
			histories.set(key, []);
			const claims = callsClaims(ctx, [first, info]);
			const firstIdx = first.turn.turn.turnIndex;
			const row: EditRevertCycle = {
				sessionId: ctx.sessionId,
				threadId: t.threadId,
				turns: [...new Set([first.turn.turn.messageId, t.turn.messageId])],
				filePath: c.target,
				firstEditTurnIndex: firstIdx,
				revertTurnIndex: t.turn.turnIndex,
				spanTurns: t.turn.turnIndex - firstIdx,
				cost: unionCost(ctx, claims),
			};
			const preview = inputs ? previewOf(inputs.get(first.call.id)) : undefined;
			if (preview && inputs?.has(c.id)) row.samplePreview = preview;
			out.push({row, ctx, claims});
		}
	}
}
