import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import {Rng as BaseRng} from '../source/demo/rng.js';

/**
 * A relayburn-1.x-shaped `ledger.jsonl` (data-formats.md §6.2): `turn`, `user_turn`,
 * `tool_result_event`, `relationship` and `compaction` lines, sorted by timestamp like an
 * append-only ledger. `windowSessions` sessions with exactly `windowTurns` turns lie in the
 * last `windowDays`; `olderSessions` more are spread over the rest of `historyDays`.
 * Turns carry 0–3 tool calls (Read/Edit/Bash/Grep/Task with targets and argsHash) whose
 * results are sized in the following user turns and tool-result events. Record sizes
 * follow what relayburn's readers write, so the configuration (169 sessions /
 * 6,614 turns in 7 days + ~2,600 older sessions) comes out near 174 MB (the issue asks for about 186 MB).
 *
 * Memory stays bounded: sessions are materialised only while they are active in the
 * timestamp merge.
 */

export interface LedgerOptions {
	windowSessions: number;
	windowTurns: number;
	olderSessions: number;
	now: number;
	windowDays: number;
	historyDays: number;
	seed?: number;
}

const SEC = 1000;
const MIN = 60 * SEC;
const DAY = 86_400_000;

class Rng extends BaseRng {
	logNormal(median: number, sigma: number): number {
		const u = Math.max(1e-12, this.next());
		return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next()));
	}
}

/** 16 hex chars of a cheap 64-bit string hash (stands in for relayburn's sha256 prefix). */
function hash16(s: string): string {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
	}
	return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const FIDELITY = {
	class: 'full',
	granularity: 'per-turn',
	coverage: {
		hasInputTokens: true,
		hasOutputTokens: true,
		hasReasoningTokens: true,
		hasCacheReadTokens: true,
		hasCacheCreateTokens: true,
		hasToolCalls: true,
		hasToolResultEvents: true,
		hasSessionRelationships: true,
		hasRawContent: true,
	},
};

const NOUNS = ['user', 'session', 'order', 'invoice', 'token', 'route', 'config', 'payload', 'event', 'account', 'report', 'cart', 'price', 'webhook', 'queue', 'job'];
const BASH = ['npm test', 'npm run build', 'npx tsc --noEmit', 'git status', 'git diff', 'git diff --stat', 'git log --oneline -20', 'npm run lint', 'ls -la src', 'rg -n "TODO" src', 'pnpm test -- --run', 'cargo test', 'docker compose ps', 'npm install'];
const SUBAGENTS = ['Explore', 'general-purpose', 'code-reviewer', 'test-runner'];

interface Project {
	cwd: string;
	key: string;
	files: string[];
}

function makeProjects(rng: Rng): Project[] {
	return ['app', 'api', 'web', 'infra', 'docs', 'mobile', 'cli', 'billing'].map((name) => {
		const cwd = `/home/dev/code/${name}`;
		const files: string[] = [];
		for (let i = rng.int(40, 140); i > 0; i--) {
			files.push(`${cwd}/${rng.pick(['src', 'src/lib', 'src/server', 'src/components', 'test', 'packages/core/src'])}/${rng.pick(NOUNS)}${rng.pick(['', '-store', '-service', '-routes'])}${rng.pick(['.ts', '.ts', '.tsx', '.test.ts', '.md'])}`);
		}
		return {cwd, key: `github.com/acme/${name}`, files};
	});
}

interface SessionPlan {
	source: 'claude-code' | 'codex';
	start: number;
	turns: number;
	gap: number;
	project: Project;
	model: string;
	seed: number;
}

