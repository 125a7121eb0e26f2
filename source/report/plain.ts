import type {CliOptions} from '../cli/args.js';
import type {Io} from '../cli/run.js';
import type {ProgressSink} from '../core/progress.js';
import type {Loaded} from '../pipeline/load.js';
import {loadSidecarSizes} from '../pipeline/sizes.js';
import {analyzeHotspots, analyzeSession} from '../analysis/analyze.js';
import {sessionMatches} from '../analysis/filters.js';
import {stderrProgress} from './progress-lines.js';
import {renderJson} from './json.js';
import {renderSessionText, renderText} from './text.js';

/** Picks the session `--session` names: an id or unique prefix, or (alone) the most recent one. */
export function pickSession(loaded: Loaded, wanted: string | true): {id?: string; error?: string} {
	const sessions = loaded.dataset.sessions;
	if (wanted === true) {
		let best: {id: string; ts: string} | undefined;
		for (const s of sessions) {
			const ts = s.turns.at(-1)?.ts ?? '';
			if (!best || ts > best.ts) best = {id: s.sessionId, ts};
		}
		return best ? {id: best.id} : {error: 'no session in this window'};
	}
	const hits = sessions.filter((s) => sessionMatches(s.sessionId, wanted));
	const exact = hits.find((s) => s.sessionId === wanted);
	if (exact) return {id: exact.sessionId};
	if (hits.length === 1) return {id: hits[0]!.sessionId};
	if (hits.length > 1) return {error: `session id "${wanted}" is ambiguous (${hits.length} sessions start with it)`};
	return {error: `unknown session "${wanted}"`};
}

/** The render-once path for text and JSON: analyse the loaded dataset and print it. */
export function renderPlain(opts: CliOptions, format: 'json' | 'text', loaded: Loaded, io: Io): number {
	const progress: ProgressSink = format === 'text' && io.stderr.isTTY && !io.env.CI ? stderrProgress(io.stderr) : () => {};
	const sizes = loadSidecarSizes(loaded.home, loaded.dataset, progress, opts.ledger);
	const color = opts.color && !io.env.NO_COLOR && !!io.stdout.isTTY;
	const width = io.stdout.columns || 100;
	if (opts.session !== null) {
		const picked = pickSession(loaded, opts.session);
		if (!picked.id) {
			if (opts.session === true) {
				io.stdout.write(format === 'json' ? `${JSON.stringify({refused: true, reason: picked.error}, null, 2)}\n` : `No session in this window (try --since all).\n`);
				return 0;
			}
			io.stderr.write(`burn: ${picked.error}\n`);
			return 1;
		}
		const report = analyzeSession(loaded.dataset, loaded.priceBook, picked.id, {sizes});
		io.stdout.write(format === 'json' ? renderJson(report) : renderSessionText(report, {limit: opts.limit, color, width}));
		return 0;
	}
	const t0 = performance.now();
	progress({step: 'analyse', state: 'start'});
	const report = analyzeHotspots(loaded.dataset, loaded.priceBook, {sizes});
	progress({step: 'analyse', state: 'done', elapsedMs: performance.now() - t0, summary: `${report.turnsAnalyzed.toLocaleString('en-US')} turns`});
	io.stdout.write(format === 'json' ? renderJson(report) : renderText(report, {limit: opts.limit, color, width}));
	return 0;
}
