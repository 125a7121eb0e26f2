/**
 * The command: arguments → options → a request → the pipeline (through a face) → an exit
 * code. Typed failures become exit codes in one place (exit-codes.ts); the caller (cli.tsx)
 * owns the process exit.
 */
import {readFileSync} from 'node:fs';
import {ensureHome, loadConfig, resolveHome} from '../core/home.js';
import {installSignalHandlers} from '../core/signals.js';
import {say} from '../report/say.js';
import {mark} from '../core/trace.js';
import {parseArgs, type CliOptions} from './args.js';
import {HELP} from './help.js';
import {failureOutcome} from './exit-codes.js';
import type {Io} from './io.js';
import {pickMode} from './mode.js';
import {buildRequest} from './request.js';
import {runPlain} from './plain.js';
import {skipsLine} from '../pipeline/notices.js';

export type {Io} from './io.js';
export {pickMode, type Mode} from './mode.js';
export {buildRequest} from './request.js';

function version(): string {
	for (const rel of ['../package.json', '../../package.json']) {
		try {
			return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {version: string}).version;
		} catch {}
	}
	return 'unknown';
}

/** The whole command. Returns the exit code; the caller owns `exit`. */
export async function run(io: Io): Promise<number> {
	mark('start');
	let uninstall = () => {};
	try {
		const opts = parseArgs(io.argv, io.now, io.cwd);
		if (opts.help) {
			io.stdout.write(`${HELP.trimStart()}\n`);
			return 0;
		}
		if (opts.version) {
			io.stdout.write(`${version()}\n`);
			return 0;
		}
		// `burn watch` and `burn status` handle their own signals (source/live).
		const interrupt = new AbortController();
		if (opts.command !== 'watch' && opts.command !== 'status') uninstall = installSignalHandlers((line) => say(io.stderr, line), (reason) => interrupt.abort(reason));
		return await command(opts, io, interrupt.signal);
	} catch (error) {
		const {code, message} = failureOutcome(error);
		if (message !== undefined) say(io.stderr, message);
		if (io.env.BURN_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
		return code;
	} finally {
		uninstall();
	}
}

async function command(opts: CliOptions, io: Io, signal: AbortSignal): Promise<number> {
	const mode = pickMode(opts, io);
	// The demo generator and the log readers load only when used: a report over the ledger
	// never parses their code.
	const env = opts.demo ? (await import('./demo-home.js')).prepareDemoHome(io.env, io.now) : io.env;
	const home = opts.demo ? env.BURN_HOME! : resolveHome(opts.home ?? undefined, io.env);
	if (!opts.ledger) {
		const tightened = ensureHome(home);
		if (tightened) say(io.stderr, tightened);
	}
	if (opts.command === 'status' || opts.command === 'watch') {
		// One line for a prompt, or a follow of new turns: never the interactive view (source/live).
		const live = await import('../live/run-live.js');
		return (opts.command === 'status' ? live.runStatus : live.runWatch)({opts, io, env, home});
	}
	if (mode === 'tui' && opts.command === 'hotspots') {
		// The interactive view loads Ink and React only now: plain runs never pay for them.
		if (io.stderr.isTTY) io.stderr.write(' burn · loading…');
		const {tuiInput} = await import('./tui-input.js');
		const {runTui} = await import('../ui/run-tui.js');
		return runTui(tuiInput(opts, {...io, env}, home));
	}
	if (opts.command === 'ingest') return ingestOnly(opts, io, env, home, signal);
	return runPlain(opts, mode === 'json' ? 'json' : 'text', buildRequest(opts, env, home), {...io, env}, signal);
}

/** `burn ingest`: only refreshes the ledger: no scan, no prices, no report. */
async function ingestOnly(opts: CliOptions, io: Io, env: NodeJS.ProcessEnv, home: string, signal: AbortSignal): Promise<number> {
	for (const w of loadConfig(home, env).warnings) say(io.stderr, w);
	const request = buildRequest(opts, env, home);
	if (!request.ingest) {
		const reason = opts.ledger ? '--ledger is read-only' : '--no-ingest';
		io.stdout.write(opts.json ? `${JSON.stringify({ran: false, reason}, null, 2)}\n` : `nothing ingested (${reason})\n`);
		return 0;
	}
	const {refreshLedger: ingest} = await import('../ledger/refresh.js');
	const {stderrProgress} = await import('../report/progress-lines.js');
	const {inCi} = await import('./mode.js');
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