interface Rec {
	t: number;
	line: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Build one session's records, in timestamp order. */
function buildSession(plan: SessionPlan): Rec[] {
	const rng = new Rng(plan.seed);
	const claude = plan.source === 'claude-code';
	const sessionId = claude ? rng.uuid() : `019${rng.hex(5)}-${rng.hex(4)}-7${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
	const recs: Rec[] = [];
	const push = (t: number, kind: string, record: Record<string, unknown>) => recs.push({t, line: JSON.stringify({v: 1, kind, record})});
	const msgId = () => (claude ? `msg_01${rng.b62(22)}` : `019${rng.hex(5)}-${rng.hex(4)}-7${rng.hex(3)}-b${rng.hex(3)}-${rng.hex(12)}`);
	const callId = () => (claude ? `toolu_01${rng.b62(22)}` : `call_${rng.b62(24)}`);

	let t = plan.start;
	push(t, 'relationship', {v: 1, source: plan.source, sessionId, relationshipType: 'root', ts: iso(t)});
	const ids: string[] = [];
	for (let i = 0; i < plan.turns; i++) ids.push(msgId());
	const promptLen = Math.round(rng.logNormal(300, 1.2)) + 10;
	push(t, 'user_turn', {v: 1, source: plan.source, sessionId, userUuid: claude ? rng.uuid() : `${sessionId}:start->${ids[0]}`, ts: iso(t), followingMessageId: ids[0], blocks: [{kind: 'text', byteLen: promptLen, approxTokens: Math.ceil(promptLen / 4.2)}]});

	let cached = 0;
	let pending = rng.int(12_000, 24_000) + Math.ceil(promptLen / 4);
	let eventIndex = 0;
	let retryLeft = 0;
	const lastEdit = new Map<string, {pre: string; post: string}>();
	// An open Task: its sidechain turns follow, then its result.
	let side: {toolUseId: string; agentId: string; type: string; description: string; left: number; announced: boolean} | undefined;
	let pendingTask: {toolUseId: string; len: number} | undefined;

	for (let i = 0; i < plan.turns; i++) {
		t += Math.round(rng.logNormal(plan.gap * 0.4, 0.7)) + 800;
		const id = ids[i]!;
		const sidechain = side && side.left > 0 ? side : undefined;
		if (!sidechain && !retryLeft && claude && i > 2 && rng.chance(0.01)) retryLeft = rng.int(3, 5);

		// Tool calls.
		type Call = {id: string; name: string; target: string; argsHash: string; isError?: boolean; editPreHash?: string; editPostHash?: string; len: number};
		const calls: Call[] = [];
		const r = rng.next();
		let n = r < 0.38 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
		if (retryLeft > 0 && !sidechain) n = 1;
		for (let c = 0; c < n; c++) {
			const cid = callId();
			if (retryLeft > 0 && !sidechain) {
				calls.push({id: cid, name: 'Bash', target: 'npm test', argsHash: hash16('Bash|npm test'), isError: true, len: Math.round(rng.logNormal(2500, 0.4))});
				retryLeft--;
				continue;
			}
			const w = rng.next();
			const kind = w < 0.36 ? 'Read' : w < 0.64 ? 'Bash' : w < 0.84 ? 'Edit' : w < 0.96 ? 'Grep' : 'Task';
			if (!claude) {
				if (kind === 'Edit') {
					const file = rng.pick(plan.project.files);
					calls.push({id: cid, name: 'apply_patch', target: file, argsHash: hash16(`apply_patch|${file}|${rng.hex(6)}`), len: rng.int(60, 220)});
				} else {
					const cmd = kind === 'Read' ? `sed -n '1,200p' ${rng.pick(plan.project.files).slice(plan.project.cwd.length + 1)}` : rng.pick(BASH);
					calls.push({id: cid, name: 'exec_command', target: cmd, argsHash: hash16(`exec_command|${cmd}`), isError: rng.chance(0.08) || undefined, len: Math.min(120_000, Math.round(rng.logNormal(kind === 'Read' ? 4000 : 900, 1.2)))});
				}
				continue;
			}
			if (kind === 'Task' && (sidechain || side)) {
				c--;
				continue;
			}
			switch (kind) {
				case 'Read': {
					const file = rng.pick(plan.project.files);
					calls.push({id: cid, name: 'Read', target: file, argsHash: hash16(`Read|${file}`), isError: rng.chance(0.02) || undefined, len: Math.min(256_000, Math.round(rng.logNormal(4500, 1)))});
					break;
				}
				case 'Bash': {
					const cmd = rng.pick(BASH);
					const big = rng.chance(0.01);
					calls.push({id: cid, name: 'Bash', target: cmd, argsHash: hash16(`Bash|${cmd}`), isError: rng.chance(0.1) || undefined, len: big ? rng.int(40_000, 120_000) : Math.min(30_000, Math.round(rng.logNormal(900, 1.4)))});
					break;
				}
				case 'Edit': {
					const file = rng.pick(plan.project.files);
					const prev = lastEdit.get(file);
					let pre = rng.hex(16);
					let post = rng.hex(16);
					if (prev && rng.chance(0.06)) {
						pre = prev.post;
						post = prev.pre;
					}
					lastEdit.set(file, {pre, post});
					calls.push({id: cid, name: 'Edit', target: file, argsHash: hash16(`Edit|${file}|${pre}|${post}`), isError: rng.chance(0.04) || undefined, editPreHash: pre, editPostHash: post, len: Math.round(rng.logNormal(700, 0.6))});
					break;
				}
				case 'Grep': {
					const pattern = `${rng.pick(NOUNS)}${rng.pick(['Id', 'Store', 'Service', ''])}`;
					calls.push({id: cid, name: 'Grep', target: pattern, argsHash: hash16(`Grep|${pattern}`), len: Math.round(rng.logNormal(400, 1))});
					break;
				}
				default: {
					const type = rng.pick(SUBAGENTS);
					calls.push({id: cid, name: 'Task', target: type, argsHash: hash16(`Task|${type}|${rng.hex(8)}`), len: Math.round(rng.logNormal(2500, 0.6))});
				}
			}
		}

		// Usage: the turn pays for what was added since the last one and re-reads the rest.
		const opus = plan.model.includes('opus');
		const outputTokens = Math.round(rng.logNormal(opus ? 500 : 350, 0.9)) + 10 + calls.length * 40;
		let usage: Record<string, number>;
		if (claude) {
			const oneHour = plan.seed % 5 === 0;
			usage = {input: rng.int(1, 12), output: outputTokens, reasoning: 0, cacheRead: cached, cacheCreate5m: oneHour ? 0 : pending, cacheCreate1h: oneHour ? pending : 0};
			cached += pending;
		} else {
			const requests = 1 + calls.length;
			const reasoning = Math.floor(outputTokens * rng.next() * 0.6);
			usage = {input: pending + rng.int(100, 600) * requests, output: outputTokens, reasoning, cacheRead: cached * requests, cacheCreate5m: 0, cacheCreate1h: 0};
			cached += pending;
		}
		pending = outputTokens;

		const filesTouched = [...new Set(calls.filter((c) => c.name === 'Read' || c.name === 'Edit' || c.name === 'apply_patch').map((c) => c.target))];
		const hasEdits = calls.some((c) => c.name === 'Edit' || c.name === 'apply_patch');
		const anyError = calls.some((c) => c.isError);
		const activity = calls.some((c) => c.name === 'Task')
			? 'delegation'
			: hasEdits
				? anyError
					? 'debugging'
					: 'coding'
				: anyError
					? 'debugging'
					: calls.some((c) => /test/.test(c.target))
						? 'testing'
						: calls.some((c) => c.target.startsWith('git '))
							? 'git'
							: calls.length
								? 'exploration'
								: 'conversation';
		const record: Record<string, unknown> = {
			v: 1,
			source: plan.source,
			sessionId,
			messageId: id,
			turnIndex: i,
			ts: iso(t),
			model: plan.model,
			project: plan.project.cwd,
			projectKey: plan.project.key,
			usage,
			toolCalls: calls.map(({len: _len, ...c}) => c),
		};
		if (filesTouched.length) record.filesTouched = filesTouched;
		if (sidechain) {
			record.subagent = {isSidechain: true, parentToolUseId: sidechain.toolUseId, agentId: sidechain.agentId, parentAgentId: sessionId, subagentType: sidechain.type, description: sidechain.description};
		}
		if (claude) record.stopReason = calls.length ? 'tool_use' : 'end_turn';
		record.fidelity = FIDELITY;
		record.activity = activity;
		record.hasEdits = hasEdits;
		push(t, 'turn', record);
		if (sidechain && !sidechain.announced) {
			// First turn of this subagent run: its relationship row.
			push(t, 'relationship', {v: 1, source: 'native-claude', sessionId, relationshipType: 'subagent', agentId: sidechain.agentId, relatedSessionId: sessionId, parentToolUseId: sidechain.toolUseId, subagentType: sidechain.type, description: sidechain.description, ts: iso(t)});
			sidechain.announced = true;
		}

		// Tool results: paid by the next turn.
		const next = ids[i + 1];
		let rt = t + rng.int(1, 6) * SEC;
		// A Task runs its subagent turns before its result arrives (unless the session ends first).
		const taskCall = calls.find((c) => c.name === 'Task');
		const sideTurns = taskCall ? Math.min(rng.int(2, 8), plan.turns - i - 2) : 0;
		const task = sideTurns > 0 ? taskCall : undefined;
		const results = calls.filter((c) => c !== task);
		if (sidechain) sidechain.left--;
		if (claude) {
			results.forEach((c, k) => {
				rt += rng.int(50, 3000);
				const userUuid = rng.uuid();
				const approx = Math.ceil(c.len / 3.9);
				const block: Record<string, unknown> = {kind: 'tool_result', toolUseId: c.id, byteLen: c.len, approxTokens: approx};
				if (c.isError) block.isError = true;
				const ut: Record<string, unknown> = {v: 1, source: plan.source, sessionId, userUuid, ts: iso(rt), precedingMessageId: id};
				if (k === results.length - 1 && next) ut.followingMessageId = next;
				ut.blocks = [block];
				push(rt, 'user_turn', ut);
				const ev: Record<string, unknown> = {v: 1, source: plan.source, sessionId, messageId: userUuid, toolUseId: c.id, callIndex: 0, eventIndex: eventIndex++, ts: iso(rt), status: c.isError ? 'errored' : 'completed', eventSource: 'tool_result', contentLength: c.len, contentHash: rng.hex(16)};
				if (c.isError) ev.isError = true;
				if (sidechain) ev.agentId = sidechain.agentId;
				push(rt, 'tool_result_event', ev);
				pending += approx;
			});
		} else if (results.length || next) {
			const blocks: Array<Record<string, unknown>> = [];
			const rt0 = rt;
			for (const c of results) {
				rt += rng.int(200, 5000);
				const block: Record<string, unknown> = {kind: 'tool_result', toolUseId: c.id, byteLen: c.len, approxTokens: Math.ceil(c.len / 3.9)};
				if (c.isError) block.isError = true;
				blocks.push(block);
				const ev: Record<string, unknown> = {v: 1, source: plan.source, sessionId, messageId: id, toolUseId: c.id, callIndex: 0, eventIndex: eventIndex++, ts: iso(rt), status: c.isError ? 'errored' : 'completed', eventSource: 'function_call_output', contentLength: c.len, contentHash: rng.hex(16)};
				if (c.isError) ev.isError = true;
				push(rt, 'tool_result_event', ev);
				pending += Math.ceil(c.len / 3.9);
			}
			if (next && (blocks.length || rng.chance(0.5))) {
				if (!blocks.length || rng.chance(0.2)) {
					const len = Math.round(rng.logNormal(200, 1)) + 5;
					blocks.push({kind: 'text', byteLen: len, approxTokens: Math.ceil(len / 4.2)});
					pending += Math.ceil(len / 4.2);
				}
				push(rt0, 'user_turn', {v: 1, source: plan.source, sessionId, userUuid: `${sessionId}:${id}->${next}`, ts: iso(rt0), precedingMessageId: id, followingMessageId: next, blocks});
			}
		}
		t = Math.max(t, rt);

		// A sidechain run just ended: the Task result lands in the main thread.
		if (sidechain && sidechain.left === 0 && pendingTask) {
			t += rng.int(1, 4) * SEC;
			const userUuid = rng.uuid();
			const approx = Math.ceil(pendingTask.len / 3.9);
			const ut: Record<string, unknown> = {v: 1, source: plan.source, sessionId, userUuid, ts: iso(t), precedingMessageId: id};
			if (next) ut.followingMessageId = next;
			ut.blocks = [{kind: 'tool_result', toolUseId: pendingTask.toolUseId, byteLen: pendingTask.len, approxTokens: approx}];
			push(t, 'user_turn', ut);
			push(t, 'tool_result_event', {v: 1, source: plan.source, sessionId, messageId: userUuid, toolUseId: pendingTask.toolUseId, callIndex: 0, eventIndex: eventIndex++, ts: iso(t), status: 'completed', eventSource: 'tool_result', contentLength: pendingTask.len, contentHash: rng.hex(16), agentId: sidechain.agentId});
			pending += approx;
			pendingTask = undefined;
			side = undefined;
		}
		if (task) {
			side = {toolUseId: task.id, agentId: `a${rng.hex(16)}`, type: task.target, description: `${rng.pick(['Explore', 'Review', 'Test', 'Map'])} the ${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`, left: sideTurns, announced: false};
			pendingTask = {toolUseId: task.id, len: task.len};
		}
		// Another prompt now and then.
		if (claude && next && !side && rng.chance(0.06)) {
			t += rng.int(20, 400) * SEC;
			const len = Math.round(rng.logNormal(250, 1.1)) + 5;
			push(t, 'user_turn', {v: 1, source: plan.source, sessionId, userUuid: rng.uuid(), ts: iso(t), precedingMessageId: id, followingMessageId: next, blocks: [{kind: 'text', byteLen: len, approxTokens: Math.ceil(len / 4.2)}]});
			pending += Math.ceil(len / 4.2);
		}
		// Auto-compaction when the context fills up.
		if (cached > 150_000 + rng.int(0, 20_000)) {
			t += rng.int(20, 60) * SEC;
			push(t, 'compaction', {v: 1, source: plan.source, sessionId, ts: iso(t), precedingMessageId: id, tokensBeforeCompact: usage.cacheRead});
			cached = 0;
			pending = rng.int(15_000, 22_000);
		}
	}
	// Results of one turn interleave with user turns written a moment earlier: order by time
	// (the sort is stable, so equal times keep their emission order).
	return recs.sort((a, b) => a.t - b.t);
}

/** Turn counts: log-normal, long tail; with `total`, scaled to sum exactly to it. */
function turnCounts(rng: Rng, n: number, mean: number, total?: number): number[] {
	const sigma = 1.1;
	const median = mean / Math.exp((sigma * sigma) / 2);
	const raw = Array.from({length: n}, () => Math.max(1, rng.logNormal(median, sigma)));
	if (total === undefined) return raw.map((x) => Math.max(1, Math.round(x)));
	const sum = raw.reduce((a, b) => a + b, 0);
	const counts = raw.map((x) => Math.max(1, Math.round((x * total) / sum)));
	let diff = total - counts.reduce((a, b) => a + b, 0);
	const order = counts.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]!);
	for (let k = 0; diff !== 0 && k < 100_000; k++) {
		const i = order[k % order.length]!;
		if (diff > 0) {
			counts[i]!++;
			diff--;
		} else if (counts[i]! > 1) {
			counts[i]!--;
			diff++;
		}
	}
	return counts;
}

class Heap {
	private items: Array<{recs: Rec[]; at: number}> = [];
	get size(): number {
		return this.items.length;
	}
	peekT(): number {
		const top = this.items[0]!;
		return top.recs[top.at]!.t;
	}
	push(item: {recs: Rec[]; at: number}): void {
		const a = this.items;
		a.push(item);
		let i = a.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (this.key(p) <= this.key(i)) break;
			[a[p], a[i]] = [a[i]!, a[p]!];
			i = p;
		}
	}
	pop(): {recs: Rec[]; at: number} {
		const a = this.items;
		const top = a[0]!;
		const last = a.pop()!;
		if (a.length) {
			a[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < a.length && this.key(l) < this.key(m)) m = l;
				if (r < a.length && this.key(r) < this.key(m)) m = r;
				if (m === i) break;
				[a[m], a[i]] = [a[i]!, a[m]!];
				i = m;
			}
		}
		return top;
	}
	private key(i: number): number {
		const it = this.items[i]!;
		return it.recs[it.at]!.t;
	}
}

/** Write the ledger at `path`. */
export function generateRelayburnLedger(path: string, opts: LedgerOptions): {bytes: number; lines: number} {
	const rng = new Rng(opts.seed ?? 1);
	const projects = makeProjects(rng);
	const weights = projects.map((_, i) => 1 / (i + 1));
	const wTotal = weights.reduce((a, b) => a + b, 0);
	const pickProject = () => {
		let w = rng.next() * wTotal;
		for (let i = 0; i < projects.length; i++) if ((w -= weights[i]!) < 0) return projects[i]!;
		return projects[0]!;
	};
	const windowStart = opts.now - opts.windowDays * DAY;
	const historyStart = opts.now - Math.max(opts.historyDays, opts.windowDays) * DAY;
	const mean = opts.windowSessions > 0 ? opts.windowTurns / opts.windowSessions : 40;
	const plans: SessionPlan[] = [];
	const plan = (turns: number, from: number, to: number): void => {
		const source = rng.chance(0.12) ? 'codex' : 'claude-code';
		const model = source === 'codex' ? 'gpt-5.4' : rng.chance(0.7) ? 'claude-sonnet-4-5' : 'claude-opus-4-1';
		// Mean time per turn (ms); squeezed so that even a huge session fits in its span.
		const span = Math.max(MIN, to - from);
		const gap = Math.min(rng.int(25, 90) * SEC, (span * 0.5) / Math.max(1, turns) / 1.6);
		const duration = turns * gap * 1.6 + 10 * MIN;
		const start = from + MIN + rng.next() * Math.max(0, span - duration - 2 * MIN);
		plans.push({source, start, turns, gap, project: pickProject(), model, seed: (rng.next() * 0x7fffffff) | 0});
	};
	for (const turns of turnCounts(rng, opts.windowSessions, mean, opts.windowTurns)) plan(turns, windowStart, opts.now);
	for (const turns of turnCounts(rng, opts.olderSessions, mean)) plan(turns, historyStart, windowStart);
	plans.sort((a, b) => a.start - b.start);

	mkdirSync(dirname(path), {recursive: true});
	const fd = openSync(path, 'w');
	let buf: string[] = [];
	let pendingChars = 0;
	let bytes = 0;
	let lines = 0;
	const flush = () => {
		if (!buf.length) return;
		const chunk = buf.join('\n') + '\n';
		bytes += Buffer.byteLength(chunk);
		writeSync(fd, chunk);
		buf = [];
		pendingChars = 0;
	};
	const heap = new Heap();
	let next = 0;
	while (next < plans.length || heap.size) {
		// Activate every session that starts before the earliest pending record.
		while (next < plans.length && (!heap.size || plans[next]!.start <= heap.peekT())) {
			const recs = buildSession(plans[next++]!);
			if (recs.length) heap.push({recs, at: 0});
		}
		const top = heap.pop();
		const line = top.recs[top.at]!.line;
		buf.push(line);
		pendingChars += line.length;
		lines++;
		if (pendingChars > 1 << 20) flush();
		if (++top.at < top.recs.length) heap.push(top);
	}
	flush();
	closeSync(fd);
	return {bytes, lines};
}
