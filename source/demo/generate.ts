import {mkdirSync, utimesSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {Rng as BaseRng} from './rng.js';

/**
 * The `--demo` data set: a deterministic, realistic set of agent session logs written as
 * real files in each agent's own format (Claude Code transcripts with a subagent, Codex
 * rollouts, an OpenCode JSON storage tree), dated relative to `now`, so the normal readers
 * ingest them. Every window (24h, 7d, 30d, 90d, all) has data, and the waste patterns
 * (retry loop, failure run, edit revert, compaction, oversized output) each occur.
 */

export interface DemoDirs {
	claudeConfigDir: string;
	codexHome: string;
	opencodeDataDir: string;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const APP = '/home/dev/code/app';
const API = '/home/dev/code/api';

// ---------------------------------------------------------------------------
// Seeded randomness and ids

class Rng extends BaseRng {
	chars(alphabet: string, n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
		return s;
	}
	hex(n: number): string {
		return this.chars('0123456789abcdef', n);
	}
	b62(n: number): string {
		return this.chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);
	}
	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
	}
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Rough token count of a text (what the API would bill for it). */
const tokensOf = (s: string) => Math.ceil(Buffer.byteLength(s) / 3.6);

function writeJsonl(path: string, lines: readonly string[], mtime: number): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, lines.join('\n') + '\n');
	utimesSync(path, mtime / 1000, mtime / 1000);
}

function writeJson(path: string, value: unknown): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

// ---------------------------------------------------------------------------
// Fake but plausible source files and command output

