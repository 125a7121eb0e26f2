import {cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {
	CompactionRecord,
	LedgerRecord,
	RelationshipRecord,
	ToolResultEventRecord,
	TurnRecord,
	UserTurnRecord,
} from '../source/core/records.js';
import {READER_VERSION} from '../source/sources/reader.js';
import {discoverOpencodeDir} from '../source/sources/opencode/discover.js';
import {opencodeRoots} from '../source/sources/opencode/locate.js';
import {opencodeDbMessageIds, readOpencodeDb, type OpencodeDbState} from '../source/sources/opencode/read-db.js';
import {readOpencodeJson, type OpencodeJsonState} from '../source/sources/opencode/read-json.js';
import {tmp} from './helpers/tmp.js';
import {itShared, shared} from './helpers/shared.js';

const FIXTURES = shared('fixtures/opencode');

const turns = (rs: LedgerRecord[]) => rs.filter((r) => r.kind === 'turn').map((r) => r.record as TurnRecord);
const userTurns = (rs: LedgerRecord[]) => rs.filter((r) => r.kind === 'user_turn').map((r) => r.record as UserTurnRecord);
const events = (rs: LedgerRecord[]) =>
	rs.filter((r) => r.kind === 'tool_result_event').map((r) => r.record as ToolResultEventRecord);
const compactions = (rs: LedgerRecord[]) => rs.filter((r) => r.kind === 'compaction').map((r) => r.record as CompactionRecord);
const relationships = (rs: LedgerRecord[]) =>
	rs.filter((r) => r.kind === 'relationship').map((r) => r.record as RelationshipRecord);

function readFixture(name: string, contentMode: 'full' | 'off' = 'off', state?: OpencodeJsonState) {
	const dir = discoverOpencodeDir(join(FIXTURES, name));
	return readOpencodeJson(dir.sessions, state, contentMode);
}

describe('opencodeRoots', () => {
	it('OPENCODE_DATA_DIR, else XDG_DATA_HOME/opencode, else ~/.local/share/opencode', () => {
		expect(opencodeRoots({OPENCODE_DATA_DIR: '/d', XDG_DATA_HOME: '/x'}, '/h')).toEqual(['/d']);
		expect(opencodeRoots({XDG_DATA_HOME: '/x'}, '/h')).toEqual(['/x/opencode']);
		expect(opencodeRoots({XDG_DATA_HOME: 'relative'}, '/h')).toEqual(['/h/.local/share/opencode']);
		expect(opencodeRoots({}, '/h')).toEqual(['/h/.local/share/opencode']);
	});
});

describe('discoverOpencodeDir', () => {
	itShared('lists JSON-tree sessions with their mtimes', () => {
		const dir = discoverOpencodeDir(join(FIXTURES, 'multi-turn'));
		expect(dir.dbs).toEqual([]);
		expect(dir.sessions.map((s) => [s.id, s.layout, s.projectId])).toEqual([
			['ses_child', 'v2', 'global'],
			['ses_multi', 'v2', 'global'],
		]);
		expect(dir.sessions[0]!.messageDir).toBe(join(FIXTURES, 'multi-turn/storage/message/ses_child'));
		expect(typeof dir.sessions[0]!.messageDirMtimeMs).toBe('number');
	});

	it('lists databases (with their -wal) and the older session/info layout', () => {
		const root = tmp();
		writeFileSync(join(root, 'opencode.db'), '');
		writeFileSync(join(root, 'opencode.db-wal'), 'x');
		writeFileSync(join(root, 'opencode.db-shm'), '');
		writeFileSync(join(root, 'opencode-dev.db'), '');
		writeFileSync(join(root, 'other.db'), '');
		mkdirSync(join(root, 'storage/session/info'), {recursive: true});
		mkdirSync(join(root, 'storage/session/message/ses_old'), {recursive: true});
		writeFileSync(join(root, 'storage/session/info/ses_old.json'), '{"id":"ses_old"}');
		const dir = discoverOpencodeDir(root);
		expect(dir.dbs.map((d) => d.path)).toEqual([join(root, 'opencode-dev.db'), join(root, 'opencode.db')]);
		expect(dir.dbs[1]!.wal?.size).toBe(1);
		expect(dir.sessions.map((s) => [s.id, s.layout, s.messageDir])).toEqual([
			['ses_old', 'legacy', join(root, 'storage/session/message/ses_old')],
		]);
	});
});

describe('OpenCode JSON tree (fixtures)', () => {
	itShared('simple: provider/model id, message-level tokens, cache.write as cache writes, step-finish reason', () => {
		const out = readFixture('simple');
		expect(out.warnings).toBeUndefined();
		const [t, ...rest] = turns(out.records);
		expect(rest).toEqual([]);
		expect(t).toMatchObject({
			v: 1,
			source: 'opencode',
			sessionId: 'ses_simple',
			messageId: 'msg_simple_asst',
			turnIndex: 0,
			ts: new Date(1776988802000).toISOString(),
			model: 'anthropic/claude-sonnet-4-5',
			usage: {input: 10, output: 5, reasoning: 0, cacheRead: 500, cacheCreate5m: 80, cacheCreate1h: 0},
			toolCalls: [],
			project: '/tmp/project',
			stopReason: 'end_turn',
			rv: READER_VERSION,
		});
		expect(t!.sessionPath).toBe(join(FIXTURES, 'simple/storage/session/global/ses_simple.json'));
		expect(t!.fidelity?.class).toBe('full');
		expect(t!.subagent).toBeUndefined();
		expect(out.content).toEqual([]);
		expect(out.skips).toEqual({badLines: 0, badFields: 0, hugeLines: 0, unreadableFiles: 0});
	});

	itShared('simple, content full: the assistant text goes to the content sidecar', () => {
		const out = readFixture('simple', 'full');
		expect(out.content).toEqual([
			{
				v: 1,
				source: 'opencode',
				sessionId: 'ses_simple',
				messageId: 'msg_simple_asst',
				ts: new Date(1776988802000).toISOString(),
				role: 'assistant',
				kind: 'text',
				text: 'Hello.',
			},
		]);
	});

	itShared('with-tool: lowercase tool names, targets, args hashes, filesTouched, tool-result events', () => {
		const out = readFixture('with-tool', 'full');
		const [t] = turns(out.records);
		expect(t!.toolCalls.map((c) => [c.id, c.name, c.target])).toEqual([
			['toolu_read_1', 'read', '/src/a.ts'],
			['toolu_edit_1', 'edit', '/src/b.ts'],
			['toolu_bash_1', 'bash', 'ls -la'],
		]);
		for (const c of t!.toolCalls) expect(c.argsHash).toMatch(/^[0-9a-f]{16}$/);
		expect(t!.toolCalls[1]!.editPreHash).toMatch(/^[0-9a-f]{16}$/);
		expect(t!.toolCalls[1]!.editPostHash).toMatch(/^[0-9a-f]{16}$/);
		expect(t!.toolCalls.some((c) => c.isError)).toBe(false);
		expect(t!.filesTouched).toEqual(['/src/a.ts', '/src/b.ts']);
		expect(t!.stopReason).toBe('tool-calls');
		expect(t!.usage.cacheCreate5m).toBe(20000);
		const evs = events(out.records);
		expect(evs.map((e) => [e.toolUseId, e.status, e.contentLength, e.messageId])).toEqual([
			['toolu_read_1', 'completed', 3, 'msg_tool_asst'],
			['toolu_edit_1', 'completed', 6, 'msg_tool_asst'],
			['toolu_bash_1', 'completed', 12, 'msg_tool_asst'],
		]);
		const kinds = out.content.map((c) => c.kind);
		expect(kinds.filter((k) => k === 'tool_use')).toHaveLength(3);
		expect(kinds.filter((k) => k === 'tool_result')).toHaveLength(3);
	});

	itShared('multi-turn: per-message usage, reasoning inside output, child session as a thread of its parent', () => {
		const out = readFixture('multi-turn');
		const ts = turns(out.records);
		const main = ts.filter((t) => !t.subagent);
		expect(main.map((t) => [t.messageId, t.turnIndex, t.model])).toEqual([
			['msg_multi_a1', 0, 'anthropic/claude-sonnet-4-5'],
			['msg_multi_a2', 1, 'anthropic/claude-opus-4-5'],
		]);
		expect(main[0]!.usage).toEqual({input: 5, output: 100, reasoning: 0, cacheRead: 0, cacheCreate5m: 15000, cacheCreate1h: 0});
		// OpenCode stores output without reasoning (no `total` here): reasoning is added to output.
		expect(main[1]!.usage).toEqual({input: 5, output: 250, reasoning: 50, cacheRead: 15000, cacheCreate5m: 3000, cacheCreate1h: 0});
		expect(main[1]!.toolCalls).toMatchObject([{id: 'toolu_bash_multi', name: 'bash', target: 'git status'}]);
		const child = ts.filter((t) => t.subagent);
		expect(child).toHaveLength(1);
		expect(child[0]).toMatchObject({
			sessionId: 'ses_multi',
			messageId: 'msg_child_asst',
			turnIndex: 0,
			model: 'anthropic/claude-haiku-4-5',
			subagent: {isSidechain: true, agentId: 'ses_child'},
		});
		expect(relationships(out.records)).toEqual([
			{
				v: 1,
				source: 'opencode',
				sessionId: 'ses_child',
				relatedSessionId: 'ses_multi',
				relationshipType: 'subagent',
				ts: new Date(1776988822500).toISOString(),
				agentId: 'ses_child',
				rv: READER_VERSION,
			},
		]);
	});

	itShared('user-turn-blocks: previous tool outputs + user text; metadata.exit != 0 is an error', () => {
		const out = readFixture('user-turn-blocks');
		const [a1, a2] = turns(out.records);
		expect(a1!.toolCalls.map((c) => [c.id, c.target, c.isError ?? false])).toEqual([
			['call_b1', 'ls', false],
			['call_fail', 'test', true],
		]);
		expect(a2!.toolCalls).toEqual([]);
		const uts = userTurns(out.records);
		expect(uts).toEqual([
			{
				v: 1,
				source: 'opencode',
				sessionId: 'ses_utb',
				userUuid: 'msg_utb_u1',
				ts: new Date(1776990000000).toISOString(),
				followingMessageId: 'msg_utb_a1',
				blocks: [{kind: 'text', byteLen: 13, approxTokens: expect.any(Number)}],
				rv: READER_VERSION,
			},
			{
				v: 1,
				source: 'opencode',
				sessionId: 'ses_utb',
				userUuid: 'msg_utb_u2',
				ts: new Date(1776990002000).toISOString(),
				precedingMessageId: 'msg_utb_a1',
				followingMessageId: 'msg_utb_a2',
				blocks: [
					{kind: 'tool_result', toolUseId: 'call_b1', byteLen: 3, approxTokens: expect.any(Number)},
					{kind: 'tool_result', toolUseId: 'call_fail', byteLen: 19, approxTokens: expect.any(Number), isError: true},
					{kind: 'text', byteLen: 13, approxTokens: expect.any(Number)},
				],
				rv: READER_VERSION,
			},
		]);
		for (const b of uts.flatMap((u) => u.blocks)) expect(b.approxTokens).toBeGreaterThan(0);
		const evs = events(out.records);
		expect(evs.map((e) => [e.toolUseId, e.status, e.isError ?? false])).toEqual([
			['call_b1', 'completed', false],
			['call_fail', 'errored', true],
		]);
	});

	itShared('with-compaction: compaction part → compaction anchored to the assistant before it; summary is a turn', () => {
		const out = readFixture('with-compaction');
		expect(turns(out.records).map((t) => [t.messageId, t.turnIndex])).toEqual([
			['msg_compact_a1', 0],
			['msg_compact_summary', 1],
			['msg_compact_a2', 2],
		]);
		expect(compactions(out.records)).toEqual([
			{
				v: 1,
				source: 'opencode',
				sessionId: 'ses_compact',
				ts: new Date(1776999003000).toISOString(),
				precedingMessageId: 'msg_compact_a1',
				tokensBeforeCompact: 12000,
				rv: READER_VERSION,
			},
		]);
	});

	itShared('a second pass over an unchanged tree emits nothing; a rewritten message is emitted again', () => {
		const root = tmp();
		cpSync(join(FIXTURES, 'multi-turn'), root, {recursive: true});
		const first = readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'off');
		expect(turns(first.records)).toHaveLength(3);
		const second = readOpencodeJson(discoverOpencodeDir(root).sessions, first.state, 'off');
		expect(second.records).toEqual([]);
		// Rewrite one message file in place (same directory mtime): only it re-emits.
		const file = join(root, 'storage/message/ses_multi/msg_multi_a2.json');
		const msg = JSON.parse(readFileSync(file, 'utf8'));
		msg.tokens.output = 400;
		writeFileSync(file, JSON.stringify(msg));
		utimesSync(file, new Date(), new Date(Date.now() + 5000));
		const third = readOpencodeJson(discoverOpencodeDir(root).sessions, second.state, 'off');
		expect(turns(third.records).map((t) => [t.messageId, t.usage.output])).toEqual([['msg_multi_a2', 450]]);
		expect(relationships(third.records)).toEqual([]);
	});

	it('reads the older storage/session/{info,message,part} layout and early inline-parts messages', () => {
		const root = tmp();
		const s = join(root, 'storage/session');
		mkdirSync(join(s, 'info'), {recursive: true});
		mkdirSync(join(s, 'message/ses_old'), {recursive: true});
		mkdirSync(join(s, 'part/ses_old/msg_old_a2'), {recursive: true});
		writeFileSync(join(s, 'info/ses_old.json'), JSON.stringify({id: 'ses_old', time: {created: T0}}));
		// Early shape: fields under `metadata`, parts inline.
		writeFileSync(
			join(s, 'message/ses_old/msg_old_a1.json'),
			JSON.stringify({
				id: 'msg_old_a1',
				role: 'assistant',
				parts: [
					{type: 'text', text: 'hi'},
					{type: 'tool-invocation', toolInvocation: {state: 'result', toolCallId: 'c1', toolName: 'read', args: {filePath: '/p/x.ts'}, result: 'xx'}},
				],
				metadata: {
					time: {created: T0 + 10, completed: T0 + 20},
					sessionID: 'ses_old',
					assistant: {providerID: 'anthropic', modelID: 'claude-3-5-sonnet', path: {cwd: '/p'}, tokens: tokens(1, 2, 3, 4)},
				},
			}),
		);
		// Later shape in the same layout: parts in session/part/<session>/<message>/.
		writeFileSync(
			join(s, 'message/ses_old/msg_old_a2.json'),
			JSON.stringify({id: 'msg_old_a2', sessionID: 'ses_old', role: 'assistant', time: {created: T0 + 30}, providerID: 'openai', modelID: 'gpt-4.1', tokens: tokens(5, 6, 7, 8)}),
		);
		writeFileSync(
			join(s, 'part/ses_old/msg_old_a2/prt_1.json'),
			JSON.stringify({id: 'prt_1', type: 'tool', callID: 'c2', tool: 'bash', state: {status: 'error', input: {command: 'make'}, error: 'boom'}}),
		);
		const out = readOpencodeJson(discoverOpencodeDir(root).sessions, undefined, 'off');
		const ts = turns(out.records);
		expect(ts.map((t) => [t.messageId, t.model, t.usage.cacheCreate5m, t.toolCalls.map((c) => [c.name, c.target, c.isError ?? false])])).toEqual([
			['msg_old_a1', 'anthropic/claude-3-5-sonnet', 4, [['read', '/p/x.ts', false]]],
			['msg_old_a2', 'openai/gpt-4.1', 8, [['bash', 'make', true]]],
		]);
		expect(ts[0]!.project).toBe('/p');
		expect(userTurns(out.records)[0]!.blocks).toMatchObject([{kind: 'tool_result', toolUseId: 'c1', byteLen: 2}]);
		expect(events(out.records).map((e) => [e.toolUseId, e.status])).toEqual([
			['c1', 'completed'],
			['c2', 'errored'],
		]);
	});

	itShared('skips message ids a database in the same data directory already has', () => {
		const dir = discoverOpencodeDir(join(FIXTURES, 'multi-turn'));
		const out = readOpencodeJson(dir.sessions, undefined, 'off', new Set(['msg_multi_a1', 'msg_child_asst']));
		expect(turns(out.records).map((t) => t.messageId)).toEqual(['msg_multi_a2']);
	});
});

