import {join} from 'node:path';
import {iso, SEC, tokensOf, writeJsonl, type DemoDirs, type Rng} from './common.js';
import {codeLines, numbered, prose} from './content.js';

/**
 * Claude Code transcripts: a writer that models the prompt cache as Claude Code uses it
 * (the context is read from cache, what is new since the last request is written; an idle
 * gap longer than the cache TTL writes the whole context again; a compaction starts over),
 * and the tools over a per-project model of the files.
 */

export interface ToolSpec {
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

export interface Reply {
	thinking?: string;
	text?: string;
	tools?: ToolSpec[];
	model?: string;
}

export interface ClaudeOpts {
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
	/** System prompt, tool and MCP schemas, CLAUDE.md: sent with every request, never in the transcript. */
	systemTokens?: number;
}

export class ClaudeLog {
	readonly lines: string[] = [];
	t: number;
	private parent: string | null = null;
	private cached = 0;
	private pending: number;
	private promptId: string;
	/** The cache expired (idle longer than the TTL): the next request writes the whole context. */
	private cold = false;
	readonly systemTokens: number;
	totalOutput = 0;
	toolCount = 0;

	constructor(
		private rng: Rng,
		readonly o: ClaudeOpts,
	) {
		this.t = o.start;
		this.systemTokens = o.systemTokens ?? rng.int(24_000, 34_000);
		this.pending = this.systemTokens;
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
		if (gapSecs > (this.o.ttl === '1h' ? 3600 : 300)) this.cold = true;
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
		const blocks: Array<Record<string, unknown>> = [];
		if (r.thinking) blocks.push({type: 'thinking', thinking: r.thinking, signature: rng.b62(rng.int(200, 600))});
		if (r.text) blocks.push({type: 'text', text: r.text});
		for (const tool of r.tools ?? []) {
			tool.id ??= this.toolId();
			blocks.push({type: 'tool_use', id: tool.id, name: tool.name, input: tool.input});
		}
		const visible = blocks.reduce((n, b) => n + tokensOf(JSON.stringify(b.thinking ?? b.text ?? b.input ?? '')), 0) + rng.int(10, 60);
		// Thinking comes back summarized but is billed (and carried in the context) in full.
		const output = visible + (r.thinking ? (this.o.model.includes('opus') ? rng.int(500, 3000) : rng.int(200, 1400)) : 0);
		// Time to first token, then streaming at ~60–90 tokens/s.
		this.t += rng.int(2000, 6500) + Math.round((output / rng.int(60, 90)) * SEC);
		const write = this.cold ? this.cached + this.pending : this.pending;
		const read = this.cold ? 0 : this.cached;
		this.cold = false;
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
		// The whole response (thinking included) goes back with the next request of the loop.
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
	compact(trigger: 'auto' | 'manual', files: readonly string[]): void {
		this.t += this.rng.int(40, 120) * SEC;
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
		const summary = `This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\nAnalysis:\n${prose(this.rng, 14)}\n\nSummary:\n1. Primary Request and Intent: ${prose(this.rng, 4)}\n2. Key Technical Concepts: ${prose(this.rng, 5)}\n3. Files and Code Sections: ${files.join(', ')}\n4. Errors and fixes: ${prose(this.rng, 3)}\n5. Pending Tasks: ${prose(this.rng, 2)}\n6. Current Work: ${prose(this.rng, 2)}`;
		this.t += 2 * SEC;
		this.push({...this.head(), type: 'user', message: {role: 'user', content: summary}, isVisibleInTranscriptOnly: true, isCompactSummary: true});
		this.cached = 0;
		this.cold = false;
		this.pending = this.systemTokens + tokensOf(summary);
	}

	save(dirs: DemoDirs): void {
		writeJsonl(claudePath(dirs, this.o.cwd, this.o.sessionId), this.lines, this.t);
	}
}

export function encodeProject(cwd: string): string {
	return cwd.replace(/[/.]/g, '-');
}

export function claudePath(dirs: DemoDirs, cwd: string, sessionId: string): string {
	return join(dirs.claudeConfigDir, 'projects', encodeProject(cwd), `${sessionId}.jsonl`);
}

export function snapshotLine(rng: Rng, t: number): Record<string, unknown> {
	const id = rng.uuid();
	return {type: 'file-history-snapshot', messageId: id, snapshot: {messageId: id, trackedFileBackups: {}, timestamp: iso(t)}, isSnapshotUpdate: false};
}

// ---------------------------------------------------------------------------
// Tools over a per-project model of the files

/** How long a file of this path is, in lines. */
function defaultLength(rng: Rng, rel: string): number {
	if (rel.includes('.test.')) return rng.int(40, 120);
	if (rel.endsWith('.tsx')) return rng.int(40, 130);
	if (rel.endsWith('.config.ts')) return rng.int(25, 60);
	return rng.int(35, 130);
}

export class Workspace {
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
			f = codeLines(this.rng, rel, n ?? defaultLength(this.rng, rel));
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
			tur: {type: 'create', filePath: this.abs(rel), content, structuredPatch: [], originalFile: null, userModified: false},
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

	/** Grep in content mode: matching lines with line numbers. */
	grepContent(pattern: string, rels: readonly string[]): ToolSpec {
		const out: string[] = [];
		for (const r of rels) {
			const all = this.lines(r);
			const k = this.rng.int(1, 4);
			for (let i = 0; i < k; i++) {
				const n = this.rng.int(1, all.length);
				out.push(`${this.abs(r)}:${n}:${all[n - 1]}`);
			}
		}
		return {
			name: 'Grep',
			input: {pattern, path: this.root, output_mode: 'content', '-n': true},
			content: out.join('\n') || 'No matches found',
			tur: {mode: 'content', numFiles: rels.length, filenames: [], content: out.join('\n'), numLines: out.length},
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

export function mcp(server: string, tool: string, input: Record<string, unknown>, text: string, isError = false): ToolSpec {
	const content = [{type: 'text' as const, text}];
	return {name: `mcp__${server}__${tool}`, input, content, isError: isError || undefined, tur: content};
}

export function todo(items: readonly string[], done: number): ToolSpec {
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
