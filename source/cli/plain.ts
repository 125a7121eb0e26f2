/**
 * The render-once face: text or JSON. Asks the pipeline for the view's data (loadViewData),
 * hands it to a pure renderer, writes the string. Returns the exit code.
 */
import type {ProgressSink} from '../core/progress.js';
import type {LoadRequest} from '../pipeline/load.js';
import {loadViewData, type Analysis, type ViewData, type ViewOptions} from '../pipeline/view-data.js';
import type {Made} from '../pipeline/report-cache.js';
import {renderJson} from '../report/json.js';
import {renderSessionText, renderText} from '../report/text.js';
import {renderFindingsText, renderPatternsText} from '../report/patterns-text.js';
import {renderPatternsJson} from '../report/patterns-json.js';
import {say} from '../report/say.js';
import {mark} from '../core/trace.js';
import type {CliOptions} from './args.js';
import type {Io} from './io.js';
import {noLogsMessage} from './messages.js';

export function analysisFor(opts: CliOptions): Analysis {
	if (opts.session !== null) return {kind: 'session', wanted: opts.session};
	if (opts.patterns !== null || opts.findings) return {kind: 'patterns', kinds: opts.patterns === null || opts.patterns === true ? 'all' : opts.patterns};
	return {kind: 'hotspots'};
}

/**
 * Loads the view's data (loadViewData) and prints the report. Returns the exit code, and for
 * the report cache the earliest in-window turn (a later start of a relative window holds the
 * same turns up to it).
 */
export async function runPlain(opts: CliOptions, format: 'json' | 'text', request: LoadRequest, io: Io, how: {progress: ProgressSink; onWait: (pid: number) => void; signal?: AbortSignal}): Promise<Made> {
	const view: ViewOptions = {sizes: true, analyse: analysisFor(opts), progress: how.progress, onWait: how.onWait, ...(how.signal ? {signal: how.signal} : {})};
	// Only a window with a start and no end can move (a relative one: report-cache.ts).
	if (request.window.since === null || request.window.until !== null) return {code: report(opts, format, request, io, await loadViewData(request, view))};
	let first = Number.POSITIVE_INFINITY;
	const onTurnTime = (ms: number) => {
		if (ms < first) first = ms;
	};
	const code = report(opts, format, request, io, await loadViewData({...request, onTurnTime}, view));
	return {code, firstInWindowMs: first};
}

function report(opts: CliOptions, format: 'json' | 'text', request: LoadRequest, io: Io, data: ViewData): number {
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