const NOUNS = ['user', 'session', 'order', 'invoice', 'token', 'route', 'config', 'payload', 'event', 'account', 'report', 'cart', 'price', 'webhook'];
const VERBS = ['get', 'load', 'parse', 'validate', 'create', 'update', 'remove', 'fetch', 'build', 'sync', 'resolve', 'format'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function codeLines(rng: Rng, path: string, n: number): string[] {
	const test = path.includes('.test.');
	const out: string[] = [];
	const imports = rng.int(2, 6);
	for (let i = 0; i < imports; i++) {
		const a = rng.pick(NOUNS);
		out.push(test ? `import {${rng.pick(VERBS)}${cap(a)}} from '../src/${a}.js';` : `import {${cap(a)}Service} from './${a}-service.js';`);
	}
	if (test) out.push(`import {describe, expect, it, vi} from 'vitest';`);
	out.push('');
	while (out.length < n) {
		const a = rng.pick(NOUNS);
		const b = rng.pick(NOUNS);
		const v = rng.pick(VERBS);
		if (test) {
			out.push(`describe('${v}${cap(a)}', () => {`);
			const cases = rng.int(1, 4);
			for (let c = 0; c < cases; c++) {
				out.push(`\tit('${v}s a ${a} with ${b} ${rng.pick(['defaults', 'overrides', 'missing fields', 'stale cache'])}', async () => {`);
				out.push(`\t\tconst ${a} = await ${v}${cap(a)}({id: '${a}-${rng.int(1, 99)}', ${b}Id: '${b}-${rng.int(1, 99)}'});`);
				out.push(`\t\texpect(${a}.${b}Id).toBe('${b}-${rng.int(1, 99)}');`);
				out.push(`\t\texpect(${a}).toMatchObject({status: '${rng.pick(['active', 'pending', 'closed'])}'});`);
				out.push('\t});');
			}
			out.push('});', '');
			continue;
		}
		out.push(`export async function ${v}${cap(a)}(${a}Id: string, opts: ${cap(b)}Options = {}): Promise<${cap(a)}> {`);
		const body = rng.int(4, 14);
		for (let s = 0; s < body; s++) {
			const c = rng.pick(NOUNS);
			switch (rng.int(0, 7)) {
				case 0:
					out.push(`\tconst ${c} = await ${cap(c)}Service.${rng.pick(VERBS)}(${a}Id);`);
					break;
				case 1:
					out.push(`\tif (!${c}) throw new NotFoundError(\`${c} \${${a}Id} not found\`);`);
					break;
				case 2:
					out.push(`\tlogger.debug({${a}Id, ${c}: opts.${c} ?? null}, '${v} ${a}');`);
					break;
				case 3:
					out.push(`\tconst ${c}s = (opts.${b}s ?? []).filter((x) => x.${a}Id === ${a}Id);`);
					break;
				case 4:
					out.push(`\t// ${rng.pick(['TODO', 'NOTE', 'FIXME'])}: ${rng.pick(['retry', 'cache', 'validate', 'batch'])} ${c} ${rng.pick(['lookups', 'writes', 'updates'])} here`);
					break;
				case 5:
					out.push(`\tawait cache.set(\`${a}:\${${a}Id}\`, ${c}, {ttl: ${rng.pick([30, 60, 300, 3600])}});`);
					break;
				case 6:
					out.push(`\tmetrics.increment('${a}.${v}', {${b}: String(opts.${b} ?? 'none')});`);
					break;
				default:
					out.push(`\tconst ${c}Total = ${c}s.reduce((sum, x) => sum + x.amount, 0);`);
			}
		}
		out.push(`\treturn {id: ${a}Id, ...opts} as ${cap(a)};`, '}', '');
	}
	return out.slice(0, n);
}

const numbered = (lines: readonly string[], from = 1) =>
	lines.map((l, i) => `${String(i + from).padStart(6)}\u2192${l}`).join('\n');

function vitestOutput(rng: Rng, files: readonly string[], failing: number, cwd = APP): string {
	const out = ['', `> ${cwd.split('/').pop()}@1.4.0 test`, '> vitest run', '', ` RUN  v3.2.4 ${cwd}`, ''];
	let tests = 0;
	for (const f of files) {
		const n = rng.int(3, 18);
		tests += n;
		out.push(` ${failing > 0 && f === files[0] ? '❯' : '✓'} ${f} (${n} tests${failing > 0 && f === files[0] ? ` | ${failing} failed` : ''}) ${rng.int(8, 900)}ms`);
	}
	if (failing > 0) {
		out.push('', '⎯⎯⎯⎯⎯⎯⎯ Failed Tests ' + failing + ' ⎯⎯⎯⎯⎯⎯⎯', '');
		for (let i = 0; i < failing; i++) {
			out.push(
				` FAIL  ${files[0]} > session store > expires sessions after ttl`,
				`AssertionError: expected 'active' to be 'expired' // Object.is equality`,
				'',
				`- Expected`,
				`+ Received`,
				'',
				`- expired`,
				`+ active`,
				'',
				` ❯ ${files[0]}:${rng.int(20, 140)}:${rng.int(5, 30)}`,
				`    ${rng.int(20, 140)}|     vi.advanceTimersByTime(ttl + 1);`,
				`    ${rng.int(20, 140)}|     expect(store.get(id)?.status).toBe('expired');`,
				'       |                                 ^',
				'',
			);
		}
	}
	out.push(
		` Test Files  ${failing > 0 ? '1 failed | ' : ''}${files.length - (failing > 0 ? 1 : 0)} passed (${files.length})`,
		`      Tests  ${failing > 0 ? `${failing} failed | ` : ''}${tests - failing} passed (${tests})`,
		`   Start at  ${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}`,
		`   Duration  ${(rng.int(20, 90) / 10).toFixed(2)}s (transform 412ms, setup 0ms, collect 2.31s, tests ${rng.int(300, 4000)}ms)`,
	);
	return out.join('\n');
}

function logOutput(rng: Rng, bytes: number): string {
	const out: string[] = [];
	let size = 0;
	let t = Date.UTC(2025, 0, 1, 9, 0, 0);
	while (size < bytes) {
		t += rng.int(1, 900);
		const a = rng.pick(NOUNS);
		const line = `${iso(t)} ${rng.pick(['INFO ', 'INFO ', 'DEBUG', 'WARN ', 'INFO '])} [${rng.pick(['http', 'db', 'worker', 'cache', 'auth'])}] ${rng.pick(['GET', 'POST', 'PUT'])} /api/${a}s/${rng.int(1000, 99999)} ${rng.pick([200, 200, 200, 201, 304, 404, 500])} ${rng.int(2, 850)}ms reqId=${rng.hex(12)} ${a}Id=${a}-${rng.int(1, 9999)}`;
		out.push(line);
		size += line.length + 1;
	}
	return out.join('\n');
}

function prose(rng: Rng, sentences: number): string {
	const parts: string[] = [];
	for (let i = 0; i < sentences; i++) {
		const a = rng.pick(NOUNS);
		const b = rng.pick(NOUNS);
		parts.push(
			rng.pick([
				`The ${a} ${rng.pick(VERBS)} path reads the ${b} twice, once in the handler and once in the middleware.`,
				`I'll check the ${a} ${rng.pick(VERBS)} path before touching the ${b} code.`,
				`The failing case is the ${a} expiry: the store compares against the wrong clock.`,
				`Let me look at the ${b} module to see where the ${a} id comes from.`,
				`That matches the stack trace, so the fix belongs in the ${a} store rather than the ${b} route.`,
				`Tests for the ${a} ${rng.pick(VERBS)} flow cover the happy path but not the ${b} edge cases.`,
			]),
		);
	}
	return parts.join(' ');
}

// ---------------------------------------------------------------------------
// Claude Code transcript writer

interface ToolSpec {
	name: string;
	input: Record<string, unknown>;
	/** tool_result content: a string, or MCP/Task style text blocks. */
	content: string | Array<{type: 'text'; text: string}>;
	isError?: boolean;
	/** The `toolUseResult` Claude Code stores beside the result. */
	tur?: unknown;
	id?: string;
	/** Seconds the tool takes to run. */
	secs?: number;
}

interface Reply {
	thinking?: string;
	text?: string;
	tools?: ToolSpec[];
	model?: string;
}

interface ClaudeOpts {
	sessionId: string;
	cwd: string;
	version: string;
	gitBranch: string;
	model: string;
	start: number;
	/** Cache-write TTL of this session's requests. */
	ttl?: '5m' | '1h';
	/** Subagent transcript (every line `isSidechain: true` with `agentId`). */
	agentId?: string;
	/** Old 1.0.x usage shape: only the flat `cache_creation_input_tokens`. */
	flatCacheUsage?: boolean;
	systemTokens?: number;
}

class ClaudeLog {
	readonly lines: string[] = [];
	t: number;
	private parent: string | null = null;
	private cached = 0;
	private pending: number;
	private promptId: string;
	totalOutput = 0;
	toolCount = 0;

	constructor(
		private rng: Rng,
		readonly o: ClaudeOpts,
	) {
		this.t = o.start;
		this.pending = o.systemTokens ?? rng.int(14_000, 22_000);
		this.promptId = rng.uuid();
	}

	get contextTokens(): number {
		return this.cached + this.pending;
	}

	private head(): Record<string, unknown> {
		const h: Record<string, unknown> = {parentUuid: this.parent, isSidechain: Boolean(this.o.agentId)};
		if (this.o.agentId) h.agentId = this.o.agentId;
		h.userType = 'external';
		h.cwd = this.o.cwd;
		h.sessionId = this.o.sessionId;
		h.version = this.o.version;
		h.gitBranch = this.o.gitBranch;
		return h;
	}

	/** Append a line; `tail` fields follow `uuid`/`timestamp`, as Claude Code orders them. */
	private push(line: Record<string, unknown>, tail?: Record<string, unknown>): string {
		const uuid = this.rng.uuid();
		line.uuid = uuid;
		line.timestamp = iso(this.t);
		if (tail) Object.assign(line, tail);
		this.lines.push(JSON.stringify(line));
		this.parent = uuid;
		return uuid;
	}

	raw(line: Record<string, unknown>): void {
		this.lines.push(JSON.stringify(line));
	}

	user(text: string, gapSecs = this.rng.int(15, 240)): void {
		this.t += gapSecs * SEC;
		this.promptId = this.rng.uuid();
		this.pending += tokensOf(text);
		this.push({...this.head(), promptId: this.promptId, type: 'user', message: {role: 'user', content: text}});
	}

	toolId(): string {
		return `toolu_01${this.rng.b62(22)}`;
	}

	/** One API response, written as one line per content block sharing `message.id`. */
	assistant(r: Reply): void {
		const rng = this.rng;
		this.t += rng.int(2, 9) * SEC + rng.int(0, 999);
		const blocks: Array<Record<string, unknown>> = [];
		if (r.thinking) blocks.push({type: 'thinking', thinking: r.thinking, signature: rng.b62(rng.int(300, 900))});
		if (r.text) blocks.push({type: 'text', text: r.text});
		for (const tool of r.tools ?? []) {
			tool.id ??= this.toolId();
			blocks.push({type: 'tool_use', id: tool.id, name: tool.name, input: tool.input});
		}
		const output = blocks.reduce((n, b) => n + tokensOf(JSON.stringify(b.thinking ?? b.text ?? b.input ?? '')), 0) + rng.int(10, 60);
		const write = this.pending;
		const read = this.cached;
		const input = rng.int(1, 9);
		const msgId = `msg_01${rng.b62(22)}`;
		const requestId = `req_011C${rng.b62(18)}`;
		const stop = r.tools?.length ? 'tool_use' : 'end_turn';
		blocks.forEach((block, i) => {
			const last = i === blocks.length - 1;
			const out = last ? output : Math.max(1, Math.round((output * (i + 1)) / (blocks.length * 3)));
			const usage: Record<string, unknown> = {input_tokens: input, cache_creation_input_tokens: write, cache_read_input_tokens: read};
			if (!this.o.flatCacheUsage) {
				usage.cache_creation = {
					ephemeral_5m_input_tokens: this.o.ttl === '1h' ? 0 : write,
					ephemeral_1h_input_tokens: this.o.ttl === '1h' ? write : 0,
				};
			}
			usage.output_tokens = out;
			usage.service_tier = 'standard';
			const line: Record<string, unknown> = {
				...this.head(),
				message: {
					model: r.model ?? this.o.model,
					id: msgId,
					type: 'message',
					role: 'assistant',
					content: [block],
					stop_reason: last ? stop : null,
					stop_sequence: null,
					usage,
				},
				requestId,
				type: 'assistant',
			};
			if (i > 0) this.t += rng.int(40, 1800);
			this.push(line);
		});
		this.cached = read + write;
		this.pending = output;
		this.totalOutput += output;
	}

	/** The tool_result user lines for the tools of the last response. */
	results(tools: readonly ToolSpec[]): void {
		const rng = this.rng;
		const assistantUuid = this.parent;
		for (const tool of tools) {
			this.t += (tool.secs ?? rng.int(0, 2)) * SEC + rng.int(20, 900);
			const block: Record<string, unknown> = {tool_use_id: tool.id, type: 'tool_result', content: tool.content};
			if (tool.isError) block.is_error = true;
			const line: Record<string, unknown> = {...this.head(), promptId: this.promptId, type: 'user', message: {role: 'user', content: [block]}};
			const tail: Record<string, unknown> = {};
			if (tool.tur !== undefined) tail.toolUseResult = tool.tur;
			tail.sourceToolAssistantUUID = assistantUuid;
			this.push(line, tail);
			this.pending += tokensOf(typeof tool.content === 'string' ? tool.content : JSON.stringify(tool.content));
			this.toolCount++;
		}
	}

	turn(r: Reply): void {
		this.assistant(r);
		if (r.tools?.length) this.results(r.tools);
	}

	/** `/compact` (or auto-compact): boundary line plus the continuation summary. */
	compact(trigger: 'auto' | 'manual'): void {
		this.t += this.rng.int(20, 60) * SEC;
		const pre = this.contextTokens;
		const boundary: Record<string, unknown> = {
			...this.head(),
			parentUuid: null,
			logicalParentUuid: this.parent,
			type: 'system',
			subtype: 'compact_boundary',
			content: 'Conversation compacted',
			isMeta: false,
			level: 'info',
			compactMetadata: {trigger, preTokens: pre},
		};
		this.push(boundary);
		const summary = `This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\nAnalysis:\n${prose(this.rng, 14)}\n\nSummary:\n1. Primary Request and Intent: ${prose(this.rng, 4)}\n2. Key Technical Concepts: ${prose(this.rng, 5)}\n3. Files and Code Sections: src/lib/session-store.ts, src/server/routes.ts, test/session-store.test.ts\n4. Pending Tasks: ${prose(this.rng, 2)}`;
		this.t += 2 * SEC;
		this.push({...this.head(), type: 'user', message: {role: 'user', content: summary}, isVisibleInTranscriptOnly: true, isCompactSummary: true});
		this.cached = 0;
		this.pending = this.rng.int(14_000, 18_000) + tokensOf(summary);
	}
}

// ---------------------------------------------------------------------------
// Tool helpers over a per-project file system model

class Workspace {
	private files = new Map<string, string[]>();
	constructor(
		private rng: Rng,
		readonly root: string,
	) {}

	abs(rel: string): string {
		return `${this.root}/${rel}`;
	}

	lines(rel: string, n?: number): string[] {
		let f = this.files.get(rel);
		if (!f) {
			f = codeLines(this.rng, rel, n ?? this.rng.int(60, 320));
			this.files.set(rel, f);
		}
		return f;
	}

	read(rel: string, opts: {offset?: number; limit?: number} = {}): ToolSpec {
		const all = this.lines(rel);
		const from = opts.offset ?? 1;
		const part = all.slice(from - 1, opts.limit ? from - 1 + opts.limit : undefined);
		const input: Record<string, unknown> = {file_path: this.abs(rel)};
		if (opts.offset) input.offset = opts.offset;
		if (opts.limit) input.limit = opts.limit;
		return {
			name: 'Read',
			input,
			content: numbered(part, from),
			tur: {type: 'text', file: {filePath: this.abs(rel), content: part.join('\n'), numLines: part.length, startLine: from, totalLines: all.length}},
		};
	}

	readMissing(rel: string): ToolSpec {
		return {
			name: 'Read',
			input: {file_path: this.abs(rel)},
			content: `<tool_use_error>File does not exist. Current working directory: ${this.root}</tool_use_error>`,
			isError: true,
			tur: 'Error: File does not exist.',
		};
	}

	/** A snippet of `n` lines of the file starting near `at` (0..1). */
	snippet(rel: string, at: number, n: number): string {
		const all = this.lines(rel);
		let start = Math.min(all.length - n - 1, Math.max(2, Math.floor(all.length * at)));
		// Start on a substantial line so the snippet is unique in the file.
		while (start > 2 && all[start]!.length < 24) start--;
		return all.slice(start, start + n).join('\n');
	}

	edit(rel: string, oldString: string, newString: string): ToolSpec {
		const all = this.lines(rel);
		const original = all.join('\n');
		const at = original.indexOf(oldString);
		const updated = at >= 0 ? original.slice(0, at) + newString + original.slice(at + oldString.length) : original;
		const next = updated.split('\n');
		this.files.set(rel, next);
		const lineNo = at >= 0 ? original.slice(0, at).split('\n').length : 1;
		const from = Math.max(1, lineNo - 4);
		const oldLines = oldString.split('\n');
		const newLines = newString.split('\n');
		return {
			name: 'Edit',
			input: {file_path: this.abs(rel), old_string: oldString, new_string: newString},
			content: `The file ${this.abs(rel)} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${numbered(next.slice(from - 1, from - 1 + newLines.length + 8), from)}`,
			tur: {
				filePath: this.abs(rel),
				oldString,
				newString,
				originalFile: original,
				structuredPatch: [
					{
						oldStart: lineNo,
						oldLines: oldLines.length,
						newStart: lineNo,
						newLines: newLines.length,
						lines: [...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)],
					},
				],
				userModified: false,
				replaceAll: false,
			},
		};
	}

	editNotFound(rel: string, oldString: string, newString: string): ToolSpec {
		return {
			name: 'Edit',
			input: {file_path: this.abs(rel), old_string: oldString, new_string: newString},
			content: `<tool_use_error>String to replace not found in file.\nString: ${oldString}</tool_use_error>`,
			isError: true,
			tur: `Error: String to replace not found in file.\nString: ${oldString}`,
		};
	}

	write(rel: string, n: number): ToolSpec {
		const lines = codeLines(this.rng, rel, n);
		this.files.set(rel, lines);
		const content = lines.join('\n');
		return {
			name: 'Write',
			input: {file_path: this.abs(rel), content},
			content: `File created successfully at: ${this.abs(rel)}`,
			tur: {type: 'create', filePath: this.abs(rel), content, structuredPatch: []},
		};
	}

	bash(command: string, description: string, output: string, exit = 0, secs = 1): ToolSpec {
		if (exit !== 0) {
			return {name: 'Bash', input: {command, description}, content: `Exit code ${exit}\n${output}`, isError: true, tur: `Error: Exit code ${exit}\n${output}`, secs};
		}
		return {name: 'Bash', input: {command, description}, content: output, tur: {stdout: output, stderr: '', interrupted: false, isImage: false}, secs};
	}

	grep(pattern: string, rels: readonly string[]): ToolSpec {
		return {
			name: 'Grep',
			input: {pattern, path: this.root, output_mode: 'files_with_matches'},
			content: rels.length ? `Found ${rels.length} file${rels.length === 1 ? '' : 's'}\n${rels.map((r) => this.abs(r)).join('\n')}` : 'No files found',
			tur: {mode: 'files_with_matches', filenames: rels.map((r) => this.abs(r)), numFiles: rels.length},
		};
	}

	glob(pattern: string, rels: readonly string[]): ToolSpec {
		return {
			name: 'Glob',
			input: {pattern},
			content: rels.length ? rels.map((r) => this.abs(r)).join('\n') : 'No files found',
			tur: {filenames: rels.map((r) => this.abs(r)), durationMs: this.rng.int(3, 60), numFiles: rels.length, truncated: false},
		};
	}
}

