/**
 * The command: arguments → options → a request → the pipeline (through a face) → an exit
 * code. Typed failures become exit codes in one place (exit-codes.ts); the caller (cli/start.ts)
 * owns the process exit.
 *
 * This module is the light start (issues 15 and 16): it and its static imports are all that
 * `burn --help`, `--version`, `burn status` and a report served from the report cache load:
 * the status line, the report cache and the ingest's "nothing new" check are imported
 * statically, so the build puts them in one chunk with the rest (Node 20 pays about a
 * millisecond per ES module file; scripts/build.mjs). Everything heavy (the analysis, the
 * renderers, the interactive view, the ingest proper) is imported only by the command that
 * needs it (test/light-start.test.ts follows the built chunks' imports).
 */
import {readFileSync} from 'node:fs';
import {ensureHome, resolveHome} from '../core/home.js';
import {installSignalHandlers} from '../core/signals.js';
import {say} from '../core/say.js';
import {mark} from '../core/trace.js';
import {tuneV8} from '../core/v8-tuning.js';
import {parseArgs, type CliOptions} from './args.js';
import {HELP} from './help.js';
import {failureOutcome} from './exit-codes.js';
import {Handover, isHandover} from './handover.js';
import type {Io} from './io.js';
import {pickMode} from './mode.js';
import {buildRequest} from './request.js';
import {runStatus} from '../live/run-status.js';
import {runReport} from './report-run.js';

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
		// The ES module build runs the command from the start (cli/handover.ts).
		if (isHandover(error)) throw error;
		const {code, message} = failureOutcome(error);
		if (message !== undefined) say(io.stderr, message);
		if (io.env.BURN_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
		return code;
	} finally {
		uninstall();
	}
}

async function command(opts: CliOptions, io: Io, signal: AbortSignal): Promise<number> {
	// Only a report can be the interactive view (asking reads stdout's TTY-ness, which makes the
	// stream: cli/start.ts; the status line never needs it).
	const mode = opts.command === 'hotspots' ? pickMode(opts, io) : 'text';
	// The CommonJS light start serves only the status line and a plain report (from the cache);
	// the rest is handed over before anything is done or said (cli/handover.ts).
	if (io.lightOnly && !(opts.command === 'status' || (opts.command === 'hotspots' && mode !== 'tui' && !opts.demo))) throw new Handover();
	// The demo generator and the log readers load only when used: a report over the ledger
	// never parses their code.
	const env = opts.demo ? (await import('./demo-home.js')).prepareDemoHome(io.env, io.now) : io.env;
	const home = opts.demo ? env.BURN_HOME! : resolveHome(opts.home ?? undefined, io.env);
	if (!opts.ledger) {
		const tightened = ensureHome(home);
		if (tightened) say(io.stderr, tightened);
	}
	if (opts.command === 'status') return runStatus({opts, io, env, home});
	// watch, the interactive view and ingest do real work (core/v8-tuning.ts); status and a cached report may not.
	if (opts.command === 'watch' || opts.command === 'ingest' || mode === 'tui') tuneV8();
	if (opts.command === 'watch') return (await import('../live/run-live.js')).runWatch({opts, io, env, home});
	if (mode === 'tui' && opts.command === 'hotspots') {
		// The interactive view loads Ink and React only now: plain runs never pay for them.
		if (io.stderr.isTTY) io.stderr.write(' burn · loading…');
		const {tuiInput} = await import('./tui-input.js');
		const {runTui} = await import('../ui/run-tui.js');
		return runTui(tuiInput(opts, {...io, env}, home));
	}
	if (opts.command === 'ingest') return (await import('./ingest-only.js')).ingestOnly(opts, io, env, home, signal);
	// The same Io when the environment is (a spread would read the streams' getters: cli/start.ts creates them only when used).
	return runReport(opts, mode === 'json' ? 'json' : 'text', buildRequest(opts, env, home), env === io.env ? io : {...io, env}, signal);
}
