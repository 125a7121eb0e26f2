// The report cache (issue 17) runs its own ingest before the key: it stops on pipe13's signal
// (SIGINT/SIGTERM), like every other ingest, and makes no report.
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cachedReport, reportCacheDir} from '../source/pipeline/report-cache.js';
import type {LoadRequest} from '../source/pipeline/load.js';
import {tmp} from './helpers/tmp.js';

function request(): LoadRequest {
	const root = tmp('burn-cache-signal-');
	const agents = {CLAUDE_CONFIG_DIR: join(root, 'claude'), CODEX_HOME: join(root, 'codex'), OPENCODE_DATA_DIR: join(root, 'oc')};
	for (const d of Object.values(agents)) mkdirSync(d, {recursive: true});
	return {
		home: join(root, 'burn'),
		env: {HOME: join(root, 'home'), ...agents},
		window: {since: null, until: null},
		filter: {sources: null, project: null, providers: null},
		ingest: true,
		contentMode: 'off',
		retentionDays: 30,
	};
}

const io = (req: LoadRequest) => ({argv: ['--json', '--since', 'all'], env: req.env, cwd: '/', stdout: process.stdout, stderr: process.stderr, now: Date.now()});

describe('report cache and the signal', () => {
	it('an aborted run stops in the cache ingest: no report, no cache entry, no lock left', async () => {
		const req = request();
		const stop = new AbortController();
		stop.abort(new Error('interrupted'));
		let made = 0;
		await expect(cachedReport(req, io(req), async () => ++made, stop.signal)).rejects.toThrow('interrupted');
		expect(made).toBe(0);
		expect(existsSync(reportCacheDir(req.home))).toBe(false);
		expect(existsSync(join(req.home, 'ingest.lock'))).toBe(false);
	});

	it('without an abort the miss path gets the request with this run ingest in it (not run again)', async () => {
		const req = request();
		const seen: LoadRequest[] = [];
		const code = await cachedReport(req, io(req), async (fresh) => {
			seen.push(fresh);
			return 0;
		}, new AbortController().signal);
		expect(code).toBe(0);
		expect(seen).toHaveLength(1);
		expect(seen[0]!.ingest).toBe(false);
		expect(seen[0]!.ingested?.ran).toBe(true);
	});
});