// ---------------------------------------------------------------------------------------------
// SQLite: a database with OpenCode's schema (data-formats §5.7), written by the test.

interface Native {
	prepare(sql: string): {run(...a: unknown[]): unknown; get(...a: unknown[]): unknown};
	exec(sql: string): void;
	pragma(s: string): unknown;
	close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => Native;

const SCHEMA = `
CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT, name TEXT,
	time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, sandboxes TEXT NOT NULL DEFAULT '[]');
CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
	parent_id TEXT, slug TEXT NOT NULL DEFAULT '', directory TEXT NOT NULL, title TEXT NOT NULL,
	version TEXT NOT NULL, share_url TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL,
	time_compacting INTEGER, time_archived INTEGER);
CREATE INDEX session_project_idx ON session (project_id);
CREATE INDEX session_parent_idx ON session (parent_id);
CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
	time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX message_session_idx ON message (session_id);
CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE,
	session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX part_message_idx ON part (message_id);
CREATE INDEX part_session_idx ON part (session_id);
CREATE TABLE todo (session_id TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL,
	position INTEGER NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
CREATE TABLE control_account (email TEXT NOT NULL, url TEXT NOT NULL, access_token TEXT NOT NULL,
	refresh_token TEXT NOT NULL, token_expiry INTEGER, active INTEGER NOT NULL DEFAULT 0,
	time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
`;

const T0 = 1_777_000_000_000;

/** Writes rows the way OpenCode 1.2+ does: ids and session ids in columns, not in `data`. */
class OcDb {
	readonly db: Native;
	constructor(readonly path: string) {
		this.db = new Database(path);
		this.db.pragma('journal_mode = WAL');
		this.db.exec(SCHEMA);
		this.db
			.prepare('INSERT INTO control_account VALUES (?, ?, ?, ?, NULL, 1, ?, ?)')
			.run('me@example.com', 'https://example.com', 'SECRET-ACCESS', 'SECRET-REFRESH', T0, T0);
		this.db.prepare("INSERT INTO project VALUES ('global', '/', NULL, NULL, ?, ?, '[]')").run(T0, T0);
	}
	session(id: string, parentId: string | null = null, directory = '/work/app', created = T0): void {
		this.db
			.prepare("INSERT INTO session (id, project_id, parent_id, directory, title, version, time_created, time_updated) VALUES (?, 'global', ?, ?, 't', '1.2.0', ?, ?)")
			.run(id, parentId, directory, created, created);
	}
	message(id: string, sessionId: string, data: Record<string, unknown>, updated: number): void {
		const created = (data.time as {created: number}).created;
		this.db
			.prepare(
				'INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?) ' +
					'ON CONFLICT(id) DO UPDATE SET data = excluded.data, time_updated = excluded.time_updated',
			)
			.run(id, sessionId, created, updated, JSON.stringify(data));
	}
	part(id: string, messageId: string, sessionId: string, data: Record<string, unknown>, updated: number): void {
		this.db
			.prepare(
				'INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?) ' +
					'ON CONFLICT(id) DO UPDATE SET data = excluded.data, time_updated = excluded.time_updated',
			)
			.run(id, messageId, sessionId, updated, updated, JSON.stringify(data));
	}
	close(): void {
		this.db.close();
	}
}

const user = (created: number) => ({role: 'user', time: {created}, agent: 'build', model: {providerID: 'anthropic', modelID: 'claude-sonnet-4-5'}});
const assistant = (created: number, tokens: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	role: 'assistant',
	time: {created, completed: created + 900},
	parentID: 'x',
	providerID: 'anthropic',
	modelID: 'claude-sonnet-4-5',
	mode: 'build',
	agent: 'build',
	path: {cwd: '/work/app', root: '/work/app'},
	cost: 0.01,
	tokens,
	finish: 'stop',
	...extra,
});
const tokens = (input: number, output: number, read: number, write: number, reasoning = 0) => ({
	input,
	output,
	reasoning,
	cache: {read, write},
});

