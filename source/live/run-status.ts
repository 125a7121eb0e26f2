import {mark} from '../core/trace.js';
import {loadPriceBook} from '../analysis/pricing-load.js';
import {ingestNew, type LiveContext} from './ingest-new.js';
import {OVER_BUDGET_EXIT, statusJson, statusLine} from './status.js';
import {todayFigures} from './today.js';

/** `burn status`: ingest what is new (unless --no-ingest), then today's figures in one line. */
export async function runStatus(ctx: LiveContext): Promise<number> {
	await ingestNew(ctx);
	mark('ingest');
	const {priceBook} = loadPriceBook(ctx.home);
	mark('prices');
	const f = await todayFigures(ctx.home, priceBook, Date.now());
	mark('scan');
	const budget = ctx.opts.budget;
	ctx.io.stdout.write(ctx.opts.json ? `${JSON.stringify(statusJson(f, budget), null, 2)}\n` : `${statusLine(f, budget)}\n`);
	return budget !== null && f.cost > budget ? OVER_BUDGET_EXIT : 0;
}
