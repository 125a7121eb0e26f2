/**
 * The render-once face: text or JSON. Asks the pipeline for the view's data (loadViewData),
 * hands it to a pure renderer, writes the string. Returns the exit code.
 */
import type {ProgressSink} from '../core/progress.js';
import type {LoadRequest} from '../pipeline/load.js';
import {loadViewData, type Analysis, type ViewOptions} from '../pipeline/view-data.js';
import {stderrProgress} from '../report/progress-lines.js';
import {renderJson} from '../report/json.js';
import {renderSessionText, renderText} from '../report/text.js';
import {renderFindingsText, renderPatternsText} from '../report/patterns-text.js';
import {renderPatternsJson} from '../report/patterns-json.js';
import {say} from '../report/say.js';
import {mark} from '../core/trace.js';
import type {CliOptions} from './args.js';
import type {Io} from './io.js';
import {inCi} from './mode.js';
import {noLogsMessage} from './messages.js';

export function analysisFor(opts: CliOptions): Analysis {
	if (opts.session !== null) return {kind: 'session', wanted: opts.session};
	if (opts.patterns !== null || opts.findings) return {kind: 'patterns', kinds: opts.patterns === null || opts.patterns === true ? 'all' : opts.patterns};
	return {kind: 'hotspots'};
}

export async function runPlain(opts: CliOptions, format: 'json' | 'text', request: LoadRequest, io: Io, signal?: AbortSignal): Promise<number> {
	const progress: ProgressSink = format === 'text' && io.stderr.isTTY && !inCi(io.env) ? stderrProgress(io.stderr) : () => {};
	const onWait = (pid: number) => say(io.stderr, `waiting for another burn${pid ? ` (pid ${pid})` : ''} to finish ingesting…`);
	const view: ViewOptions = {sizes: true, analyse: analysisFor(opts), progress, onWait, ...(signal ? {signal} : {})};
	if (format === 'json' && view.analyse.kind === 'hotspots' && request.window.since === null && request.window.until === null) {
		// The all-time JSON report of an unchanged ledger is the last one (source/pipeline/report-cache.ts).
		const cache = await import('../pipeline/report-cache.js');
		if (cache.reportCacheApplies(request, true, true)) {
			return cache.cachedReport({...request, onProgress: progress, onWait}, io, (fresh, cio) => report(opts, format, fresh, {...io, ...cio}, view), signal);
		}
	}
	return report(opts, format, request, io, view);
}

/** Loads the view's data (loadViewData) and prints the report. */
async function report(opts: CliOptions, format: 'json' | 'text', request: LoadRequest, io: Io, view: ViewOptions): Promise<number> {
	const data = await loadViewData(request, view);
	for (const n of data.notices) say(io.stderr, n);
	if (format === 'text' && data.empty?.kind === 'no-logs' && data.roots) {
		io.stdout.write(noLogsMessage(data.roots));
		return 0;
	}
	const color = opts.color && !io.env.NO_COLOR && !!io.stdout.isTTY;
	const width = io.stdout.columns || 100;
	const words = {color, width, home: io.env.HOME, now: io.now, ...(data.empty ? {empty: data.empty} : {}), ...(data.filtered ? {filtered: data.filtered} : {})};
	if (data.noSession !== undefined) {
		const allTime = request.window.since === null && request.window.until === null;
		io.stdout.write(format === 'json' ? `${JSON.stringify({refused: true, reason: data.noSession}, null, 2)}\n` : `No session in this window${allTime ? '' : ' (try --since all)'}.\n`);
		return 0;
	}
	if (data.session) {
		io.stdout.write(format === 'json' ? renderJson(data.session) : renderSessionText(data.session, {limit: opts.limit, ...words}));
		return 0;
	}
	if (data.patterns) {
		const textOpts = {limit: opts.limit, ...words, fit: !!io.stdout.isTTY};
		if (format === 'json') io.stdout.write(renderPatternsJson(data.patterns));
		else io.stdout.write(opts.findings && opts.patterns === null ? renderFindingsText(data.patterns, textOpts) : renderPatternsText(data.patterns, textOpts));
		return 0;
	}
	const report = data.hotspots!;
	if (format === 'json') {
		// Findings are their own report (`--findings`, `--patterns`): the detectors cost as much
		// as the attribution, and a hotspots query stays fast without them.
		const {findings: _omitted, ...hotspots} = report;
		io.stdout.write(renderJson(hotspots as typeof report));
		mark('json');
	} else {
		io.stdout.write(renderText(report, {limit: opts.limit, sinceLabel: opts.sinceLabel, ...words}));
		if (!report.refused && report.turnsAnalyzed > 0) io.stdout.write('\nWaste patterns and findings: burn --findings\n');
	}
	return 0;
}