/** A small finished session: user "fix it" → assistant with a read and a bash call. */
function basicDb(dir: string): OcDb {
	const oc = new OcDb(join(dir, 'opencode.db'));
	oc.session('ses_main');
	oc.message('msg_u1', 'ses_main', user(T0 + 1000), T0 + 1000);
	oc.part('prt_u1', 'msg_u1', 'ses_main', {type: 'text', text: 'fix it'}, T0 + 1000);
	oc.message('msg_a1', 'ses_main', assistant(T0 + 2000, tokens(12, 80, 9000, 400)), T0 + 3000);
	oc.part('prt_a1_1', 'msg_a1', 'ses_main', {type: 'step-start'}, T0 + 2000);
	oc.part(
		'prt_a1_2',
		'msg_a1',
		'ses_main',
		{type: 'tool', callID: 'call_read', tool: 'read', state: {status: 'completed', input: {filePath: '/work/app/a.ts'}, output: 'A'.repeat(100), title: 'a.ts', metadata: {}, time: {start: T0 + 2100, end: T0 + 2200}}},
		T0 + 2200,
	);
	oc.part(
		'prt_a1_3',
		'msg_a1',
		'ses_main',
		{type: 'tool', callID: 'call_bash', tool: 'bash', state: {status: 'completed', input: {command: 'npm test'}, output: 'FAIL', metadata: {exit: 1}, time: {start: T0 + 2300, end: T0 + 2400}}},
		T0 + 2400,
	);
	oc.part('prt_a1_4', 'msg_a1', 'ses_main', {type: 'step-finish', reason: 'tool-calls', tokens: tokens(12, 80, 9000, 400), cost: 0.01}, T0 + 2900);
	return oc;
}

