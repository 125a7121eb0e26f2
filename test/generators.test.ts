import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateClaudeTree} from '../bench/gen-claude-tree.js';
import {generateRelayburnLedger} from '../bench/gen-ledger.js';
import {writeDemoLogs} from '../source/demo/generate.js';
import {tmp} from './helpers/tmp.js';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const DAY = 86_400_000;

function walk(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, {withFileTypes: true})) {
		const p = join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}

/** Every line parses; returns the parsed objects. */
function jsonLines(path: string): Array<Record<string, unknown>> {
	const text = readFileSync(path, 'utf8');
	expect(text.endsWith('\n')).toBe(true);
	return text
		.slice(0, -1)
		.split('\n')
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectRecent(ms: number, days: number): void {
	expect(Number.isFinite(ms)).toBe(true);
	expect(ms).toBeLessThanOrEqual(NOW);
	expect(ms).toBeGreaterThanOrEqual(NOW - days * DAY);
}

describe('demo data', () => {
	it('writes all three layouts with valid, recent records', () => {
		const root = tmp();
		const dirs = {claudeConfigDir: join(root, 'claude'), codexHome: join(root, 'codex'), opencodeDataDir: join(root, 'opencode')};
		const t0 = performance.now();
		writeDemoLogs(dirs, NOW);
		expect(performance.now() - t0).toBeLessThan(1000);

		const files = walk(root).map((p) => relative(root, p));
		const claude = files.filter((f) => /^claude\/projects\/[^/]+\/[0-9a-f-]{36}\.jsonl$/.test(f));
		const agents = files.filter((f) => /^claude\/projects\/[^/]+\/[0-9a-f-]{36}\/subagents\/agent-[0-9a-f]+\.jsonl$/.test(f));
		const metas = files.filter((f) => f.endsWith('.meta.json'));
		const codex = files.filter((f) => /^codex\/sessions\/\d{4}\/\d{2}\/\d{2}\/rollout-.+\.jsonl$/.test(f));
		const sessions = files.filter((f) => /^opencode\/storage\/session\/[^/]+\/ses_[^/]+\.json$/.test(f));
		const messages = files.filter((f) => /^opencode\/storage\/message\/ses_[^/]+\/msg_[^/]+\.json$/.test(f));
		const parts = files.filter((f) => /^opencode\/storage\/part\/msg_[^/]+\/prt_[^/]+\.json$/.test(f));
		expect(claude.length).toBeGreaterThanOrEqual(8);
		expect(agents.length).toBeGreaterThanOrEqual(1);
		expect(metas.length).toBe(agents.length);
		expect(codex.length).toBeGreaterThanOrEqual(3);
		expect(sessions.length).toBeGreaterThanOrEqual(3);
		expect(messages.length).toBeGreaterThan(sessions.length);
		expect(parts.length).toBeGreaterThan(messages.length);
		const total = files.reduce((n, f) => n + statSync(join(root, f)).size, 0);
		expect(total).toBeLessThan(5 * 1024 * 1024);

		const seen = new Set<string>();
		let last24h = 0;
		for (const f of [...claude, ...agents, ...codex]) {
			for (const line of jsonLines(join(root, f))) {
				if (typeof line.timestamp !== 'string') continue;
				const ms = Date.parse(line.timestamp);
				expectRecent(ms, 90);
				if (ms >= NOW - DAY) last24h++;
				const msg = line.message as {content?: Array<{type: string; name?: string}>} | undefined;
				for (const b of Array.isArray(msg?.content) ? msg.content : []) if (b.type === 'tool_use') seen.add(b.name!);
				if (line.subtype === 'compact_boundary') seen.add('compact_boundary');
				const p = line.payload as {type?: string; info?: unknown} | undefined;
				if (p?.type) seen.add(`codex:${p.type}`);
			}
		}
		expect(last24h).toBeGreaterThan(0);
		for (const name of ['Read', 'Edit', 'Write', 'Bash', 'Grep', 'Glob', 'Task', 'compact_boundary', 'codex:task_started', 'codex:token_count', 'codex:function_call', 'codex:custom_tool_call']) {
			expect(seen, name).toContain(name);
		}
		expect([...seen].some((n) => n.startsWith('mcp__github__'))).toBe(true);
		expect([...seen].some((n) => n.startsWith('mcp__context7__'))).toBe(true);

		const meta = JSON.parse(readFileSync(join(root, metas[0]!), 'utf8')) as Record<string, unknown>;
		expect(meta).toMatchObject({agentType: expect.any(String), description: expect.any(String), toolUseId: expect.stringMatching(/^toolu_/)});

		let children = 0;
		for (const f of sessions) {
			const s = JSON.parse(readFileSync(join(root, f), 'utf8')) as {parentID?: string; time: {created: number}};
			if (s.parentID) children++;
			expectRecent(s.time.created, 90);
		}
		expect(children).toBe(1);
		for (const f of messages) {
			const m = JSON.parse(readFileSync(join(root, f), 'utf8')) as {role: string; time: {created: number}; tokens?: unknown};
			expectRecent(m.time.created, 90);
			if (m.role === 'assistant') expect(m.tokens).toMatchObject({input: expect.any(Number), cache: {read: expect.any(Number), write: expect.any(Number)}});
		}
	});

	it('is deterministic', () => {
		const a = tmp();
		const b = tmp();
		const dirs = (r: string) => ({claudeConfigDir: join(r, 'c'), codexHome: join(r, 'x'), opencodeDataDir: join(r, 'o')});
		writeDemoLogs(dirs(a), NOW);
		writeDemoLogs(dirs(b), NOW);
		const list = (r: string) => walk(r).map((p) => relative(r, p)).sort();
		expect(list(a)).toEqual(list(b));
		for (const f of list(a)) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
	});
});

describe('bench generators', () => {
	it('generates a Claude tree of about the target size', () => {
		const root = tmp();
		const target = 2 * 1024 * 1024;
		const r = generateClaudeTree(root, {targetBytes: target, days: 30, now: NOW, seed: 3});
		const files = walk(root);
		const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
		expect(r.files).toBe(files.length);
		expect(r.bytes).toBe(files.filter((f) => f.endsWith('.jsonl')).reduce((n, f) => n + statSync(f).size, 0));
		expect(bytes).toBeGreaterThan(target * 0.8);
		expect(bytes).toBeLessThan(target * 1.2);
		for (const f of files.filter((p) => p.endsWith('.jsonl'))) {
			for (const line of jsonLines(f)) if (typeof line.timestamp === 'string') expectRecent(Date.parse(line.timestamp), 30);
		}
	});

	it('generates a relayburn ledger sorted by time with the asked-for window', () => {
		const path = join(tmp(), 'ledger.jsonl');
		const r = generateRelayburnLedger(path, {windowSessions: 6, windowTurns: 120, olderSessions: 10, now: NOW, windowDays: 7, historyDays: 30, seed: 5});
		const lines = jsonLines(path);
		expect(lines.length).toBe(r.lines);
		expect(statSync(path).size).toBe(r.bytes);
		const kinds = new Set<string>();
		const windowSessions = new Set<string>();
		let windowTurns = 0;
		let prev = '';
		for (const l of lines) {
			expect(l.v).toBe(1);
			kinds.add(l.kind as string);
			const rec = l.record as {ts: string; sessionId: string; fidelity?: {class: string}};
			expect(rec.ts >= prev).toBe(true);
			prev = rec.ts;
			expectRecent(Date.parse(rec.ts), 30);
			if (l.kind === 'turn') {
				expect(rec.fidelity?.class).toBe('full');
				if (Date.parse(rec.ts) >= NOW - 7 * DAY) {
					windowTurns++;
					windowSessions.add(rec.sessionId);
				}
			}
		}
		expect(windowTurns).toBe(120);
		expect(windowSessions.size).toBe(6);
		for (const k of ['turn', 'user_turn', 'tool_result_event', 'relationship']) expect(kinds).toContain(k);
	});
});