function mcp(server: string, tool: string, input: Record<string, unknown>, text: string, isError = false): ToolSpec {
	const content = [{type: 'text' as const, text}];
	return {name: `mcp__${server}__${tool}`, input, content, isError: isError || undefined, tur: content};
}

function todo(items: readonly string[], done: number): ToolSpec {
	const todos = items.map((content, i) => ({
		content,
		status: i < done ? 'completed' : i === done ? 'in_progress' : 'pending',
		activeForm: content.replace(/^(\w+)/, (w) => `${w.replace(/e$/, '')}ing`),
	}));
	return {
		name: 'TodoWrite',
		input: {todos},
		content: 'Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable',
		tur: {oldTodos: [], newTodos: todos},
	};
}

function githubPr(rng: Rng, repo: string, n: number): string {
	return JSON.stringify(
		{
			number: n,
			title: `Fix session expiry in ${rng.pick(NOUNS)} store`,
			state: 'open',
			user: {login: 'dev'},
			body: prose(rng, 6),
			head: {ref: `fix/session-expiry-${n}`, sha: rng.hex(40)},
			base: {ref: 'main', sha: rng.hex(40)},
			mergeable: true,
			comments: rng.int(0, 9),
			review_comments: rng.int(0, 14),
			additions: rng.int(10, 400),
			deletions: rng.int(2, 120),
			changed_files: rng.int(1, 12),
			html_url: `https://github.com/acme/${repo}/pull/${n}`,
		},
		null,
		2,
	);
}

function context7Docs(rng: Rng, topic: string, bytes: number): string {
	const out = [`TITLE: ${topic} in Vitest`, 'DESCRIPTION: ' + prose(rng, 2), 'SOURCE: https://github.com/vitest-dev/vitest/blob/main/docs/guide/mocking.md', '', 'LANGUAGE: typescript', 'CODE:', '```'];
	let size = 0;
	while (size < bytes) {
		const a = rng.pick(NOUNS);
		const chunk = [
			`import {vi, expect, test} from 'vitest'`,
			`const ${a}Spy = vi.spyOn(${a}Service, '${rng.pick(VERBS)}')`,
			`test('${a} uses fake timers', () => {`,
			`  vi.useFakeTimers()`,
			`  vi.advanceTimersByTime(${rng.int(1, 60) * 1000})`,
			`  expect(${a}Spy).toHaveBeenCalledTimes(${rng.int(1, 4)})`,
			`})`,
			'```',
			'',
			'----------------------------------------',
			'',
			`TITLE: ${cap(rng.pick(VERBS))} ${a} mocks`,
			'DESCRIPTION: ' + prose(rng, 2),
			'LANGUAGE: typescript',
			'CODE:',
			'```',
		].join('\n');
		out.push(chunk);
		size += chunk.length;
	}
	out.push('```');
	return out.join('\n');
}

// ---------------------------------------------------------------------------
// Claude Code sessions

function encodeProject(cwd: string): string {
	return cwd.replace(/[/.]/g, '-');
}

function claudePath(dirs: DemoDirs, cwd: string, sessionId: string): string {
	return join(dirs.claudeConfigDir, 'projects', encodeProject(cwd), `${sessionId}.jsonl`);
}

function saveClaude(dirs: DemoDirs, log: ClaudeLog): void {
	writeJsonl(claudePath(dirs, log.o.cwd, log.o.sessionId), log.lines, log.t);
}