describe('OpenCode SQLite database', () => {
	it('reads turns, tool calls, events and user turns from a database, never touching control_account', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		oc.message('msg_u2', 'ses_main', user(T0 + 4000), T0 + 4000);
		oc.part('prt_u2', 'msg_u2', 'ses_main', {type: 'text', text: 'again'}, T0 + 4000);
		oc.message('msg_a2', 'ses_main', assistant(T0 + 5000, {total: 10 + 40 + 9400 + 600, ...tokens(10, 40, 9400, 600, 20)}), T0 + 6000);
		oc.close();
		const sql: string[] = [];
		const out = readOpencodeDb(oc.path, undefined, 'full', {onSql: (s) => sql.push(s)});
		expect(out.warnings).toBeUndefined();
		expect(sql.length).toBeGreaterThan(0);
		for (const s of sql) expect(s.toLowerCase()).not.toContain('control_account');
		for (const s of sql) expect(s).not.toMatch(/SELECT\s+\*/i);
		expect(JSON.stringify(out)).not.toContain('SECRET');

		const ts = turns(out.records);
		expect(ts.map((t) => [t.messageId, t.turnIndex, t.sessionPath])).toEqual([
			['msg_a1', 0, oc.path],
			['msg_a2', 1, oc.path],
		]);
		expect(ts[0]).toMatchObject({
			sessionId: 'ses_main',
			model: 'anthropic/claude-sonnet-4-5',
			usage: {input: 12, output: 80, reasoning: 0, cacheRead: 9000, cacheCreate5m: 400, cacheCreate1h: 0},
			project: '/work/app',
			stopReason: 'stop',
			filesTouched: ['/work/app/a.ts'],
		});
		expect(ts[0]!.toolCalls.map((c) => [c.name, c.target, c.isError ?? false])).toEqual([
			['read', '/work/app/a.ts', false],
			['bash', 'npm test', true],
		]);
		// `total` = input + output + cache (no reasoning): this message's output already includes reasoning.
		expect(ts[1]!.usage).toMatchObject({output: 40, reasoning: 20});
		expect(events(out.records).map((e) => [e.toolUseId, e.status, e.ts])).toEqual([
			['call_read', 'completed', new Date(T0 + 2200).toISOString()],
			['call_bash', 'errored', new Date(T0 + 2400).toISOString()],
		]);
		const uts = userTurns(out.records);
		expect(uts.map((u) => [u.userUuid, u.precedingMessageId, u.followingMessageId, u.blocks.map((b) => [b.kind, b.byteLen])])).toEqual([
			['msg_u1', undefined, 'msg_a1', [['text', 6]]],
			[
				'msg_u2',
				'msg_a1',
				'msg_a2',
				[
					['tool_result', 100],
					['tool_result', 4],
					['text', 5],
				],
			],
		]);
		expect(out.content.filter((c) => c.role === 'user').map((c) => c.text)).toEqual(['fix it', 'again']);

		// Nothing changed: nothing emitted.
		const again = readOpencodeDb(oc.path, out.state, 'full');
		expect(again.records).toEqual([]);
		expect(again.content).toEqual([]);
	});

	it('reads rows still in the -wal file while OpenCode holds the database open', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		const first = readOpencodeDb(oc.path, undefined, 'off');
		expect(turns(first.records)).toHaveLength(1);
		oc.message('msg_u2', 'ses_main', user(T0 + 4000), T0 + 4000);
		oc.message('msg_a2', 'ses_main', assistant(T0 + 5000, tokens(1, 2, 3, 4)), T0 + 6000);
		const second = readOpencodeDb(oc.path, first.state, 'off');
		expect(turns(second.records).map((t) => t.messageId)).toEqual(['msg_a2']);
		oc.close();
	});

	it('a streaming message (no time.completed) counts now and is replaced when it changes', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		oc.message('msg_u2', 'ses_main', user(T0 + 4000), T0 + 4000);
		const streaming = assistant(T0 + 5000, tokens(0, 0, 0, 0));
		delete (streaming.time as {completed?: number}).completed;
		delete (streaming as {finish?: string}).finish;
		oc.message('msg_a2', 'ses_main', streaming, T0 + 5000);
		oc.part('prt_a2_1', 'msg_a2', 'ses_main', {type: 'text', text: 'Work'}, T0 + 5100);
		oc.part('prt_a2_2', 'msg_a2', 'ses_main', {type: 'tool', callID: 'call_grep', tool: 'grep', state: {status: 'running', input: {pattern: 'TODO'}, time: {start: T0 + 5200}}}, T0 + 5200);
		const p1 = readOpencodeDb(oc.path, undefined, 'off');
		const s1 = turns(p1.records).find((t) => t.messageId === 'msg_a2')!;
		expect(s1.usage.output).toBe(0);
		expect(s1.toolCalls).toMatchObject([{name: 'grep', target: 'TODO'}]);
		expect(events(p1.records).map((e) => e.toolUseId)).toEqual(['call_read', 'call_bash']);
		expect(p1.state.open).toEqual(['msg_a2']);

		// Only a part changes (the text grows): still picked up, because the message is open.
		oc.part('prt_a2_1', 'msg_a2', 'ses_main', {type: 'text', text: 'Working on it'}, T0 + 5300);
		const p2 = readOpencodeDb(oc.path, p1.state, 'full');
		expect(turns(p2.records).map((t) => t.messageId)).toEqual(['msg_a2']);
		expect(p2.content.find((c) => c.kind === 'text')?.text).toBe('Working on it');

		// The step finishes: tokens, tool result, time.completed.
		oc.part('prt_a2_2', 'msg_a2', 'ses_main', {type: 'tool', callID: 'call_grep', tool: 'grep', state: {status: 'completed', input: {pattern: 'TODO'}, output: 'a.ts:1: TODO', metadata: {}, time: {start: T0 + 5200, end: T0 + 5400}}}, T0 + 5400);
		oc.part('prt_a2_3', 'msg_a2', 'ses_main', {type: 'step-finish', reason: 'stop', tokens: tokens(7, 55, 9400, 300)}, T0 + 5500);
		oc.message('msg_a2', 'ses_main', assistant(T0 + 5000, tokens(7, 55, 9400, 300)), T0 + 5600);
		const p3 = readOpencodeDb(oc.path, p2.state, 'off');
		const s3 = turns(p3.records);
		expect(s3.map((t) => [t.messageId, t.usage.output, t.usage.cacheRead])).toEqual([['msg_a2', 55, 9400]]);
		expect(events(p3.records).map((e) => [e.toolUseId, e.status])).toEqual([['call_grep', 'completed']]);
		expect(p3.state.open).toEqual([]);

		const p4 = readOpencodeDb(oc.path, p3.state, 'off');
		expect(p4.records).toEqual([]);
		oc.close();
	});

	it('a message with several steps counts the sum of its step-finish tokens', () => {
		const dir = tmp();
		const oc = new OcDb(join(dir, 'opencode.db'));
		oc.session('ses_s');
		// OpenCode overwrites the message tokens with the last step's.
		oc.message('msg_a', 'ses_s', assistant(T0 + 100, tokens(3, 30, 2000, 0)), T0 + 900);
		oc.part('prt_1', 'msg_a', 'ses_s', {type: 'step-finish', reason: 'tool-calls', tokens: tokens(5, 20, 0, 2000)}, T0 + 300);
		oc.part('prt_2', 'msg_a', 'ses_s', {type: 'step-finish', reason: 'stop', tokens: tokens(3, 30, 2000, 0)}, T0 + 800);
		oc.close();
		const [t] = turns(readOpencodeDb(oc.path, undefined, 'off').records);
		expect(t!.usage).toEqual({input: 8, output: 50, reasoning: 0, cacheRead: 2000, cacheCreate5m: 2000, cacheCreate1h: 0});
	});

	it('a child session is a thread of its root session, with one relationship record', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		oc.message('msg_a2', 'ses_main', assistant(T0 + 5000, tokens(1, 10, 100, 10)), T0 + 5000);
		oc.part('prt_a2_1', 'msg_a2', 'ses_main', {type: 'tool', callID: 'call_task', tool: 'task', state: {status: 'running', input: {description: 'look around', subagent_type: 'explore', prompt: 'p'}, metadata: {sessionId: 'ses_child'}}}, T0 + 5100);
		oc.session('ses_child', 'ses_main', '/work/app', T0 + 5200);
		oc.message('msg_c_u', 'ses_child', user(T0 + 5200), T0 + 5200);
		oc.message('msg_c_a', 'ses_child', assistant(T0 + 5300, tokens(4, 40, 0, 3000), {agent: 'explore', mode: 'explore'}), T0 + 5400);
		oc.session('ses_grand', 'ses_child', '/work/app', T0 + 5500);
		oc.message('msg_g_a', 'ses_grand', assistant(T0 + 5600, tokens(2, 20, 0, 1000), {agent: 'general', mode: 'general'}), T0 + 5700);
		const out = readOpencodeDb(oc.path, undefined, 'off');
		const ts = turns(out.records);
		expect(ts.find((t) => t.messageId === 'msg_c_a')).toMatchObject({
			sessionId: 'ses_main',
			subagent: {isSidechain: true, agentId: 'ses_child', subagentType: 'explore', parentToolUseId: 'call_task'},
		});
		expect(ts.find((t) => t.messageId === 'msg_g_a')).toMatchObject({
			sessionId: 'ses_main',
			subagent: {isSidechain: true, agentId: 'ses_grand', parentAgentId: 'ses_child', subagentType: 'general'},
		});
		expect(ts.find((t) => t.messageId === 'msg_a1')!.subagent).toBeUndefined();
		expect(relationships(out.records).map((r) => [r.source, r.relationshipType, r.sessionId, r.relatedSessionId, r.subagentType, r.parentToolUseId])).toEqual([
			['opencode', 'subagent', 'ses_child', 'ses_main', 'explore', 'call_task'],
			['opencode', 'subagent', 'ses_grand', 'ses_child', 'general', undefined],
		]);
		// The child keeps writing: its turns go on under the root session, no second relationship.
		oc.message('msg_c_a2', 'ses_child', assistant(T0 + 6000, tokens(1, 1, 3000, 0), {agent: 'explore'}), T0 + 6100);
		const next = readOpencodeDb(oc.path, out.state, 'off');
		expect(turns(next.records).map((t) => [t.messageId, t.sessionId, t.turnIndex, t.subagent?.agentId])).toEqual([
			['msg_c_a2', 'ses_main', 1, 'ses_child'],
		]);
		expect(relationships(next.records)).toEqual([]);
		oc.close();
	});

	it('finds late writes inside the margin and parts added to old messages', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		const first = readOpencodeDb(oc.path, undefined, 'off');
		// A write that commits after the pass but carries an older time_updated (inside the margin).
		oc.message('msg_u2', 'ses_main', user(T0 + 2500), T0 + 2500);
		oc.message('msg_late', 'ses_main', assistant(T0 + 2600, tokens(1, 1, 1, 1)), T0 + 2700);
		const second = readOpencodeDb(oc.path, first.state, 'off');
		expect(turns(second.records).map((t) => t.messageId)).toEqual(['msg_late']);
		// A part added to a finished message whose row did not change.
		oc.part('prt_a1_5', 'msg_a1', 'ses_main', {type: 'text', text: 'later'}, T0 + 100);
		const third = readOpencodeDb(oc.path, second.state, 'off');
		expect(turns(third.records).map((t) => t.messageId)).toEqual(['msg_a1']);
		oc.close();
	});

	itShared('database rows win over JSON duplicates: a message is counted once', () => {
		const dir = tmp();
		cpSync(join(FIXTURES, 'simple'), dir, {recursive: true});
		const oc = new OcDb(join(dir, 'opencode.db'));
		// OpenCode 1.2 migrated the JSON tree into the database and kept the files.
		oc.session('ses_simple', null, '/tmp/project', 1776988800000);
		oc.message('msg_simple_user', 'ses_simple', {role: 'user', time: {created: 1776988801000}}, 1776988801000);
		const raw = JSON.parse(readFileSync(join(dir, 'storage/message/ses_simple/msg_simple_asst.json'), 'utf8'));
		delete raw.id;
		delete raw.sessionID;
		oc.message('msg_simple_asst', 'ses_simple', raw, 1776988803000);
		oc.close();
		const data = discoverOpencodeDir(dir);
		expect(data.dbs.map((d) => d.path)).toEqual([oc.path]);
		const fromDb = readOpencodeDb(data.dbs[0]!.path, undefined, 'off');
		const {ids} = opencodeDbMessageIds(data.dbs[0]!.path);
		expect(ids).toEqual(new Set(['msg_simple_user', 'msg_simple_asst']));
		const fromJson = readOpencodeJson(data.sessions, undefined, 'off', ids);
		const all = [...turns(fromDb.records), ...turns(fromJson.records)];
		expect(all.map((t) => [t.messageId, t.sessionPath])).toEqual([['msg_simple_asst', oc.path]]);
		expect(all[0]!.usage).toMatchObject({input: 10, output: 5, cacheRead: 500, cacheCreate5m: 80});
	});

	it('a missing table or column is a warning, not a crash', () => {
		const dir = tmp();
		const path = join(dir, 'opencode.db');
		const db = new Database(path);
		db.exec(SCHEMA.replace(/CREATE TABLE part[\s\S]*?;\nCREATE INDEX part_message_idx[^;]*;\nCREATE INDEX part_session_idx[^;]*;/, ''));
		db.close();
		const out = readOpencodeDb(path, undefined, 'off');
		expect(out.records).toEqual([]);
		expect(out.warnings).toEqual([`opencode: ${path}: table "part" is missing; nothing read from this database`]);

		const path2 = join(dir, 'opencode-dev.db');
		const db2 = new Database(path2);
		db2.exec(SCHEMA.replace('time_updated INTEGER NOT NULL, data TEXT NOT NULL);\nCREATE INDEX message_session_idx', 'data TEXT NOT NULL);\nCREATE INDEX message_session_idx'));
		db2.close();
		const out2 = readOpencodeDb(path2, undefined, 'off');
		expect(out2.records).toEqual([]);
		expect(out2.warnings?.[0]).toContain('table "message" lacks column time_updated');

		const junk = join(dir, 'opencode-junk.db');
		writeFileSync(junk, 'this is not a database, just some text that is long enough to fill a header '.repeat(3));
		const out3 = readOpencodeDb(junk, undefined, 'off');
		expect(out3.records).toEqual([]);
		expect(out3.warnings).toHaveLength(1);
		expect(out3.skips.unreadableFiles).toBe(1);
	});

	it('bad JSON in a row and bad token values are skipped and counted, the rest still counts', () => {
		const dir = tmp();
		const oc = new OcDb(join(dir, 'opencode.db'));
		oc.session('ses_b');
		oc.db.prepare("INSERT INTO message VALUES ('msg_bad', 'ses_b', ?, ?, '{not json')").run(T0, T0);
		oc.message('msg_a', 'ses_b', assistant(T0 + 10, {input: -5, output: 1.5, reasoning: 0, cache: {read: 'x', write: 7}}), T0 + 20);
		oc.db.prepare("INSERT INTO part VALUES ('prt_bad', 'msg_a', 'ses_b', ?, ?, '[[[')").run(T0, T0 + 20);
		oc.close();
		const out = readOpencodeDb(oc.path, undefined, 'off');
		expect(out.warnings).toBeUndefined();
		const [t] = turns(out.records);
		expect(t!.usage).toEqual({input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 7, cacheCreate1h: 0});
		expect(out.skips.badFields).toBe(3);
	});

	it('state survives a JSON round trip (it is stored in the cursor file)', () => {
		const dir = tmp();
		const oc = basicDb(dir);
		const first = readOpencodeDb(oc.path, undefined, 'off');
		const state = JSON.parse(JSON.stringify(first.state)) as OpencodeDbState;
		oc.message('msg_a1', 'ses_main', assistant(T0 + 2000, tokens(12, 99, 9000, 400)), T0 + 7000);
		const second = readOpencodeDb(oc.path, state, 'off');
		expect(turns(second.records).map((t) => [t.messageId, t.usage.output])).toEqual([['msg_a1', 99]]);
		oc.close();
	});
});
