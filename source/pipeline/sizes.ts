import {plural} from '../core/numbers.js';
import type {ProgressSink} from '../core/progress.js';
import type {Dataset, SessionData} from '../ledger/dataset.js';
import {readContent} from '../ledger/content.js';
import {yieldIfDue} from '../ledger/lines.js';
import {estimateTokens} from '../sources/estimate.js';
import {join} from 'node:path';

function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((b) => (b && typeof b === 'object' && typeof (b as {text?: unknown}).text === 'string' ? (b as {text: string}).text : JSON.stringify(b)))
			.join('\n');
	}
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

/**
 * Sessions where most tool calls have no result size in the user-turn records (e.g. a
 * relayburn ledger written without them). A few unsized calls (a run still going, a call
 * on the last turn) do not justify opening a sidecar.
 */
export function sessionsNeedingSizes(dataset: Dataset): string[] {
	const out: string[] = [];
	for (const s of dataset.sessions) if (needsSizes(s)) out.push(s.sessionId);
	return out;
}

/** Memoised per session object: a live merge asks again only for the sessions it rebuilt. */
const needs = new WeakMap<SessionData, boolean>();

function needsSizes(s: SessionData): boolean {
	let v = needs.get(s);
	if (v !== undefined) return v;
	const sized = new Set<string>();
	for (const u of s.userTurns) for (const b of u.blocks) if (b.kind === 'tool_result' && b.toolUseId) sized.add(b.toolUseId);
	let calls = 0;
	let unsized = 0;
	for (const t of s.turns) {
		for (const c of t.toolCalls) {
			calls++;
			if (!sized.has(c.id)) unsized++;
		}
	}
	v = calls > 0 && unsized * 2 > calls;
	needs.set(s, v);
	return v;
}

/**
 * Result sizes from the content sidecars, for the tool calls the user-turn records do not
 * size: read only when needed, in one batch with i/N progress. Yields to the event loop
 * between sidecars (keys and the spinner stay alive) and stops when `signal` aborts.
 */
export async function loadSidecarSizes(
	home: string,
	dataset: Dataset,
	progress: ProgressSink,
	foreignLedger?: string | null,
	signal?: AbortSignal,
): Promise<Map<string, number>> {
	const sizes = new Map<string, number>();
	const ids = sessionsNeedingSizes(dataset);
	const t0 = performance.now();
	progress({step: 'content', state: 'start', done: 0, total: ids.length});
	if (ids.length > 0) {
		const dir = foreignLedger ? join(foreignLedger, 'content') : undefined;
		// One sidecar at a time: only the sizes are kept.
		let done = 0;
		for (const id of ids) {
			await yieldIfDue();
			signal?.throwIfAborted();
			const records = readContent(home, [id], undefined, dir).get(id) ?? [];
			progress({step: 'content', state: 'update', done: ++done, total: ids.length});
			for (const r of records) {
				if (r.kind !== 'tool_result' || !r.toolResult) continue;
				const id = r.toolResult.toolUseId;
				if (!sizes.has(id)) sizes.set(id, estimateTokens(contentText(r.toolResult.content)));
			}
		}
	}
	progress({
		step: 'content',
		state: 'done',
		elapsedMs: performance.now() - t0,
		done: ids.length,
		total: ids.length,
		summary: ids.length === 0 ? 'sizes from the ledger' : `${plural(ids.length, 'sidecar')}, ${sizes.size} sizes`,
	});
	return sizes;
}