function snapshotLine(rng: Rng, t: number): Record<string, unknown> {
	const id = rng.uuid();
	return {type: 'file-history-snapshot', messageId: id, snapshot: {messageId: id, trackedFileBackups: {}, timestamp: iso(t)}, isSnapshotUpdate: false};
}

/** Feature work on the app with a retry loop on `npm test` and GitHub MCP calls (last 24 h). */
function claudeRetryLoop(dirs: DemoDirs, rng: Rng, start: number): void {
	const ws = new Workspace(rng, APP);
	const log = new ClaudeLog(rng, {sessionId: rng.uuid(), cwd: APP, version: '2.1.118', gitBranch: 'fix/session-expiry', model: 'claude-sonnet-4-5', start});
	log.raw(snapshotLine(rng, start));
	log.user('Sessions are not expiring after the TTL. PR #214 has the bug report — can you look at it and fix the session store? Run the tests when done.', 0);
	log.turn({
		thinking: prose(rng, 3),
		text: "I'll start by reading the bug report on the PR.",
		tools: [mcp('github', 'get_pull_request', {owner: 'acme', repo: 'app', pull_number: 214}, githubPr(rng, 'app', 214))],
	});
	log.turn({tools: [mcp('github', 'get_pull_request_comments', {owner: 'acme', repo: 'app', pull_number: 214}, JSON.stringify(Array.from({length: 4}, () => ({user: {login: rng.pick(['dev', 'alice', 'bob'])}, body: prose(rng, 3), path: 'src/lib/session-store.ts', line: rng.int(20, 200)})), null, 2))]});
	log.turn({text: 'Let me find the session store and its tests.', tools: [ws.grep('expiresAt', ['src/lib/session-store.ts', 'src/server/routes.ts', 'test/session-store.test.ts']), ws.glob('src/lib/**/*.ts', ['src/lib/session-store.ts', 'src/lib/auth.ts', 'src/lib/cache.ts', 'src/lib/logger.ts'])]});
	log.turn({tools: [ws.read('src/lib/session-store.ts'), ws.read('test/session-store.test.ts')]});
	log.turn({thinking: prose(rng, 4), tools: [ws.read('src/lib/cache.ts')]});
	const tests = ['test/session-store.test.ts', 'test/routes.test.ts', 'test/auth.test.ts', 'test/cache.test.ts'];
	const fix1Old = ws.snippet('src/lib/session-store.ts', 0.4, 3);
	log.turn({text: 'The store compares `expiresAt` against the cached clock. Switching it to `Date.now()`.', tools: [ws.edit('src/lib/session-store.ts', fix1Old, fix1Old.replace(/\t/, '\t// expire against the wall clock\n\t'))]});
	// The retry loop: the same failing `npm test`, three times in a row.
	for (let i = 0; i < 3; i++) {
		log.turn({
			text: i === 0 ? 'Running the tests.' : i === 1 ? 'Still failing; running again to rule out a flaky timer.' : 'Once more with the same command.',
			tools: [ws.bash('npm test', 'Run the test suite', vitestOutput(rng, tests, 1), 1, rng.int(6, 14))],
		});
	}
	log.turn({thinking: prose(rng, 5), text: 'The test uses fake timers, so `Date.now()` is mocked too. The store needs the injected clock.', tools: [ws.read('src/lib/session-store.ts', {offset: 40, limit: 60})]});
	const fix2Old = ws.snippet('src/lib/session-store.ts', 0.55, 2);
	log.turn({tools: [ws.edit('src/lib/session-store.ts', fix2Old, `${fix2Old}\n\tconst now = this.clock.now();`)]});
	log.turn({tools: [ws.bash('npm test', 'Run the test suite', vitestOutput(rng, tests, 0), 0, rng.int(6, 12))]});
	log.turn({tools: [ws.bash('git diff --stat', 'Show changed files', ' src/lib/session-store.ts | 6 ++++--\n 1 file changed, 4 insertions(+), 2 deletions(-)')]});
	log.turn({tools: [mcp('github', 'add_issue_comment', {owner: 'acme', repo: 'app', issue_number: 214, body: 'Fixed: the store now uses the injected clock; tests pass.'}, JSON.stringify({id: rng.int(1e9, 2e9), html_url: 'https://github.com/acme/app/pull/214#issuecomment-1'}))]});
	log.turn({text: 'Fixed. The session store now reads the injected clock, so expiry works under fake timers and in production. All tests pass and I left a note on PR #214.'});
	saveClaude(dirs, log);
}

/** A session that spawns an Explore subagent (transcript in `subagents/`), on Opus. */
function claudeWithSubagent(dirs: DemoDirs, rng: Rng, start: number): void {
	const ws = new Workspace(rng, APP);
	const sessionId = rng.uuid();
	const log = new ClaudeLog(rng, {sessionId, cwd: APP, version: '2.1.118', gitBranch: 'main', model: 'claude-opus-4-7', start, ttl: '1h'});
	log.raw(snapshotLine(rng, start));
	log.user('How does authentication flow from the login route to the session store? I want to add refresh tokens.', 0);
	const task: ToolSpec = {
		name: 'Task',
		id: log.toolId(),
		input: {
			description: 'Map the auth flow',
			prompt: 'Trace how a login request flows from src/server/routes.ts through src/lib/auth.ts to the session store. List every file and function involved, and where tokens are created and validated. Report in under 300 words.',
			subagent_type: 'Explore',
		},
		content: '',
	};
	log.assistant({thinking: prose(rng, 3), text: "I'll have an explore agent map the auth flow while I read the routes.", tools: [task]});

	// The subagent transcript.
	const agentId = `a${rng.hex(16)}`;
	const sub = new ClaudeLog(rng, {sessionId, cwd: APP, version: '2.1.118', gitBranch: 'main', model: 'claude-haiku-4-5', start: log.t, agentId, systemTokens: rng.int(6000, 9000)});
	sub.user(String(task.input.prompt), 0);
	sub.turn({tools: [ws.grep('login|refresh', ['src/server/routes.ts', 'src/lib/auth.ts', 'src/lib/session-store.ts'])]});
	sub.turn({tools: [ws.read('src/server/routes.ts'), ws.read('src/lib/auth.ts')]});
	sub.turn({tools: [ws.read('src/lib/session-store.ts'), ws.glob('src/**/*token*', ['src/lib/token.ts'])]});
	sub.turn({tools: [ws.read('src/lib/token.ts')]});
	const report = `## Auth flow\n\n1. \`POST /login\` in src/server/routes.ts calls \`validateUser\` (src/lib/auth.ts).\n2. \`createSession\` in src/lib/session-store.ts stores the session with a TTL.\n3. \`signToken\` in src/lib/token.ts issues a JWT; there is no refresh token.\n4. \`requireAuth\` middleware validates the JWT on every request.\n\n${prose(rng, 6)}`;
	sub.turn({text: report});
	writeJsonl(join(dirs.claudeConfigDir, 'projects', encodeProject(APP), sessionId, 'subagents', `agent-${agentId}.jsonl`), sub.lines, sub.t);
	writeJson(join(dirs.claudeConfigDir, 'projects', encodeProject(APP), sessionId, 'subagents', `agent-${agentId}.meta.json`), {agentType: 'Explore', description: 'Map the auth flow', toolUseId: task.id});

	log.t = sub.t;
	task.content = [{type: 'text', text: report}];
	task.tur = {status: 'completed', agentId, prompt: task.input.prompt, content: [{type: 'text', text: report}], totalDurationMs: sub.t - sub.o.start, totalTokens: sub.totalOutput + sub.contextTokens, totalToolUseCount: sub.toolCount};
	log.results([task]);
	log.turn({thinking: prose(rng, 4), tools: [ws.read('src/lib/token.ts'), ws.read('src/lib/auth.ts')]});
	log.turn({text: 'Here is the plan for refresh tokens.', tools: [ws.write('src/lib/refresh-token.ts', 90)]});
	const old = ws.snippet('src/server/routes.ts', 0.3, 2);
	log.turn({tools: [ws.edit('src/server/routes.ts', old, `${old}\n\trouter.post('/refresh', refreshHandler);`)]});
	log.turn({tools: [ws.bash('npx tsc --noEmit', 'Type-check', '', 0, 4)]});
	log.turn({text: `Added \`src/lib/refresh-token.ts\` and a \`POST /refresh\` route. ${prose(rng, 2)}`});
	saveClaude(dirs, log);
}

