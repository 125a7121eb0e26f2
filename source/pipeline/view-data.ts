/**
 * The composition root of the data: the ONLY place that runs load → sizes → content →
 * analysis. The text/JSON command (cli/plain.ts) and the interactive view's data hook
 * (ui/use-data.ts, through ui/run-tui.tsx) both call `loadViewData`; the renderers get its
 * result and do no I/O.
 */
import type {ProgressSink} from '../core/progress.js';
import type {HotspotsReport, SessionReport} from '../analysis/report-types.js';
import type {PatternsOptions, PatternsReport} from '../analysis/patterns/types.js';
import {analyzeHotspots, analyzeSession} from '../analysis/analyze.js';
import {analyzePatterns, findingsFor} from '../analysis/patterns/index.js';
import {narrowToSession} from '../analysis/narrow.js';
import {pickSession} from '../analysis/filters.js';
import {prepareAllPaced} from '../analysis/prepare.js';
import type {Empty, FilteredOut} from '../analysis/empty.js';
import {readContent} from '../ledger/content.js';
import {yieldIfDue} from '../ledger/lines.js';
import type {SourceRoot} from '../sources/discover.js';
import {fmtInt} from '../core/numbers.js';
import {mark} from '../core/trace.js';
import {loadDataset, type LoadRequest, type Loaded} from './load.js';
import {loadSidecarSizes} from './sizes.js';
import {emptyOf} from './empty.js';
import {loadNotices, preparedNotices} from './notices.js';
import {SessionPickError} from './errors.js';
import {join} from 'node:path';

/** What to analyse once the data is loaded. */
export type Analysis =
	/** The hotspots report (text and JSON). */
	| {kind: 'hotspots'}
	/** One session (`--session`: an id or prefix, or `true` for the most recent). */
	| {kind: 'session'; wanted: string | true}
	/** The patterns report (`--patterns`, `--findings`). */
	| {kind: 'patterns'; kinds: PatternsOptions['kinds']}
	/** Every session attributed (memoised on the dataset): the interactive view derives the rest. */
	| {kind: 'prepare'};

export interface ViewOptions {
	/** Result sizes from the content sidecars, for tool calls the ledger does not size. */
	sizes: boolean;
	analyse: Analysis;
	signal?: AbortSignal;
	progress?: ProgressSink;
	onWait?: (pid: number) => void;
	/** End of the daily series (the header sparkline); default: the clock. */
	now?: number;
}

export interface ViewData {
	loaded: Loaded;
	sizes: Map<string, number>;
	/** Every warning and notice of the load, one line each (shown by both faces; stderr after the UI). */
	notices: string[];
	/** Set when the window holds no activity: why. */
	empty?: Empty;
	/** Where burn looked for logs (the text report's "no logs" message). */
	roots?: SourceRoot[];
	/** A filter that matched nothing, and what lies there without it. */
	filtered?: FilteredOut;
	hotspots?: HotspotsReport;
	session?: SessionReport;
	/** `--session` alone over a window without sessions: the reason (a refusal, exit 0). */
	noSession?: string;
	patterns?: PatternsReport;
}

/** Yields to the event loop when a slice of work has run long enough, and stops when aborted. */
export function pacer(signal?: AbortSignal): () => Promise<void> {
	return async () => {
		await yieldIfDue();
		signal?.throwIfAborted();
	};
}

async function analyseStep<T>(progress: ProgressSink, pause: () => Promise<void>, run: () => Promise<T> | T, summary: (r: T) => string): Promise<T> {
	const t0 = performance.now();
	progress({step: 'analyse', state: 'start'});
	// The start is drawn before the (synchronous) work begins.
	await new Promise((r) => setImmediate(r));
	await pause();
	const result = await run();
	progress({step: 'analyse', state: 'done', elapsedMs: performance.now() - t0, summary: summary(result)});
	return result;
}

