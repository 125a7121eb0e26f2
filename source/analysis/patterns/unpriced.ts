/** Unpriced usage (ours): turns of a model with no known price, per session and model. */
import {tokensOf} from '../usage.js';
import type {SessionCtx} from './context.js';
import type {UnpricedUsage} from './types.js';

export function detectUnpriced(ctx: SessionCtx, out: UnpricedUsage[]): void {
	const byModel = new Map<string, UnpricedUsage>();
	for (const t of ctx.turns) {
		if (t.cost !== null) continue;
		const model = t.turn.model || '(no model)';
		let row = byModel.get(model);
		if (!row) {
			row = {sessionId: ctx.sessionId, source: ctx.source, model, turns: 0, tokens: 0};
			byModel.set(model, row);
		}
		row.turns++;
		row.tokens += tokensOf(t.turn.usage, t.turn.source);
	}
	for (const row of byModel.values()) if (row.tokens > 0 || row.turns > 0) out.push(row);
}
