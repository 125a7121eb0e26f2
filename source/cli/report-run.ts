/**
 * The text/JSON report: served from the report cache when nothing it is made of changed
 * (pipeline/report-cache.ts), else made by plain.ts. This module and the cache import neither
 * the analysis nor the renderers: a report served from the cache never loads their code. Both
 * are part of the light start (run.ts imports this module statically: one chunk, see
 * scripts/build.mjs).
 */
import type {ProgressSink} from '../core/progress.js';
import {say} from '../core/say.js';
import {tuneV8} from '../core/v8-tuning.js';
import type {LoadRequest} from '../pipeline/load.js';
import type {CliOptions} from './args.js';
import type {Io} from './io.js';
import {inCi} from './mode.js';
import {cachedReport, reportCacheApplies} from '../pipeline/report-cache.js';

export async function runReport(opts: CliOptions, format: 'json' | 'text', request: LoadRequest, io: Io, signal?: AbortSignal): Promise<number> {
	const progress: ProgressSink = format === 'text' && io.stderr.isTTY && !inCi(io.env) ? (await import('../report/progress-lines.js')).stderrProgress(io.stderr) : () => {};
	const onWait = (pid: number) => say(io.stderr, `waiting for another burn${pid ? ` (pid ${pid})` : ''} to finish ingesting…`);
	const make = async (req: LoadRequest, out: Io) => (tuneV8(), await import('./plain.js')).runPlain(opts, format, req, out, {progress, onWait, ...(signal ? {signal} : {})});
	const hotspots = opts.session === null && opts.patterns === null && !opts.findings;
	if (reportCacheApplies(request, hotspots)) {
		return cachedReport({...request, onProgress: progress, onWait}, io, (fresh, cio) => make(fresh, {...io, ...cio}), signal, format);
	}
	return (await make(request, io)).code;
}
