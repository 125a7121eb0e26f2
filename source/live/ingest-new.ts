import type {CliOptions} from '../cli/args.js';
import type {Io} from '../cli/io.js';
import {loadConfig} from '../core/home.js';
import type {IngestResult} from '../ledger/ingest.js';
import {refreshLedger as ingest} from '../ledger/refresh.js';

export interface LiveContext {
	opts: CliOptions;
	io: Io;
	env: NodeJS.ProcessEnv;
	home: string;
}

/**
 * What is new in the agents' logs into the ledger (none with --no-ingest); its warnings said on
 * stderr, unless `later` (then the caller says them: sayWarnings).
 */
export async function ingestNew(ctx: LiveContext, later = false): Promise<IngestResult | null> {
	if (!ctx.opts.ingest) return null;
	const {config} = loadConfig(ctx.home, ctx.env);
	const r = await ingest({
		home: ctx.home,
		env: ctx.env,
		contentMode: config.content,
		retentionDays: config.retentionDays,
		onWait: (pid) => ctx.io.stderr.write(`burn: waiting for another burn${pid ? ` (pid ${pid})` : ''} to finish ingesting…\n`),
	});
	if (!later) sayWarnings(ctx, r);
	return r;
}

export function sayWarnings(ctx: LiveContext, r: IngestResult | null): void {
	for (const w of r?.warnings ?? []) ctx.io.stderr.write(`burn: ${w}\n`);
}