/** API work: a failure run across tools, then an edit that is reverted. */
function claudeFailureRun(dirs: DemoDirs, rng: Rng, start: number): void {
	const ws = new Workspace(rng, API);
	const log = new ClaudeLog(rng, {sessionId: rng.uuid(), cwd: API, version: '2.1.97', gitBranch: 'feat/bulk-orders', model: 'claude-sonnet-4-5', start});
	log.raw(snapshotLine(rng, start));
	log.user('Add a bulk endpoint for orders: POST /orders/bulk taking up to 100 orders.', 0);
	log.turn({thinking: prose(rng, 3), tools: [ws.glob('src/handlers/*.ts', ['src/handlers/orders.ts', 'src/handlers/invoices.ts', 'src/handlers/health.ts'])]});
	log.turn({tools: [ws.read('src/handlers/orders.ts'), ws.read('src/db/schema.ts')]});
	// Failure run: three consecutive failures on different tools.
	log.turn({text: 'Checking the existing validator.', tools: [ws.readMissing('src/validators/orders.ts')]});
	log.turn({tools: [ws.editNotFound('src/handlers/orders.ts', 'export async function createOrder(req, res) {', 'export async function createOrders(req, res) {')]});
	log.turn({tools: [ws.bash('npx tsc --noEmit', 'Type-check the project', `src/handlers/orders.ts(${rng.int(20, 90)},${rng.int(3, 30)}): error TS2339: Property 'bulk' does not exist on type 'OrderService'.\nsrc/handlers/orders.ts(${rng.int(90, 140)},${rng.int(3, 30)}): error TS2345: Argument of type 'Order[]' is not assignable to parameter of type 'Order'.\n\nFound 2 errors in the same file, starting at: src/handlers/orders.ts:${rng.int(20, 90)}`, 2, 5)]});
	log.turn({tools: [mcp('github', 'get_file_contents', {owner: 'acme', repo: 'api', path: 'src/validators/orders.ts', branch: 'main'}, 'MCP error -32603: Not Found: resource does not exist (404)', true)]});
	log.turn({thinking: prose(rng, 4), text: 'There is no validator module; I will add the batch method to the service first.', tools: [ws.read('src/services/orders.ts')]});
	const a = ws.snippet('src/services/orders.ts', 0.35, 3);
	const b = `${a}\n\tconst batch = await db.orders.insertMany(orders, {ordered: false});`;
	log.turn({tools: [ws.edit('src/services/orders.ts', a, b)]});
	log.turn({tools: [ws.bash('npm test -- test/orders.test.ts', 'Run order tests', vitestOutput(rng, ['test/orders.test.ts'], 2, API), 1, 6)]});
	// Edit revert: undo the previous edit exactly.
	log.turn({text: 'That broke the single-order path. Reverting the service change and doing it in the handler instead.', tools: [ws.edit('src/services/orders.ts', b, a)]});
	const h = ws.snippet('src/handlers/orders.ts', 0.6, 2);
	log.turn({tools: [ws.edit('src/handlers/orders.ts', h, `${h}\n\tif (orders.length > 100) return res.status(413).json({error: 'too many orders'});`)]});
	log.turn({tools: [ws.bash('npm test -- test/orders.test.ts', 'Run order tests', vitestOutput(rng, ['test/orders.test.ts'], 0, API), 0, 5)]});
	log.turn({text: 'POST /orders/bulk is in place with a 100-order limit; order tests pass.'});
	saveClaude(dirs, log);
}

/** Debugging a build with an oversized Bash output (~60 kB) and Context7 docs lookups. */
function claudeOversized(dirs: DemoDirs, rng: Rng, start: number): void {
	const ws = new Workspace(rng, API);
	const log = new ClaudeLog(rng, {sessionId: rng.uuid(), cwd: API, version: '2.1.97', gitBranch: 'main', model: 'claude-sonnet-4-5', start});
	log.user('The dev server logs show intermittent 500s on /api/invoices. Find out why.', 0);
	log.turn({text: 'Looking at the server log first.', tools: [ws.bash('cat logs/dev-server.log', 'Show the dev server log', logOutput(rng, 60_000), 0, 1)]});
	log.turn({thinking: prose(rng, 5), tools: [ws.bash("grep -c ' 500 ' logs/dev-server.log", 'Count 500 responses', String(rng.int(40, 90)))]});
	log.turn({tools: [ws.read('src/handlers/invoices.ts'), ws.read('src/services/billing.ts')]});
	log.turn({tools: [mcp('context7', 'resolve-library-id', {libraryName: 'vitest'}, `Available Libraries (top matches):\n\n- Title: Vitest\n- Context7-compatible library ID: /vitest-dev/vitest\n- Description: Next generation testing framework powered by Vite.\n- Code Snippets: 1893\n- Trust Score: 9.7`)]});
	log.turn({tools: [mcp('context7', 'get-library-docs', {context7CompatibleLibraryID: '/vitest-dev/vitest', topic: 'mocking timers', tokens: 5000}, context7Docs(rng, 'Mocking timers', 16_000))]});
	const old = ws.snippet('src/services/billing.ts', 0.5, 2);
	log.turn({tools: [ws.edit('src/services/billing.ts', old, `${old}\n\tif (!invoice.customerId) return null;`)]});
	log.turn({tools: [ws.write('test/billing.test.ts', 60)]});
	log.turn({tools: [ws.bash('npm test -- test/billing.test.ts', 'Run billing tests', vitestOutput(rng, ['test/billing.test.ts'], 0, API), 0, 5)]});
	log.turn({text: `The 500s come from invoices without a customer. ${prose(rng, 2)}`});
	saveClaude(dirs, log);
}

/** A long refactoring session that compacts once. */
function claudeCompaction(dirs: DemoDirs, rng: Rng, start: number): void {
	const ws = new Workspace(rng, APP);
	const log = new ClaudeLog(rng, {sessionId: rng.uuid(), cwd: APP, version: '2.1.84', gitBranch: 'refactor/store', model: 'claude-sonnet-4-5', start});
	log.user('Refactor the session store into a class with an injectable clock and cache, and update every caller.', 0);
	const files = ['src/lib/session-store.ts', 'src/server/routes.ts', 'src/lib/auth.ts', 'src/lib/cache.ts', 'src/hooks/useSession.ts', 'src/components/Dashboard.tsx', 'src/lib/token.ts', 'test/session-store.test.ts'];
	const items = ['Extract SessionStore class', 'Inject clock and cache', 'Update route handlers', 'Update hooks and components', 'Fix tests'];
	log.turn({thinking: prose(rng, 4), tools: [todo(items, 0)]});
	for (let round = 0; round < 3; round++) {
		for (const f of files) {
			log.turn({tools: [ws.read(f)]});
			if (rng.chance(0.6)) {
				const s = ws.snippet(f, rng.next() * 0.8, 2);
				log.turn({tools: [ws.edit(f, s, s.replace(/const /, 'let '))]});
			}
		}
		log.turn({tools: [todo(items, round + 1)]});
		if (round === 1) {
			log.user('<command-name>/compact</command-name>\n<command-message>compact</command-message>\n<command-args></command-args>');
			log.compact('manual');
		}
	}
	log.turn({tools: [ws.bash('npm test', 'Run the test suite', vitestOutput(rng, ['test/session-store.test.ts', 'test/routes.test.ts', 'test/auth.test.ts'], 0), 0, 9)]});
	log.turn({text: 'The store is now a class with injected clock and cache; all callers are updated and tests pass.'});
	saveClaude(dirs, log);
}

/** Small, ordinary sessions that fill the history. */
function claudeSmall(dirs: DemoDirs, rng: Rng, start: number, cwd: string, model: string, opts: {version: string; ttl?: '5m' | '1h'; flat?: boolean}): void {
	const ws = new Workspace(rng, cwd);
	const log = new ClaudeLog(rng, {sessionId: rng.uuid(), cwd, version: opts.version, gitBranch: 'main', model, start, ttl: opts.ttl, flatCacheUsage: opts.flat});
	const files = cwd === APP ? ['src/components/Dashboard.tsx', 'src/hooks/useSession.ts', 'src/server/routes.ts', 'package.json'] : ['src/handlers/orders.ts', 'src/db/schema.ts', 'src/middleware/auth.ts', 'src/services/billing.ts'];
	log.user(rng.pick(['Why is the dashboard slow to load?', 'Add pagination to the list endpoint.', 'Bump the dependencies and fix what breaks.', 'Write tests for the auth middleware.', 'Explain how billing retries work.']), 0);
	const turns = rng.int(4, 10);
	for (let i = 0; i < turns; i++) {
		const f = rng.pick(files);
		switch (rng.int(0, 5)) {
			case 0:
			case 1:
				log.turn({thinking: rng.chance(0.4) ? prose(rng, 2) : undefined, tools: [ws.read(f)]});
				break;
			case 2:
				log.turn({tools: [ws.grep(rng.pick(NOUNS) + 'Id', files.slice(0, rng.int(1, 3)))]});
				break;
			case 3: {
				const s = ws.snippet(f, rng.next() * 0.8, 2);
				log.turn({tools: [ws.edit(f, s, `${s}\n\t// ${prose(rng, 1)}`)]});
				break;
			}
			case 4:
				log.turn({tools: [ws.bash(rng.pick(['git status', 'git log --oneline -10', 'npm run lint', 'ls -la src']), 'Inspect the repository', logOutput(rng, rng.int(200, 3000)).replace(/^\S+ /gm, ''))]});
				break;
			default:
				log.turn({tools: [ws.bash('npm test', 'Run the test suite', vitestOutput(rng, ['test/handlers.test.ts', 'test/services.test.ts'], 0, cwd), 0, 7)]});
		}
	}
	log.turn({text: prose(rng, 3)});
	saveClaude(dirs, log);
}

