import {mark} from '../core/trace.js';
import {ingestNew, sayWarnings, type LiveContext} from './ingest-new.js';
import {OVER_BUDGET_EXIT, statusJson, statusLine} from './status.js';
import {statusFigures} from './today-cache.js';

/**
 * `burn status`: ingest what is new (unless --no-ingest), then today's figures in one line.
 * Loads no scan and no price book when the ledger did not change (today-cache.ts).
 */
export async function runStatus(ctx: LiveContext): Promise<number> {
	// The warnings are said once the figures are made: in the CommonJS light start, figures that
	// need the scan hand the command over (cli/handover.ts), and the full build says them then.
	const ingested = await ingestNew(ctx, true);
	mark('ingest');
	const f = await statusFigures(ctx.home, ctx.env, Date.now());
	mark('figures');
	sayWarnings(ctx, ingested);
	const budget = ctx.opts.budget;
	const line = ctx.opts.json ? `${JSON.stringify(statusJson(f, budget), null, 2)}\n` : `${statusLine(f, budget)}\n`;
	if (ctx.io.out) ctx.io.out(line);
	else ctx.io.stdout.write(line);
	return budget !== null && f.cost > budget ? OVER_BUDGET_EXIT : 0;
}
