import {readFileSync} from 'node:fs';
import type {ProgressSink} from '../core/progress.js';
import {ensureHome, loadConfig, resolveHome} from '../core/home.js';
import type {FilterSpec} from '../analysis/filters.js';
import {ProjectResolver} from '../sources/project.js';
import {loadDataset, type LoadRequest} from '../pipeline/load.js';
import type {SkipCounts} from '../core/records.js';
import {stderrProgress} from '../report/progress-lines.js';
import {renderPlain} from '../report/plain.js';
import {parseArgs, UsageError, type CliOptions} from './args.js';
import {HELP} from './help.js';
import {noLogsMessage} from './messages.js';
import {mark} from '../core/trace.js';
import {say} from '../report/say.js';

export interface Io {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	now: number;
}

export type Mode = 'json' | 'text' | 'tui';

export function pickMode(opts: CliOptions, io: Io): Mode {
	if (opts.json) return 'json';
	if (!opts.tty || !io.stdout.isTTY) return 'text';
	return 'tui';
}

function version(): string {
	for (const rel of ['../package.json', '../../package.json']) {
		try {
			return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {version: string}).version;
		} catch {}
	}
	return 'unknown';
}

/** Everything a view needs to (re)load data: one request shape for text, JSON and the TUI. */
export function buildRequest(opts: CliOptions, io: Io, home: string, progress: ProgressSink): LoadRequest {
	const {config} = loadConfig(home, io.env);
	let project: FilterSpec['project'] = null;
	if (opts.project) {
		const info = new ProjectResolver().resolve(opts.project);
		project = {dir: opts.project, ...(info.projectKey ? {remoteKey: info.projectKey} : {})};
	}
	return {
		home,
		env: io.env,
		window: {since: opts.since, until: opts.until},
		filter: {sources: opts.sources, project, providers: opts.providers},
		ingest: opts.ingest && !opts.ledger,
		rebuild: opts.rebuild,
		foreignLedger: opts.ledger,
		contentMode: config.content,
		retentionDays: config.retentionDays,
		onProgress: progress,
	};
}

/** Bad input skipped while reading logs: told once, on stderr. */
function reportSkips(skips: SkipCounts, io: Io): void {
	if (skips.badLines + skips.badFields + skips.hugeLines + skips.unreadableFiles === 0) return;
	io.stderr.write(
		`burn: skipped bad input while reading logs: ${skips.badLines} invalid line(s), ${skips.badFields} bad usage field(s), ${skips.hugeLines} oversized line(s), ${skips.unreadableFiles} unreadable file(s)\n`,
	);
}

/** The whole command. Returns the exit code; the caller owns `exit`. */
export async function run(io: Io): Promise<number> {
	mark('start');
	let opts: CliOptions;
	try {
		opts = parseArgs(io.argv, io.now, io.cwd);
	} catch (error) {
		if (error instanceof UsageError) {
			say(io.stderr, `${error.message}`);
			return 2;
		}
		throw error;
	}
	if (opts.help) {
		io.stdout.write(`${HELP.trimStart()}\n`);
		return 0;
	}
	if (opts.version) {
		io.stdout.write(`${version()}\n`);
		return 0;
	}
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
		const {runTui} = await import('../ui/run-tui.js');
		return runTui({opts, io: {...io, env}, home, buildRequest: (o, p) => buildRequest(o, {...io, env}, home, p)});
	}
	for (const w of loadConfig(home, env).warnings) say(io.stderr, `${w}`);
	const progress: ProgressSink = io.stderr.isTTY && !env.CI ? stderrProgress(io.stderr) : () => {};
	const request = buildRequest(opts, {...io, env}, home, progress);
	const onWait = (pid: number) => say(io.stderr, `waiting for another burn${pid ? ` (pid ${pid})` : ''} to finish ingesting…`);
	if (opts.command === 'ingest') {
		// `burn ingest` only refreshes the ledger: no scan, no prices, no report.
		if (!request.ingest) {
			const reason = opts.ledger ? '--ledger is read-only' : '--no-ingest';
			io.stdout.write(opts.json ? `${JSON.stringify({ran: false, reason}, null, 2)}\n` : `nothing ingested (${reason})\n`);
			return 0;
		}
		const {ingest} = await import('../ledger/ingest.js');
		const r = await ingest({...request, rebuild: opts.rebuild, onWait});
		for (const w of r.warnings) say(io.stderr, `${w}`);
		reportSkips(r.skips, io);
		if (opts.json) {
			const {ran, filesChanged, bytesRead, records, skips, warnings} = r;
			io.stdout.write(`${JSON.stringify({ran, filesChanged, bytesRead, records, skips, warnings}, null, 2)}\n`);
		} else io.stdout.write(`ingested ${r.filesChanged} new/changed file(s), ${r.records} record(s), ${(r.bytesRead / 1e6).toFixed(1)} MB\n`);
		return 0;
	}
	// The plain hotspots report reads no tool-result events (patterns and sessions do).
	const hotspotsOnly = opts.command === 'hotspots' && opts.session === null && opts.patterns === null && !opts.findings;
	const loaded = await loadDataset({
		...request,
		...(hotspotsOnly ? {skipKinds: ['tool_result_event' as const]} : {}),
		onWait,
	});
	for (const w of loaded.warnings) say(io.stderr, `${w}`);
	if (loaded.ingest) reportSkips(loaded.ingest.skips, io);
	if (loaded.dataset.sessions.length === 0 && loaded.ingest && loaded.ingest.discovery.files.length + loaded.ingest.discovery.opencode.length + loaded.ingest.discovery.dbs.length === 0 && loaded.dataset.stats.records === 0) {
		if (mode === 'text') {
			io.stdout.write(noLogsMessage(loaded.ingest.discovery.roots));
			return 0;
		}
	}
	return await renderPlain(opts, mode === 'json' ? 'json' : 'text', loaded, io);
}