// ---------------------------------------------------------------------------
// Codex rollouts

interface CodexCall {
	kind: 'exec' | 'shell' | 'patch';
	cmd?: string;
	patchFile?: string;
	output: string;
	exit?: number;
	secs?: number;
}

class CodexLog {
	readonly lines: string[] = [];
	t: number;
	readonly id: string;
	private ctx: number;
	private total = {input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0};
	private first = true;

	constructor(
		private rng: Rng,
		readonly cwd: string,
		readonly model: string,
		readonly start: number,
		readonly version: string,
	) {
		this.t = start;
		this.id = rngUuidV7(rng, start);
		this.ctx = rng.int(9000, 13000);
		this.line('session_meta', {
			id: this.id,
			timestamp: iso(start),
			cwd,
			originator: 'codex_cli_rs',
			cli_version: version,
			source: 'cli',
			model_provider: 'openai',
			base_instructions: {text: 'You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user\'s goals.'},
			git: {commit_hash: rng.hex(40), branch: 'main', repository_url: `git@github.com:acme/${cwd.split('/').pop()}.git`},
		});
	}

	private line(type: string, payload: Record<string, unknown>): void {
		this.lines.push(JSON.stringify({timestamp: iso(this.t), type, payload}));
	}

	private tick(lo: number, hi: number): void {
		this.t += this.rng.int(lo, hi);
	}

	private request(pendingTokens: number): void {
		const rng = this.rng;
		const input = this.ctx + pendingTokens;
		const cached = Math.floor(this.ctx / 256) * 256;
		const output = rng.int(60, 900);
		const reasoning = Math.floor(output * rng.next() * 0.7);
		const last = {input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output};
		this.total.input_tokens += input;
		this.total.cached_input_tokens += cached;
		this.total.output_tokens += output;
		this.total.reasoning_output_tokens += reasoning;
		this.total.total_tokens += input + output;
		this.ctx = input + output;
		this.tick(200, 800);
		this.line('event_msg', {
			type: 'token_count',
			info: {total_token_usage: {...this.total}, last_token_usage: last, model_context_window: 258400},
			rate_limits: {primary: {used_percent: rng.int(5, 60), window_minutes: 300, resets_at: Math.floor(this.t / 1000) + rng.int(600, 18000)}, secondary: {used_percent: rng.int(1, 30), window_minutes: 10080, resets_at: Math.floor(this.t / 1000) + 400000}},
		});
	}

