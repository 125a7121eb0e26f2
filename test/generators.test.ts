import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {generateClaudeTree} from '../bench/gen-claude-tree.js';
import {generateRelayburnLedger} from '../bench/gen-ledger.js';
import {writeDemoLogs} from '../source/demo/generate.js';
import {loadPriceBook} from '../source/analysis/pricing-load.js';
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
		writeDemoLogs(dirs, NOW);

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
		expect(total).toBeLessThan(8 * 1024 * 1024);

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

	it('looks like a developer who pays for agents: long sessions, growing context, tens of dollars a week', () => {
		const root = tmp();
		const dirs = {claudeConfigDir: join(root, 'claude'), codexHome: join(root, 'codex'), opencodeDataDir: join(root, 'opencode')};
		writeDemoLogs(dirs, NOW);
		const files = walk(root).map((p) => relative(root, p));

		// Only models priced by their vendor in the bundled prices (base rates).
		const {priceBook} = loadPriceBook(tmp());
		const allowed: Record<string, readonly string[]> = {anthropic: ['claude-sonnet-4-5', 'claude-opus-4-7', 'claude-haiku-4-5'], openai: ['gpt-5.4', 'gpt-5.5']};
		const price = (vendor: string, model: string) => {
			expect(allowed[vendor], `${vendor}/${model}`).toContain(model);
			const r = priceBook.rateFor(model)!;
			expect(r.origin, `${vendor}/${model}`).toBe(`${vendor}/${model}`);
			expect(r.input, `${vendor}/${model}`).toBeGreaterThan(0);
			return {input: r.input, output: r.output, cache_read: r.cacheRead, cache_write: r.cacheWrite5m};
		};
		let week = 0;
		let all = 0;
		const spend = (ms: number, usd: number) => {
			all += usd;
			if (ms >= NOW - 7 * DAY) week += usd;
		};
		const starts: number[] = [];

		// Claude Code: one request per message id (its last line has the final usage).
		const mains: Array<{turns: number; reads: number[]}> = [];
		let compactions7d = 0;
		let retryLoop = false;
		for (const f of files.filter((x) => x.startsWith('claude/') && x.endsWith('.jsonl'))) {
			const requests = new Map<string, {ms: number; model: string; usage: Record<string, number> & {cache_creation?: Record<string, number>}}>();
			const commands = new Map<string, string>();
			const bashResults: Array<{command: string; error: boolean}> = [];
			for (const line of jsonLines(join(root, f))) {
				if (line.subtype === 'compact_boundary' && Date.parse(line.timestamp as string) >= NOW - 7 * DAY) compactions7d++;
				const msg = line.message as {id?: string; model?: string; usage?: never; content?: unknown} | undefined;
				if (line.type === 'assistant' && msg?.id) requests.set(msg.id, {ms: Date.parse(line.timestamp as string), model: msg.model!, usage: msg.usage!});
				for (const b of Array.isArray(msg?.content) ? (msg.content as Array<Record<string, unknown>>) : []) {
					if (b.type === 'tool_use' && b.name === 'Bash') commands.set(b.id as string, (b.input as {command: string}).command);
					if (b.type === 'tool_result' && commands.has(b.tool_use_id as string)) bashResults.push({command: commands.get(b.tool_use_id as string)!, error: b.is_error === true});
				}
			}
			for (let i = 2; i < bashResults.length; i++) {
				const [a, b, c] = bashResults.slice(i - 2, i + 1);
				if (a!.error && b!.error && c!.error && a!.command === 'npm test' && b!.command === a!.command && c!.command === a!.command) retryLoop = true;
			}
			const reads: number[] = [];
			for (const r of requests.values()) {
				const p = price('anthropic', r.model);
				const u = r.usage;
				const write1h = u.cache_creation?.ephemeral_1h_input_tokens ?? 0;
				spend(r.ms, (u.input_tokens! * p.input! + u.output_tokens! * p.output! + u.cache_read_input_tokens! * p.cache_read! + (u.cache_creation_input_tokens! - write1h) * p.cache_write! + write1h * 2 * p.input!) / 1e6);
				reads.push(u.cache_read_input_tokens!);
			}
			if (!f.includes('/subagents/')) {
				mains.push({turns: requests.size, reads});
				starts.push(Math.min(...[...requests.values()].map((r) => r.ms)));
			}
		}

		// Codex: the usage of every request (token_count's last_token_usage) at the task's model, at
		// the base rate: each request stays far below the 272k long-context tier.
		for (const f of files.filter((x) => x.startsWith('codex/'))) {
			let model = '';
			let first = 0;
			for (const line of jsonLines(join(root, f))) {
				const p = line.payload as {type?: string; model?: string; info?: {last_token_usage: Record<string, number>} | null};
				first ||= Date.parse(line.timestamp as string);
				if (line.type === 'turn_context') model = p.model!;
				if (p.type !== 'token_count' || !p.info) continue;
				const c = price('openai', model);
				const u = p.info.last_token_usage;
				spend(Date.parse(line.timestamp as string), ((u.input_tokens! - u.cached_input_tokens!) * c.input! + u.cached_input_tokens! * c.cache_read! + u.output_tokens! * c.output!) / 1e6);
			}
			starts.push(first);
		}

		// OpenCode: tokens of every assistant message; top-level sessions only count as sessions.
		for (const f of files.filter((x) => /^opencode\/storage\/message\//.test(x))) {
			const m = JSON.parse(readFileSync(join(root, f), 'utf8')) as {role: string; modelID?: string; time: {created: number}; tokens?: {input: number; output: number; reasoning: number; cache: {read: number; write: number}}};
			if (m.role !== 'assistant') continue;
			const c = price('anthropic', m.modelID!);
			const t = m.tokens!;
			spend(m.time.created, (t.input * c.input! + (t.output + t.reasoning) * c.output! + t.cache.read * c.cache_read! + t.cache.write * c.cache_write!) / 1e6);
		}
		for (const f of files.filter((x) => /^opencode\/storage\/session\//.test(x))) {
			const s = JSON.parse(readFileSync(join(root, f), 'utf8')) as {parentID?: string; time: {created: number}};
			if (!s.parentID) starts.push(s.time.created);
		}

		// Tens of dollars a week, and more over the whole history.
		expect(week).toBeGreaterThan(60);
		expect(week).toBeLessThan(150);
		expect(all).toBeGreaterThan(week + 10);
		// 15–25 sessions over ~80 days, several in the last 24 h.
		expect(starts.length).toBeGreaterThanOrEqual(15);
		expect(starts.length).toBeLessThanOrEqual(25);
		expect(Math.min(...starts)).toBeLessThan(NOW - 75 * DAY);
		expect(starts.filter((ms) => ms >= NOW - DAY).length).toBeGreaterThanOrEqual(3);
		// Long sessions whose cache reads grow to 80–180k tokens (never past a 200k window).
		const turns = mains.map((m) => m.turns).sort((a, b) => b - a);
		expect(turns.at(-1)).toBeGreaterThanOrEqual(25);
		expect(turns[0]).toBeGreaterThanOrEqual(200);
		expect(turns.filter((n) => n >= 100).length).toBeGreaterThanOrEqual(3);
		for (const m of mains.filter((x) => x.turns >= 100)) {
			const peak = Math.max(...m.reads);
			expect(peak).toBeGreaterThan(80_000);
			expect(peak).toBeLessThan(180_000);
			const early = m.reads.slice(1, 6);
			expect(Math.max(...early)).toBeLessThan(peak * 0.7);
		}
		// The patterns the demo is there to show.
		expect(compactions7d).toBeGreaterThanOrEqual(2);
		expect(retryLoop).toBe(true);
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
