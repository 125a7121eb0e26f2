// Session ids as shown (issue 13, defect 8): what either face shows is a prefix `--session`
// accepts, OpenCode's `ses_` included. Unit level plus the built CLI on the demo data.
import {describe, expect, it} from 'vitest';
import {sessionMatches} from '../source/analysis/filters.js';
import {shortId as textShortId} from '../source/report/text.js';
import {shortId as uiShortId} from '../source/report/format.js';
import {sessionsTable} from '../source/ui/tab-models.js';
import type {SessionRow} from '../source/analysis/report-types.js';
import {emptyUsage} from '../source/core/records.js';
import {runCli, sealed} from './helpers/cli.js';
import {emptyAgentDirs} from './helpers/e2e.js';
import {opencodeDir} from './helpers/opencode-fixture.js';

const OPENCODE = 'ses_24c1832de000ue9DzCUBQ8xgx2';
const CLAUDE = '8f3a21c0-0000-4000-8000-000000000001';

const row = (sessionId: string, source: SessionRow['source']): SessionRow => ({
	sessionId,
	source,
	project: '/w',
	firstTs: '2026-05-10T10:00:00.000Z',
	lastTs: '2026-05-10T11:00:00.000Z',
	turns: 1,
	usage: emptyUsage(),
	cost: 0,
	unpricedTokens: 0,
	attributedCost: 0,
	unattributedCost: 0,
	attributionMethod: 'none' as SessionRow['attributionMethod'],
	toolCalls: 0,
	threads: [],
});

describe('short session ids', () => {
	it('both faces show the same id, OpenCode with its ses_, and it is a prefix of the id', () => {
		for (const id of [OPENCODE, CLAUDE]) {
			expect(uiShortId(id)).toBe(textShortId(id));
			expect(id.startsWith(uiShortId(id))).toBe(true);
			expect(sessionMatches(id, uiShortId(id))).toBe(true);
		}
		expect(uiShortId(OPENCODE)).toBe('ses_24c1832d');
		expect(uiShortId(CLAUDE)).toBe('8f3a21c0');
	});

	it('the Sessions tab shows the OpenCode id with ses_, whole in its column', () => {
		const t = sessionsTable([row(OPENCODE, 'opencode'), row(CLAUDE, 'claude-code')]);
		expect(t.rows.map((r) => r.cells[0])).toEqual(['ses_24c1832d', '8f3a21c0']);
		expect(t.columns[0]!.width).toBeGreaterThanOrEqual('ses_24c1832d'.length);
	});

	it('an OpenCode prefix without ses_ matches too; other ids only by their own prefix', () => {
		expect(sessionMatches(OPENCODE, '24c1832d')).toBe(true);
		expect(sessionMatches(OPENCODE, 'ses_24c1')).toBe(true);
		expect(sessionMatches(CLAUDE, '3a21')).toBe(false);
		expect(sessionMatches(CLAUDE, '')).toBe(false);
	});
});

describe('burn --session <the id the report shows> (built CLI, sealed home)', () => {
	const A = 'ses_24c1832de000ue9DzCUBQ8xgx2';
	const B = 'ses_21f088dde0bduMsn5mVkApVrge';
	const env = () => {
		const s = sealed();
		return {...s.env, ...emptyAgentDirs(s.home), OPENCODE_DATA_DIR: opencodeDir(s.home, [A, B])};
	};

	it('every id of the sessions table opens its session', () => {
		const e = env();
		const text = runCli(['--no-tty'], e);
		expect(text.status).toBe(0);
		for (const id of [A, B]) {
			const shown = textShortId(id);
			expect(text.stdout).toContain(` ${shown} `);
			const r = runCli(['--session', shown, '--json'], e);
			expect(r.stderr).toBe('');
			expect(r.status).toBe(0);
			expect((JSON.parse(r.stdout) as {sessionId: string}).sessionId).toBe(id);
		}
	});

	it('the form older versions showed (no ses_) is accepted; an ambiguous prefix is refused', () => {
		const e = env();
		const r = runCli(['--session', A.slice(4, 12), '--json'], e);
		expect(r.status).toBe(0);
		expect((JSON.parse(r.stdout) as {sessionId: string}).sessionId).toBe(A);
		const both = runCli(['--session', 'ses_2', '--json'], e);
		expect(both.status).toBe(1);
		expect(both.stderr).toContain('ambiguous');
	});
});