	task(prompt: string, calls: readonly CodexCall[], answer: string, gapSecs: number): void {
		const rng = this.rng;
		this.t += gapSecs * SEC;
		const turnId = rngUuidV7(rng, this.t);
		const taskStart = this.t;
		this.line('turn_context', {turn_id: turnId, cwd: this.cwd, approval_policy: 'on-request', sandbox_policy: {type: 'workspace-write', network_access: false}, model: this.model, effort: 'medium', summary: 'auto'});
		this.tick(5, 30);
		this.line('event_msg', {type: 'task_started', turn_id: turnId, started_at: Math.floor(this.t / 1000), model_context_window: 258400});
		if (this.first) {
			this.line('response_item', {type: 'message', role: 'user', content: [{type: 'input_text', text: `<environment_context>\n  <cwd>${this.cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>`}]});
			this.first = false;
		}
		this.line('response_item', {type: 'message', role: 'user', content: [{type: 'input_text', text: prompt}]});
		this.line('event_msg', {type: 'user_message', message: prompt, images: [], local_images: [], text_elements: []});
		this.line('event_msg', {type: 'token_count', info: null, rate_limits: null});
		let pending = tokensOf(prompt);
		for (const call of calls) {
			this.tick(1500, 9000);
			this.line('response_item', {type: 'reasoning', summary: [{type: 'summary_text', text: `**${rng.pick(['Inspecting the handler', 'Reading the service code', 'Checking the test output', 'Planning the patch', 'Verifying the change'])}**`}], content: null, encrypted_content: rng.b62(rng.int(400, 1600))});
			const callId = `call_${rng.b62(24)}`;
			if (call.kind === 'patch') {
				const file = call.patchFile!;
				const input = `*** Begin Patch\n*** Update File: ${file}\n@@\n-${codeLines(rng, file, 2).join('\n-')}\n+${codeLines(rng, file, 3).join('\n+')}\n*** End Patch\n`;
				this.line('response_item', {type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch', input});
				this.request(pending);
				this.tick(100, 600);
				const ok = (call.exit ?? 0) === 0;
				this.line('event_msg', {type: 'patch_apply_end', call_id: callId, turn_id: turnId, stdout: ok ? `Success. Updated the following files:\nM ${file}\n` : '', stderr: ok ? '' : call.output, success: ok, changes: {[`${this.cwd}/${file}`]: {type: 'update', unified_diff: input.split('\n').slice(2, -2).join('\n'), move_path: null}}});
				this.line('response_item', {type: 'custom_tool_call_output', call_id: callId, output: JSON.stringify({output: ok ? `Success. Updated the following files:\nM ${file}\n` : call.output, metadata: {exit_code: ok ? 0 : 1, duration_seconds: 0}})});
				pending = rng.int(40, 120);
				continue;
			}
			const exit = call.exit ?? 0;
			if (call.kind === 'exec') {
				this.line('response_item', {type: 'function_call', name: 'exec_command', arguments: JSON.stringify({cmd: call.cmd, workdir: this.cwd, yield_time_ms: 10000}), call_id: callId});
			} else {
				this.line('response_item', {type: 'function_call', name: 'shell', arguments: JSON.stringify({command: ['bash', '-lc', call.cmd], workdir: this.cwd, timeout_ms: 120000}), call_id: callId});
			}
			this.request(pending);
			this.t += (call.secs ?? 1) * SEC + rng.int(10, 900);
			this.line('event_msg', {type: 'exec_command_end', call_id: callId, turn_id: turnId, command: ['bash', '-lc', call.cmd], cwd: this.cwd, exit_code: exit, duration: {secs: call.secs ?? 1, nanos: rng.int(0, 999999999)}, formatted_output: call.output.slice(0, 2000)});
			const output =
				call.kind === 'exec'
					? `Chunk ID: ${rng.hex(6)}\nWall time: ${(call.secs ?? 1).toFixed(4)} seconds\nProcess exited with code ${exit}\nOriginal token count: ${tokensOf(call.output)}\nOutput:\n${call.output}`
					: JSON.stringify({output: call.output, metadata: {exit_code: exit, duration_seconds: call.secs ?? 1}});
			this.line('response_item', {type: 'function_call_output', call_id: callId, output});
			pending = tokensOf(output);
		}
		this.tick(1500, 8000);
		this.line('event_msg', {type: 'agent_message', message: answer, phase: 'final_answer'});
		this.line('response_item', {type: 'message', role: 'assistant', content: [{type: 'output_text', text: answer}], phase: 'final_answer'});
		this.request(pending);
		this.tick(10, 80);
		this.line('event_msg', {type: 'task_complete', turn_id: turnId, last_agent_message: answer, duration_ms: this.t - taskStart, time_to_first_token_ms: rng.int(800, 4000)});
	}

	save(dirs: DemoDirs): void {
		const d = new Date(this.start);
		const y = String(d.getUTCFullYear());
		const m = String(d.getUTCMonth() + 1).padStart(2, '0');
		const day = String(d.getUTCDate()).padStart(2, '0');
		const stamp = iso(this.start).slice(0, 19).replace(/:/g, '-');
		writeJsonl(join(dirs.codexHome, 'sessions', y, m, day, `rollout-${stamp}-${this.id}.jsonl`), this.lines, this.t);
	}
}

/** A UUIDv7-shaped id (time-ordered), as Codex uses for sessions and turns. */
function rngUuidV7(rng: Rng, ms: number): string {
	const h = Math.floor(ms).toString(16).padStart(12, '0') + '7' + rng.hex(3) + '89ab'[rng.int(0, 3)] + rng.hex(15);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function codexSessions(dirs: DemoDirs, rng: Rng, now: number): void {
	const ws = (cwd: string) => new Workspace(rng, cwd);

	// Recent gpt-5.5 session on the API with exec_command and apply_patch (last 24 h).
	{
		const w = ws(API);
		const c = new CodexLog(rng, API, 'gpt-5.5', now - 3 * HOUR, '0.128.0');
		c.task(
			'The invoice PDF endpoint times out for large invoices. Investigate and fix.',
			[
				{kind: 'exec', cmd: 'rg -n "renderPdf" src', output: 'src/handlers/invoices.ts:42:  const pdf = await renderPdf(invoice);\nsrc/services/pdf.ts:8:export async function renderPdf(invoice: Invoice) {'},
				{kind: 'exec', cmd: "sed -n '1,200p' src/services/pdf.ts", output: w.lines('src/services/pdf.ts', 180).join('\n')},
				{kind: 'exec', cmd: 'npm test -- test/pdf.test.ts', output: vitestOutput(rng, ['test/pdf.test.ts'], 1, API), exit: 1, secs: 7},
				{kind: 'patch', patchFile: 'src/services/pdf.ts', output: ''},
				{kind: 'exec', cmd: 'npm test -- test/pdf.test.ts', output: vitestOutput(rng, ['test/pdf.test.ts'], 0, API), secs: 6},
			],
			'The PDF renderer loaded every line item synchronously; it now streams pages. The pdf tests pass.',
			0,
		);
		c.task('Also add a timeout guard around renderPdf.', [{kind: 'patch', patchFile: 'src/handlers/invoices.ts', output: ''}, {kind: 'exec', cmd: 'npx tsc --noEmit', output: '', secs: 4}], 'Added a 20 s timeout with a 504 response.', 95);
		c.save(dirs);
	}
	// gpt-5.4 on the app with the older `shell` tool (last 7 days).
	{
		const c = new CodexLog(rng, APP, 'gpt-5.4', now - 3 * DAY - 5 * HOUR, '0.116.0');
		c.task(
			'Upgrade vite to v7 and fix the build.',
			[
				{kind: 'shell', cmd: 'npm install vite@7 --save-dev', output: 'added 12 packages, changed 31 packages, and audited 812 packages in 9s\n\n143 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities', secs: 9},
				{kind: 'shell', cmd: 'npm run build', output: logOutput(rng, 6000), exit: 1, secs: 12},
				{kind: 'patch', patchFile: 'vite.config.ts', output: ''},
				{kind: 'shell', cmd: 'npm run build', output: logOutput(rng, 3000), secs: 11},
			],
			'Vite 7 is in; the config used the removed `build.polyfillModulePreload` option, now `build.modulePreload`.',
			0,
		);
		c.save(dirs);
	}
	// Two older ones (30 d and 90 d windows).
	{
		const c = new CodexLog(rng, API, 'gpt-5.4', now - 18 * DAY - 2 * HOUR, '0.110.0');
		c.task('Add an index on orders.customer_id and a migration.', [{kind: 'shell', cmd: 'ls migrations', output: '0001_init.sql\n0002_invoices.sql\n0003_webhooks.sql'}, {kind: 'patch', patchFile: 'migrations/0004_orders_customer_idx.sql', output: ''}, {kind: 'shell', cmd: 'npm run migrate', output: 'Applying 0004_orders_customer_idx.sql ... done', secs: 3}], 'Migration 0004 adds the index.', 0);
		c.save(dirs);
	}
	{
		const c = new CodexLog(rng, APP, 'gpt-5.5', now - 50 * DAY - 7 * HOUR, '0.104.0');
		c.task('Why does the dashboard render twice on load?', [{kind: 'exec', cmd: 'rg -n "useEffect" src/components/Dashboard.tsx', output: 'src/components/Dashboard.tsx:31:  useEffect(() => {\nsrc/components/Dashboard.tsx:58:  useEffect(() => {'}, {kind: 'exec', cmd: "sed -n '1,140p' src/components/Dashboard.tsx", output: ws(APP).lines('src/components/Dashboard.tsx', 140).join('\n')}], 'StrictMode double-invokes effects in development; production renders once.', 0);
		c.save(dirs);
	}
}

// ---------------------------------------------------------------------------
// OpenCode JSON storage tree

class OpenCodeTree {
	private counter = 0;
	constructor(
		private rng: Rng,
		private root: string,
	) {}

	/** Ascending ids like OpenCode's: time-ordered hex then random base62. */
	id(prefix: 'ses' | 'msg' | 'prt', ms: number): string {
		const n = BigInt(Math.floor(ms)) * 4096n + BigInt(this.counter++ % 4096);
		return `${prefix}_${n.toString(16).padStart(12, '0').slice(-12)}${this.rng.b62(14)}`;
	}

	session(projectID: string, s: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'session', projectID, `${String(s.id)}.json`), s);
	}

	message(m: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'message', String(m.sessionID), `${String(m.id)}.json`), m);
	}

	part(p: Record<string, unknown>): void {
		writeJson(join(this.root, 'storage', 'part', String(p.messageID), `${String(p.id)}.json`), p);
	}
}

interface OcTool {
	tool: 'read' | 'edit' | 'bash' | 'grep' | 'task';
	input: Record<string, unknown>;
	output: string;
	title: string;
	exit?: number;
	metadata?: Record<string, unknown>;
}

class OpenCodeSession {
	t: number;
	readonly id: string;
	private cached = 0;
	private pending: number;
	private lastUser = '';
	private meta: Record<string, unknown>;
	updated: number;

	constructor(
		private rng: Rng,
		private tree: OpenCodeTree,
		readonly projectID: string,
		readonly cwd: string,
		readonly model: string,
		start: number,
		title: string,
		parentID?: string,
	) {
		this.t = start;
		this.updated = start;
		this.id = tree.id('ses', start);
		this.pending = rng.int(9000, 14000);
		this.meta = {id: this.id, version: '0.15.8', projectID, directory: cwd, ...(parentID ? {parentID} : {}), title, time: {created: start, updated: start}};
	}

	user(text: string, gapSecs: number): void {
		this.t += gapSecs * SEC;
		const id = this.tree.id('msg', this.t);
		this.lastUser = id;
		this.tree.message({id, sessionID: this.id, role: 'user', time: {created: this.t}, agent: 'build', model: {providerID: 'anthropic', modelID: this.model}});
		this.tree.part({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'text', text});
		this.pending += tokensOf(text);
	}

	assistant(text: string | undefined, tools: readonly OcTool[]): void {
		const rng = this.rng;
		this.t += rng.int(2, 8) * SEC;
		const created = this.t;
		const id = this.tree.id('msg', created);
		const parts: Array<Record<string, unknown>> = [{id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'step-start', snapshot: rng.hex(40)}];
		if (text) {
			this.t += rng.int(300, 2500);
			parts.push({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'text', text, time: {start: this.t - 300, end: this.t}});
		}
		let resultTokens = 0;
		for (const tool of tools) {
			const startT = (this.t += rng.int(200, 1500));
			this.t += rng.int(50, 3000);
			parts.push({
				id: this.tree.id('prt', startT),
				sessionID: this.id,
				messageID: id,
				type: 'tool',
				callID: `toolu_01${rng.b62(22)}`,
				tool: tool.tool,
				state: {status: 'completed', input: tool.input, output: tool.output, title: tool.title, metadata: {...(tool.tool === 'bash' ? {exit: tool.exit ?? 0, description: tool.title} : {}), ...tool.metadata}, time: {start: startT, end: this.t}},
			});
			resultTokens += tokensOf(tool.output);
		}
		const output = rng.int(40, 500) + (text ? tokensOf(text) : 0) + tools.reduce((n, x) => n + tokensOf(JSON.stringify(x.input)), 0);
		const reasoning = rng.chance(0.3) ? rng.int(20, 300) : 0;
		const tokens = {input: rng.int(2, 12), output, reasoning, cache: {read: this.cached, write: this.pending}};
		const cost = (tokens.input * 3 + output * 15 + this.cached * 0.3 + this.pending * 3.75) / 1e6;
		const finish = tools.length ? 'tool-calls' : 'stop';
		parts.push({id: this.tree.id('prt', this.t), sessionID: this.id, messageID: id, type: 'step-finish', reason: finish, snapshot: rng.hex(40), cost, tokens});
		this.tree.message({
			id,
			sessionID: this.id,
			role: 'assistant',
			time: {created, completed: this.t},
			parentID: this.lastUser,
			modelID: this.model,
			providerID: 'anthropic',
			mode: 'build',
			agent: 'build',
			path: {cwd: this.cwd, root: this.cwd},
			cost,
			tokens,
			finish,
		});
		for (const p of parts) this.tree.part(p);
		this.cached += this.pending;
		this.pending = output + resultTokens;
		this.updated = this.t;
	}

