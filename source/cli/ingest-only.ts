import {loadConfig} from '../core/home.js';
import {say} from '../core/say.js';
import {skipsLine} from '../pipeline/notices.js';
import type {CliOptions} from './args.js';
import type {Io} from './io.js';
import {inCi} from './mode.js';
import {buildRequest} from './request.js';

/** `burn ingest`: only refreshes the ledger: no scan, no prices, no report. */
export async function ingestOnly(opts: CliOptions, io: Io, env: NodeJS.ProcessEnv, home: string, signal: AbortSignal): Promise<number> {
	for (const w of loadConfig(home, env).warnings) say(io.stderr, w);
	const request = buildRequest(opts, env, home);
	if (!request.ingest) {
		const reason = opts.ledger ? '--ledger is read-only' : '--no-ingest';
		io.stdout.write(opts.json ? `${JSON.stringify({ran: false, reason}, null, 2)}\n` : `nothing ingested (${reason})\n`);
		return 0;
	}
	const {refreshLedger: ingest} = await import('../ledger/refresh.js');
	const {stderrProgress} = await import('../report/progress-lines.js');
	const onWait = (pid: number) => say(io.stderr, `waiting for another burn${pid ? ` (pid ${pid})` : ''} to finish ingesting…`);
	const progress = io.stderr.isTTY && !inCi(env) ? stderrProgress(io.stderr) : undefined;
	const r = await ingest({...request, rebuild: opts.rebuild, onWait, signal, ...(progress ? {onProgress: progress} : {})});
	for (const w of r.warnings) say(io.stderr, w);
	const skipped = skipsLine(r.skips);
	if (skipped) say(io.stderr, skipped);
	if (opts.json) {
		const {ran, filesChanged, bytesRead, records, skips, warnings} = r;
		io.stdout.write(`${JSON.stringify({ran, filesChanged, bytesRead, records, skips, warnings}, null, 2)}\n`);
	} else io.stdout.write(`ingested ${r.filesChanged} new/changed file(s), ${r.records} record(s), ${(r.bytesRead / 1e6).toFixed(1)} MB\n`);
	return 0;
}
