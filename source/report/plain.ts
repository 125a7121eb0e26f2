import type {CliOptions} from '../cli/args.js';
import type {Io} from '../cli/run.js';
import type {ProgressSink} from '../core/progress.js';
import type {Loaded} from '../pipeline/load.js';
import {loadSidecarSizes} from '../pipeline/sizes.js';
import {analyzeHotspots} from '../analysis/analyze.js';
import {stderrProgress} from './progress-lines.js';
import {renderJson} from './json.js';
import {renderText} from './text.js';
import {fmtInt} from '../core/numbers.js';
import {mark} from '../core/trace.js';
import {say} from './say.js';

/** The render-once path for text and JSON: analyse the loaded dataset and print it. */
export async function renderPlain(opts: CliOptions, format: 'json' | 'text', loaded: Loaded, io: Io): Promise<number> {
	const progress: ProgressSink = format === 'text' && io.stderr.isTTY && !io.env.CI ? stderrProgress(io.stderr) : () => {};
	mark('inventory');
	const sizes = loadSidecarSizes(loaded.home, loaded.dataset, progress, opts.ledger);
	const color = opts.color && !io.env.NO_COLOR && !!io.stdout.isTTY;
	const width = io.stdout.columns || 100;
	if (opts.session !== null || opts.patterns !== null || opts.findings) {
		const {renderDetail} = await import('./plain-detail.js');
		return renderDetail(opts, format, loaded, io, {sizes, progress, color, width});
	}
	mark('sizes');
	const t0 = performance.now();
	progress({step: 'analyse', state: 'start'});
	const report = analyzeHotspots(loaded.dataset, loaded.priceBook, {sizes});
	progress({step: 'analyse', state: 'done', elapsedMs: performance.now() - t0, summary: `${fmtInt(report.turnsAnalyzed)} turns`});
	// Turns this window cannot place in time are said on stderr too (the report still prints).
	if (report.leftOut.undated > 0) say(io.stderr, `${fmtInt(report.leftOut.undated)} turn(s) without a timestamp left out of this window (only --since all counts them)`);
	if (format === 'json') {
		// Findings are their own report (`--findings`, `--patterns`): the detectors cost as much
		// as the attribution, and a hotspots query stays fast without them.
		mark('analysis');
		const {findings: _omitted, ...hotspots} = report;
		io.stdout.write(renderJson(hotspots as typeof report));
		mark('json');
	} else {
		io.stdout.write(renderText(report, {limit: opts.limit, color, width, sinceLabel: opts.sinceLabel, home: io.env.HOME, now: io.now}));
		if (!report.refused && report.turnsAnalyzed > 0) io.stdout.write('\nWaste patterns and findings: burn --findings\n');
	}
	return 0;
}