	save(): void {
		(this.meta.time as Record<string, number>).updated = this.updated;
		this.tree.session(this.projectID, this.meta);
	}
}

function ocRead(ws: Workspace, rel: string): OcTool {
	const lines = ws.lines(rel);
	return {tool: 'read', input: {filePath: ws.abs(rel)}, output: `<file>\n${lines.map((l, i) => `${String(i + 1).padStart(5, '0')}| ${l}`).join('\n')}\n</file>`, title: rel, metadata: {preview: lines.slice(0, 20).join('\n')}};
}

function ocEdit(ws: Workspace, rel: string, oldString: string, newString: string): OcTool {
	return {tool: 'edit', input: {filePath: ws.abs(rel), oldString, newString}, output: '', title: rel, metadata: {diff: `Index: ${ws.abs(rel)}\n===================================================================\n--- ${ws.abs(rel)}\n+++ ${ws.abs(rel)}\n@@ -1,1 +1,1 @@\n-${oldString.split('\n')[0]}\n+${newString.split('\n')[0]}\n`}};
}

function opencodeSessions(dirs: DemoDirs, rng: Rng, now: number): void {
	const tree = new OpenCodeTree(rng, dirs.opencodeDataDir);
	const appProject = rng.hex(40);
	const apiProject = rng.hex(40);

	// Recent session with a child (subagent) session.
	{
		const ws = new Workspace(rng, APP);
		const s = new OpenCodeSession(rng, tree, appProject, APP, 'claude-sonnet-4-5', now - 9 * HOUR, 'Dark mode for the dashboard');
		s.user('Add a dark mode toggle to the dashboard and persist the choice.', 0);
		s.assistant('Let me look at the dashboard component first.', [ocRead(ws, 'src/components/Dashboard.tsx'), {tool: 'grep', input: {pattern: 'theme', path: APP}, output: 'Found 2 matches\n/home/dev/code/app/src/components/Dashboard.tsx:\n  Line 12: import {theme} from "../theme.js";\n/home/dev/code/app/src/theme.ts:\n  Line 1: export const theme = {', title: 'theme'}]);
		const childStart = s.t + 2 * SEC;
		const child = new OpenCodeSession(rng, tree, appProject, APP, 'claude-sonnet-4-5', childStart, 'Find theme usages (@general subagent)', s.id);
		child.user('Find every component that reads colors directly instead of through the theme, and list them with line numbers.', 0);
		child.assistant(undefined, [{tool: 'grep', input: {pattern: '#[0-9a-fA-F]{6}', path: `${APP}/src`}, output: Array.from({length: 14}, () => `${APP}/src/components/${cap(rng.pick(NOUNS))}.tsx:\n  Line ${rng.int(5, 200)}: color: '#${rng.hex(6)}',`).join('\n'), title: '#[0-9a-fA-F]{6}'}]);
		child.assistant(undefined, [ocRead(ws, 'src/components/Sidebar.tsx'), ocRead(ws, 'src/components/Header.tsx')]);
		child.assistant(`Found 14 hard-coded colors in 6 components. ${prose(rng, 3)}`, []);
		child.save();
		s.t = child.t + SEC;
		s.assistant(undefined, [{tool: 'task', input: {description: 'Find theme usages', prompt: 'Find every component that reads colors directly instead of through the theme.', subagent_type: 'general'}, output: `Found 14 hard-coded colors in 6 components.`, title: 'Find theme usages', metadata: {sessionId: child.id}}]);
		const snip = ws.snippet('src/components/Dashboard.tsx', 0.3, 2);
		s.assistant(undefined, [ocEdit(ws, 'src/components/Dashboard.tsx', snip, `${snip}\n\tconst [dark, setDark] = useLocalStorage('dark-mode', false);`)]);
		s.assistant(undefined, [{tool: 'bash', input: {command: 'npm test', description: 'Run tests'}, output: vitestOutput(rng, ['test/dashboard.test.tsx', 'test/theme.test.ts'], 1), title: 'Run tests', exit: 1}]);
		s.assistant(undefined, [{tool: 'bash', input: {command: 'npm test', description: 'Run tests'}, output: vitestOutput(rng, ['test/dashboard.test.tsx', 'test/theme.test.ts'], 0), title: 'Run tests'}]);
		s.assistant('Dark mode is in: a toggle in the header, persisted in localStorage.', []);
		s.save();
	}
	// Last 30 days on the API.
	{
		const ws = new Workspace(rng, API);
		const s = new OpenCodeSession(rng, tree, apiProject, API, 'claude-sonnet-4-5', now - 9 * DAY - 4 * HOUR, 'Rate limiting middleware');
		s.user('Add per-account rate limiting to the API.', 0);
		s.assistant(undefined, [ocRead(ws, 'src/middleware/auth.ts'), ocRead(ws, 'src/server.ts')]);
		s.assistant(undefined, [{tool: 'bash', input: {command: 'npm ls express-rate-limit', description: 'Check dependency'}, output: 'api@2.3.0 /home/dev/code/api\n└── (empty)', title: 'Check dependency', exit: 1}]);
		const snip = ws.snippet('src/server.ts', 0.4, 2);
		s.assistant(undefined, [ocEdit(ws, 'src/server.ts', snip, `${snip}\n\tapp.use(rateLimit({windowMs: 60_000, limit: 120, keyGenerator: (req) => req.accountId}));`)]);
		s.assistant('Rate limiting is on: 120 requests per minute per account.', []);
		s.save();
	}
	// Older, last 90 days.
	{
		const ws = new Workspace(rng, APP);
		const s = new OpenCodeSession(rng, tree, appProject, APP, 'claude-haiku-4-5', now - 35 * DAY - 6 * HOUR, 'Explain the build setup');
		s.user('Explain how the build is configured.', 0);
		s.assistant(undefined, [ocRead(ws, 'vite.config.ts'), ocRead(ws, 'package.json')]);
		s.assistant(prose(rng, 5), []);
		s.save();
	}
}

// ---------------------------------------------------------------------------

/** Write the demo logs under the three agents' directories. Deterministic for a given `now`. */
export function writeDemoLogs(dirs: DemoDirs, now: number): void {
	const rng = new Rng(0x5eed_b0b);
	// Start times: several in the last 24 h, more in the last 7 days, the rest over ~80 days.
	claudeRetryLoop(dirs, rng, now - 2 * HOUR - 10 * MIN);
	claudeWithSubagent(dirs, rng, now - 20 * HOUR);
	claudeSmall(dirs, rng, now - 6 * HOUR, APP, 'claude-haiku-4-5', {version: '2.1.118'});
	claudeFailureRun(dirs, rng, now - 2 * DAY - 3 * HOUR);
	claudeOversized(dirs, rng, now - 5 * DAY - 1 * HOUR);
	claudeCompaction(dirs, rng, now - 12 * DAY - 5 * HOUR);
	claudeSmall(dirs, rng, now - 25 * DAY - 2 * HOUR, API, 'claude-opus-4-7', {version: '2.1.56', ttl: '1h'});
	claudeSmall(dirs, rng, now - 41 * DAY - 8 * HOUR, APP, 'claude-sonnet-4-5', {version: '2.0.77'});
	claudeSmall(dirs, rng, now - 62 * DAY - 3 * HOUR, API, 'claude-sonnet-4-5', {version: '2.0.64'});
	claudeSmall(dirs, rng, now - 79 * DAY - 4 * HOUR, APP, 'claude-sonnet-4-5', {version: '2.0.31', flat: true});
	codexSessions(dirs, rng, now);
	opencodeSessions(dirs, rng, now);
}