/** load → sizes → content → analysis, for one request. Throws the signal's reason when aborted. */
export async function loadViewData(request: LoadRequest, opts: ViewOptions): Promise<ViewData> {
	const progress: ProgressSink = opts.progress ?? (() => {});
	const {signal} = opts;
	const pause = pacer(signal);
	const a = opts.analyse;
	// The plain hotspots report reads no tool-result events (patterns and sessions do).
	const loaded = await loadDataset({
		...request,
		onProgress: progress,
		...(a.kind === 'hotspots' ? {skipKinds: ['tool_result_event' as const]} : {}),
		...(signal ? {signal} : {}),
		...(opts.onWait ? {onWait: opts.onWait} : {}),
	});
	mark('inventory');
	const sizes = opts.sizes ? await loadSidecarSizes(loaded.home, loaded.dataset, progress, request.foreignLedger, signal) : new Map<string, number>();
	mark('sizes');
	const out: ViewData = {loaded, sizes, notices: loadNotices(loaded)};
	if (loaded.dataset.sessions.length === 0) Object.assign(out, await emptyOf(loaded, request, signal));
	const book = loaded.priceBook;
	const {dataset} = loaded;
	if (a.kind === 'hotspots') {
		const now = opts.now !== undefined ? {now: opts.now} : {};
		out.hotspots = await analyseStep(
			progress,
			pause,
			async () => {
				await prepareAllPaced(dataset, book, {sizes}, pause);
				return analyzeHotspots(dataset, book, {sizes, ...now});
			},
			(r) => `${fmtInt(r.turnsAnalyzed)} turns`,
		);
		mark('analysis');
		const undated = out.hotspots.leftOut.undated;
		if (undated > 0) out.notices.push(`${fmtInt(undated)} turn(s) without a timestamp left out of this window (only --since all counts them)`);
	} else if (a.kind === 'session') {
		const picked = pickSession(dataset.sessions, a.wanted);
		if (!picked.id) {
			if (a.wanted !== true) throw new SessionPickError(picked.error ?? `unknown session "${a.wanted}"`);
			out.noSession = picked.error ?? 'no session in this window';
			return out;
		}
		const id = picked.id;
		out.session = await analyseStep(
			progress,
			pause,
			() => {
				const report = analyzeSession(dataset, book, id, {sizes});
				report.findings = findingsFor(narrowToSession(dataset, id), book, {inventory: loaded.inventory, sizes}).filter((f) => f.sessionId === id);
				return report;
			},
			(r) => `${fmtInt(r.timeline.length)} turns`,
		);
	} else if (a.kind === 'patterns') {
		out.patterns = await patternsOf(loaded, request, sizes, a.kinds, progress, pause);
	} else {
		await analyseStep(progress, pause, () => prepareAllPaced(dataset, book, {sizes}, pause), () => `${fmtInt(dataset.sessions.length)} sessions`);
		out.notices.push(...preparedNotices(loaded));
		// The screens have no report text for it: said as a notice.
		if (out.filtered) out.notices.push(`no activity matches ${out.filtered.filters.join(' ')}; without the filter: ${fmtInt(out.filtered.without.sessions)} session(s) over all time`);
	}
	return out;
}

/**
 * Patterns use the sessions' text (error signatures, revert previews, slash commands): each
 * session's content sidecar is read when the detectors reach that session, and let go after,
 * so a large window never holds every sidecar at once.
 */
async function patternsOf(
	loaded: Loaded,
	request: LoadRequest,
	sizes: Map<string, number>,
	kinds: PatternsOptions['kinds'],
	progress: ProgressSink,
	pause: () => Promise<void>,
): Promise<PatternsReport> {
	const {dataset, priceBook} = loaded;
	await prepareAllPaced(dataset, priceBook, {sizes}, pause);
	const total = dataset.sessions.length;
	const t1 = performance.now();
	progress({step: 'content', state: 'start', done: 0, total});
	const dir = request.foreignLedger ? join(request.foreignLedger, 'content') : undefined;
	let done = 0;
	const content = (id: string) => {
		const records = readContent(loaded.home, [id], undefined, dir).get(id) ?? [];
		progress({step: 'content', state: 'update', done: Math.min(++done, total), total});
		return records;
	};
	const report = analyzePatterns(dataset, priceBook, {kinds, inventory: loaded.inventory, sizes, content});
	progress({step: 'content', state: 'done', elapsedMs: performance.now() - t1, done: total, total, summary: `${total} sidecars`});
	progress({step: 'analyse', state: 'start'});
	progress({step: 'analyse', state: 'done', elapsedMs: performance.now() - t1, summary: `${fmtInt(report.findings.length)} findings`});
	return report;
}
