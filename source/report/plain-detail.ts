/**
 * The plain views that go beyond the hotspots table: one session (`--session`) and the
 * patterns report (`--patterns`, `--findings`). Loaded by plain.ts only when asked for, so a
 * hotspots report never parses the detectors.
 */
import type {CliOptions} from '../cli/args.js';
import type {Io} from '../cli/run.js';
import type {ProgressSink} from '../core/progress.js';
import type {Loaded} from '../pipeline/load.js';
import {analyzeSession} from '../analysis/analyze.js';
import {pickSession as pickFrom} from '../analysis/filters.js';
import {renderJson} from './json.js';
import {renderSessionText} from './text.js';
import {renderFindingsText, renderPatternsText} from './patterns-text.js';
import {renderPatternsJson} from './patterns-json.js';
import {analyzePatterns, findingsFor} from '../analysis/patterns/index.js';
import {narrowToSession} from '../analysis/narrow.js';
import {readContent} from '../ledger/content.js';
import {join} from 'node:path';
import {say} from './say.js';

/** Picks the session `--session` names: an id or unique prefix, or (alone) the most recent one. */
export function pickSession(loaded: Loaded, wanted: string | true): {id?: string; error?: string} {
	return pickFrom(loaded.dataset.sessions, wanted);
}

export interface DetailContext {
	sizes: ReadonlyMap<string, number> | undefined;
	progress: ProgressSink;
	color: boolean;
	width: number;
}

/** `--session`, `--patterns` or `--findings`, as text or JSON. Returns the exit code. */
export function renderDetail(opts: CliOptions, format: 'json' | 'text', loaded: Loaded, io: Io, {sizes, progress, color, width}: DetailContext): number {
	if (opts.session !== null) {
		const picked = pickSession(loaded, opts.session);
		if (!picked.id) {
			if (opts.session === true) {
				io.stdout.write(format === 'json' ? `${JSON.stringify({refused: true, reason: picked.error}, null, 2)}\n` : `No session in this window (try --since all).\n`);
				return 0;
			}
			say(io.stderr, `${picked.error}`);
			return 1;
		}
		const report = analyzeSession(loaded.dataset, loaded.priceBook, picked.id, {sizes});
		report.findings = findingsFor(narrowToSession(loaded.dataset, picked.id), loaded.priceBook, {inventory: loaded.inventory, sizes}).filter(
			(f) => f.sessionId === picked.id,
		);
		io.stdout.write(format === 'json' ? renderJson(report) : renderSessionText(report, {limit: opts.limit, color, width, home: io.env.HOME, now: io.now}));
		return 0;
	}
	// Patterns use the sessions' text (error signatures, revert previews, slash commands): each
	// session's content sidecar is read when the detectors reach that session, and let go after,
	// so a large window never holds every sidecar at once.
	const total = loaded.dataset.sessions.length;
	const t1 = performance.now();
	progress({step: 'content', state: 'start', done: 0, total});
	const dir = opts.ledger ? join(opts.ledger, 'content') : undefined;
	let done = 0;
	const content = (id: string) => {
		const records = readContent(loaded.home, [id], undefined, dir).get(id) ?? [];
		progress({step: 'content', state: 'update', done: Math.min(++done, total), total});
		return records;
	};
	const kinds = opts.patterns === null || opts.patterns === true ? 'all' : opts.patterns;
	const report = analyzePatterns(loaded.dataset, loaded.priceBook, {kinds, inventory: loaded.inventory, sizes, content});
	progress({step: 'content', state: 'done', elapsedMs: performance.now() - t1, summary: `${total} sidecars`});
	const textOpts = {limit: opts.limit, color, width, fit: !!io.stdout.isTTY, home: io.env.HOME};
	if (format === 'json') io.stdout.write(renderPatternsJson(report));
	else io.stdout.write(opts.findings && opts.patterns === null ? renderFindingsText(report, textOpts) : renderPatternsText(report, textOpts));
	return 0;
}
