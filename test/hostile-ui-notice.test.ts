// Issue 17: "When the ledger cannot be written, the report still shows what the ledger holds,
// with one line on stderr (and in the UI)". The interactive view loads through loadViewData
// exactly as here (ui/run-tui.tsx, analyse `prepare`); its notices are the UI's `!` line
// (ui-core-defects.test.tsx shows any notice there). A busy lock and a full disk both end the
// ingest with `ran: false` and that one line, by the same path (ingest.ts).
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadViewData} from '../source/pipeline/view-data.js';
import {hostile} from './helpers/hostile.js';

const live: ChildProcess[] = [];
afterAll(() => {
	for (const c of live) c.kill();
});

describe('the UI is told why nothing new was ingested', () => {
	it.skipIf(process.platform !== 'linux')('another burn holding the lock past the deadline: the UI load says so in its notices and still shows the ledger', async () => {
		const h = hostile(2, {BURN_LOCK_WAIT_MS: '200'});
		const c = spawn('sleep', ['120'], {stdio: 'ignore'});
		live.push(c);
		const stat = readFileSync(`/proc/${c.pid}/stat`, 'utf8');
		const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
		const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
		mkdirSync(h.burnHome, {recursive: true});
		writeFileSync(join(h.burnHome, 'ingest.lock'), JSON.stringify({pid: c.pid, start, boot}));
		const data = await loadViewData(
			{home: h.burnHome, env: h.env, window: {since: null, until: null}, filter: {sources: null, project: null, providers: null}, ingest: true, contentMode: 'off', retentionDays: 30},
			{sizes: false, analyse: {kind: 'prepare'}},
		);
		expect(data.loaded.ingest?.ran).toBe(false);
		expect(data.notices.filter((n) => n.startsWith('nothing new ingested: another burn process'))).toHaveLength(1);
		expect(data.notices.join('\n')).toContain('showing the ledger as it is');
	});
});
