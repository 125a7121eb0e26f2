import type {ProgressSink} from '../core/progress.js';
import {loadConfig} from '../core/home.js';
import type {FilterSpec} from '../analysis/filters.js';
import {ProjectResolver} from '../sources/project.js';
import type {LoadRequest} from '../pipeline/load.js';
import type {CliOptions} from './args.js';

/** Everything a view needs to (re)load data: one request shape for text, JSON and the UI. */
export function buildRequest(opts: CliOptions, env: NodeJS.ProcessEnv, home: string, progress?: ProgressSink): LoadRequest {
	const {config, warnings} = loadConfig(home, env);
	let project: FilterSpec['project'] = null;
	if (opts.project) {
		const info = new ProjectResolver().resolve(opts.project);
		project = {dir: opts.project, ...(info.projectKey ? {remoteKey: info.projectKey} : {})};
	}
	return {
		home,
		env,
		window: {since: opts.since, until: opts.until},
		filter: {sources: opts.sources, project, providers: opts.providers},
		ingest: opts.ingest && !opts.ledger,
		rebuild: opts.rebuild,
		foreignLedger: opts.ledger,
		contentMode: config.content,
		retentionDays: config.retentionDays,
		...(progress ? {onProgress: progress} : {}),
		notices: warnings,
	};
}
