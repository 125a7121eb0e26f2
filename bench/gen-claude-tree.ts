import {closeSync, mkdirSync, openSync, utimesSync, writeFileSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {Rng as BaseRng} from '../source/demo/rng.js';

/**
 * A realistic Claude Code `projects/` tree for benchmarks: several projects, many small
 * sessions and a long tail of big ones (ccusage's real-world profile, landscape.md §3.8:
 * file size p50 105 KiB, p90 654 KiB, p99 5.4 MiB, max 87 MiB, ~3.2 KiB per line),
 * responses written over several lines that share `message.id` with growing output
 * tokens, tool results of realistic sizes (Read/Edit results carry the file twice, as
 * Claude Code's `toolUseResult` does), compactions in long sessions, and subagent
 * transcripts under `<session>/subagents/`.
 *
 * Fast: text comes from pools that are JSON-escaped once and sliced on line boundaries,
 * lines are built by string concatenation and written in ~1 MB chunks.
 */

export interface ClaudeTreeOptions {
	targetBytes: number;
	days: number;
	now: number;
	seed?: number;
}

const SEC = 1000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------
// PRNG

class Rng extends BaseRng {
	/** Log-normal with the given median. */
	logNormal(median: number, sigma: number): number {
		const u = Math.max(1e-12, this.next());
		const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
		return median * Math.exp(sigma * z);
	}
}

// ---------------------------------------------------------------------------
// Text pools: JSON-escaped once, sliced on line boundaries

interface Pool {
	/** Escaped text (safe inside a JSON string). */
	esc: string;
	/** Escaped offset where line k starts; last entry = esc.length. */
	pos: Int32Array;
	/** Escaped lines without the trailing newline (for structured patches). */
	lines: string[];
	/** Line indexes where a "file" starts (numbering restarts there). */
	fileStarts: number[];
}

const esc = (s: string) => JSON.stringify(s).slice(1, -1);

function makePool(lines: string[], fileStarts: number[], sep = '\\n'): Pool {
	const escLines = lines.map(esc);
	const pos = new Int32Array(escLines.length + 1);
	let off = 0;
	for (let i = 0; i < escLines.length; i++) {
		pos[i] = off;
		off += escLines[i]!.length + sep.length;
	}
	pos[escLines.length] = off;
	return {esc: escLines.join(sep) + sep, pos, lines: escLines, fileStarts};
}

/** Slice of about `len` escaped chars starting at line `from`. */
function sliceFrom(pool: Pool, from: number, len: number): {text: string; lines: number; to: number} {
	const n = pool.pos.length - 1;
	const want = pool.pos[from]! + Math.max(1, len);
	let lo = from + 1;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (pool.pos[mid]! >= want) hi = mid;
		else lo = mid + 1;
	}
	return {text: pool.esc.slice(pool.pos[from]!, pool.pos[lo]!), lines: lo - from, to: lo};
}

/** Random slice of about `len` escaped chars. */
function slice(rng: Rng, pool: Pool, len: number): string {
	const n = pool.pos.length - 1;
	const total = pool.pos[n]!;
	const maxStart = Math.max(0, total - len - 1);
	// Line index at or before a random offset below maxStart.
	const target = Math.floor(rng.next() * maxStart);
	let lo = 0;
	let hi = n - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (pool.pos[mid]! <= target) lo = mid;
		else hi = mid - 1;
	}
	return sliceFrom(pool, lo, len).text;
}

const NOUNS = ['user', 'session', 'order', 'invoice', 'token', 'route', 'config', 'payload', 'event', 'account', 'report', 'cart', 'price', 'webhook', 'queue', 'job', 'tenant', 'metric'];
const VERBS = ['get', 'load', 'parse', 'validate', 'create', 'update', 'remove', 'fetch', 'build', 'sync', 'resolve', 'format', 'flush', 'retry'];
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

interface Pools {
	code: Pool;
	numbered: Pool;
	log: Pool;
	prose: Pool;
	sig: string;
}

function buildPools(rng: Rng): Pools {
	// Source code, grouped into files; a numbered twin (Read output, `cat -n` style).
	const code: string[] = [];
	const numberedLines: string[] = [];
	const fileStarts: number[] = [];
	while (code.length < 24_000) {
		fileStarts.push(code.length);
		const n = Math.round(rng.logNormal(180, 0.8)) + 20;
		let ln = 1;
		const push = (l: string) => {
			code.push(l);
			numberedLines.push(`${String(ln++).padStart(6)}\u2192${l}`);
		};
		for (let i = 0; i < rng.int(2, 7); i++) push(`import {${cap(rng.pick(NOUNS))}Service} from './${rng.pick(NOUNS)}-service.js';`);
		push('');
		while (ln <= n) {
			const a = rng.pick(NOUNS);
			const b = rng.pick(NOUNS);
			const v = rng.pick(VERBS);
			push(`export async function ${v}${cap(a)}(${a}Id: string, opts: ${cap(b)}Options = {}): Promise<${cap(a)}> {`);
			for (let s = rng.int(3, 14); s > 0; s--) {
				const c = rng.pick(NOUNS);
				switch (rng.int(0, 6)) {
					case 0:
						push(`\tconst ${c} = await ${cap(c)}Service.${rng.pick(VERBS)}(${a}Id, {tenantId: opts.tenantId});`);
						break;
					case 1:
						push(`\tif (!${c}) throw new NotFoundError(\`${c} \${${a}Id} not found\`);`);
						break;
					case 2:
						push(`\tlogger.debug({${a}Id, ${c}: opts.${c} ?? null}, "${v} ${a}");`);
						break;
					case 3:
						push(`\tconst ${c}s = (opts.${b}s ?? []).filter((x) => x.${a}Id === ${a}Id && !x.deletedAt);`);
						break;
					case 4:
						push(`\t// ${rng.pick(['TODO', 'NOTE', 'FIXME'])}: ${rng.pick(['batch', 'cache', 'retry'])} the ${c} ${rng.pick(['lookups', 'writes'])} once the ${b} API supports it`);
						break;
					case 5:
						push(`\tawait cache.set(\`${a}:\${${a}Id}\`, ${c}, {ttl: ${rng.pick([30, 60, 300, 3600])}});`);
						break;
					default:
						push(`\tmetrics.increment('${a}.${v}', {${b}: String(opts.${b} ?? 'none')});`);
				}
			}
			push(`\treturn {id: ${a}Id, ...opts} as ${cap(a)};`);
			push('}');
			push('');
		}
	}
	// Command output: test runs, builds, logs, git.
	const log: string[] = [];
	let t = Date.UTC(2025, 0, 1);
	while (log.length < 20_000) {
		const a = rng.pick(NOUNS);
		switch (rng.int(0, 5)) {
			case 0:
				log.push(` \u2713 test/${a}.test.ts (${rng.int(2, 40)} tests) ${rng.int(5, 900)}ms`);
				break;
			case 1:
				log.push(`dist/assets/${a}-${rng.hex(8)}.js   ${(rng.next() * 200).toFixed(2)} kB \u2502 gzip: ${(rng.next() * 60).toFixed(2)} kB`);
				break;
			case 2:
				log.push(`${rng.hex(7)} ${rng.pick(['fix', 'feat', 'chore', 'refactor'])}(${a}): ${rng.pick(VERBS)} ${rng.pick(NOUNS)} ${rng.pick(['handling', 'cache', 'types', 'tests'])}`);
				break;
			case 3:
				log.push(`src/${a}/${rng.pick(NOUNS)}.ts(${rng.int(1, 400)},${rng.int(1, 80)}): error TS${rng.int(2300, 2800)}: Property '${rng.pick(NOUNS)}Id' does not exist on type '${cap(a)}'.`);
				break;
			default:
				t += rng.int(1, 5000);
				log.push(`${new Date(t).toISOString()} ${rng.pick(['INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'])} [${rng.pick(['http', 'db', 'worker'])}] ${rng.pick(['GET', 'POST'])} /api/${a}s/${rng.int(1, 99999)} ${rng.pick([200, 200, 201, 404, 500])} ${rng.int(1, 900)}ms`);
		}
	}
	// Assistant prose (text and thinking), sentence granularity.
	const prose: string[] = [];
	while (prose.length < 8000) {
		const a = rng.pick(NOUNS);
		const b = rng.pick(NOUNS);
		prose.push(
			rng.pick([
				`The ${a} ${rng.pick(VERBS)} path reads the ${b} twice, once in the handler and once in the middleware.`,
				`Let me look at the ${b} module to see where the ${a} id comes from.`,
				`That matches the stack trace, so the fix belongs in the ${a} store rather than the ${b} route.`,
				`I'll run the ${a} tests again to confirm the change before moving on.`,
				`The ${a} type is missing the optional ${b}Id field, which is why the compiler complains.`,
				`Now I need to update the ${b} handler so it passes the ${a} through unchanged.`,
				`- \`src/${a}/${b}.ts\`: ${rng.pick(VERBS)}s the ${a} and caches it for ${rng.int(1, 60)} seconds.`,
			]),
		);
	}
	let sig = '';
	while (sig.length < 8192) sig += rng.b62(64);
	return {
		code: makePool(code, fileStarts),
		numbered: makePool(numberedLines, fileStarts),
		log: makePool(log, [0]),
		prose: makePool(prose, [0], ' '),
		sig,
	};
}

// ---------------------------------------------------------------------------
// Size distribution (quantile function, log-linear between points)

const SIZE_QUANTILES: ReadonlyArray<readonly [number, number]> = [
	[0, 0.3],
	[0.05, 2],
	[0.1, 8],
	[0.25, 38],
	[0.5, 105],
	[0.75, 234],
	[0.9, 654],
	[0.95, 1536],
	[0.99, 5530],
	[0.999, 12 * 1024],
	[1, 87 * 1024],
];

function drawFileSize(rng: Rng): number {
	const u = rng.next();
	for (let i = 1; i < SIZE_QUANTILES.length; i++) {
		const [q1, s1] = SIZE_QUANTILES[i]!;
		if (u <= q1) {
			const [q0, s0] = SIZE_QUANTILES[i - 1]!;
			const f = (u - q0) / (q1 - q0);
			return Math.round(1024 * s0 * Math.pow(s1 / s0, f));
		}
	}
	return 87 * 1024 * 1024;
}

// ---------------------------------------------------------------------------
// Output files

class Out {
	private fd: number;
	private buf: string[] = [];
	private pending = 0;
	bytes = 0;
	constructor(readonly path: string) {
		this.fd = openSync(path, 'w');
	}
	line(s: string): void {
		this.buf.push(s);
		this.pending += s.length;
		this.bytes += Buffer.byteLength(s) + 1;
		if (this.pending > 1 << 20) this.flush();
	}
	private flush(): void {
		if (this.buf.length === 0) return;
		writeSync(this.fd, this.buf.join('\n') + '\n');
		this.buf = [];
		this.pending = 0;
	}
	close(mtime: number): void {
		this.flush();
		closeSync(this.fd);
		utimesSync(this.path, mtime / 1000, mtime / 1000);
	}
}

// ---------------------------------------------------------------------------
// Sessions

interface Project {
	cwd: string;
	dir: string;
	files: string[];
}

const PROJECT_NAMES = ['app', 'api', 'web', 'infra', 'docs', 'mobile', 'cli', 'ml-pipeline', 'design-system', 'billing', 'scripts', 'dotfiles'];

function makeProjects(rng: Rng, root: string): Project[] {
	return PROJECT_NAMES.map((name) => {
		const cwd = `/home/dev/code/${name}`;
		const files: string[] = [];
		for (let i = rng.int(30, 120); i > 0; i--) {
			const a = rng.pick(NOUNS);
			files.push(`${cwd}/${rng.pick(['src', 'src/lib', 'src/server', 'src/components', 'test', 'packages/core/src'])}/${a}${rng.pick(['', '-' + rng.pick(NOUNS)])}${rng.pick(['.ts', '.ts', '.tsx', '.test.ts', '.json', '.md'])}`);
		}
		const dir = join(root, 'projects', cwd.replace(/[/.]/g, '-'));
		return {cwd, dir, files};
	});
}

const BASH = [
	['npm test', 'Run the test suite'],
	['npm run build', 'Build the project'],
	['npx tsc --noEmit', 'Type-check'],
	['git status', 'Show working tree status'],
	['git diff', 'Show unstaged changes'],
	['git log --oneline -20', 'Show recent commits'],
	['npm run lint', 'Lint the code'],
	['ls -la src', 'List source files'],
	['rg -n "TODO" src', 'Find TODOs'],
	['cat logs/dev.log | tail -200', 'Show the dev log'],
	['npm test -- --run test/session.test.ts', 'Run one test file'],
	['docker compose ps', 'Show containers'],
] as const;

const MCP = [
	['github', 'get_pull_request'],
	['github', 'list_issues'],
	['github', 'get_file_contents'],
	['context7', 'get-library-docs'],
	['context7', 'resolve-library-id'],
	['linear', 'list_issues'],
	['playwright', 'browser_snapshot'],
] as const;

type ToolKind = 'Read' | 'Bash' | 'Edit' | 'Grep' | 'Glob' | 'Write' | 'TodoWrite' | 'Task' | 'mcp' | 'WebFetch';
const TOOL_WEIGHTS: ReadonlyArray<readonly [ToolKind, number]> = [
	['Read', 30],
	['Bash', 25],
	['Edit', 14],
	['Grep', 8],
	['Glob', 4],
	['Write', 3],
	['TodoWrite', 5],
	['mcp', 5],
	['WebFetch', 1],
];
const TOOL_TOTAL = TOOL_WEIGHTS.reduce((n, [, w]) => n + w, 0);

interface SessionSpec {
	project: Project;
	sessionId: string;
	version: string;
	branch: string;
	model: string;
	start: number;
	/** Mean gap between lines, ms. */
	gap: number;
	budget: number;
	agentId?: string;
	subagents: number[];
	/** Cache writes with the 1-hour TTL. */
	ttl1h: boolean;
}

interface ToolCallSpec {
	use: string;
	result: (toolUseId: string) => {content: string; tur: string; isError: boolean};
}

class SessionWriter {
	t: number;
	private parent = 'null';
	private head: string;
	private cached = 0;
	private pending: number;
	private promptId: string;
	toolCount = 0;
	outputTotal = 0;
	/** Shrinks human and model latency for sessions squeezed into a short span. */
	private scale: number;

	constructor(
		private rng: Rng,
		private pools: Pools,
		private out: Out,
		private spec: SessionSpec,
		private counters: {files: number; bytes: number},
	) {
		this.t = spec.start;
		this.scale = Math.min(1, spec.gap / 2500);
		this.pending = rng.int(12_000, 24_000);
		this.promptId = rng.uuid();
		const p = spec.project;
		this.head = `"isSidechain":${spec.agentId ? 'true' : 'false'},${spec.agentId ? `"agentId":"${spec.agentId}",` : ''}"userType":"external","cwd":"${p.cwd}","sessionId":"${spec.sessionId}","version":"${spec.version}","gitBranch":"${spec.branch}"`;
	}

	private tick(scale = 1): string {
		this.t += Math.max(5, Math.round(this.rng.logNormal(this.spec.gap * scale, 0.9)));
		return new Date(this.t).toISOString();
	}

	private emit(typeAndBody: string, tail = ''): string {
		const uuid = this.rng.uuid();
		const ts = this.tick();
		this.out.line(`{"parentUuid":${this.parent},${this.head},${typeAndBody},"uuid":"${uuid}","timestamp":"${ts}"${tail}}`);
		this.parent = `"${uuid}"`;
		return uuid;
	}

	private remaining(): number {
		return this.spec.budget - this.out.bytes;
	}

	/** A result length, kept inside what is left of this file's budget. */
	private len(median: number, sigma: number, max: number): number {
		const room = Math.max(120, Math.floor(this.remaining() * 0.6));
		return Math.max(20, Math.min(Math.round(this.rng.logNormal(median, sigma)), max, room));
	}

	run(): void {
		const rng = this.rng;
		const subs = [...this.spec.subagents];
		const subAt = subs.map((_, i) => (this.spec.budget * (i + 1)) / (subs.length + 2));
		this.prompt(this.spec.agentId ? 400 : 300);
		while (this.remaining() > 0) {
			if (!this.spec.agentId && rng.chance(0.07)) this.prompt(250);
			if (this.cached > 150_000 + rng.int(0, 20_000)) this.compact();
			if (subs.length && this.out.bytes >= subAt[this.spec.subagents.length - subs.length]!) {
				this.task(subs.shift()!);
				continue;
			}
			this.respond();
		}
	}

	private prompt(median: number): void {
		this.promptId = this.rng.uuid();
		const text = slice(this.rng, this.pools.prose, this.len(median, 1.1, 6000));
		this.pending += Math.ceil(text.length / 3.6);
		this.t += Math.round(this.rng.int(10, 300) * SEC * this.scale);
		this.emit(`"promptId":"${this.promptId}","type":"user","message":{"role":"user","content":"${text}"}`);
	}

	private compact(): void {
		const pre = this.cached + this.pending;
		const uuid = this.rng.uuid();
		const ts = this.tick();
		this.out.line(`{"parentUuid":null,"logicalParentUuid":${this.parent},${this.head},"type":"system","subtype":"compact_boundary","content":"Conversation compacted","isMeta":false,"level":"info","compactMetadata":{"trigger":"auto","preTokens":${pre}},"uuid":"${uuid}","timestamp":"${ts}"}`);
		this.parent = `"${uuid}"`;
		const summary = `This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\\n${slice(this.rng, this.pools.prose, this.rng.int(3000, 9000))}`;
		this.emit(`"type":"user","message":{"role":"user","content":"${summary}"},"isVisibleInTranscriptOnly":true,"isCompactSummary":true`);
		this.cached = 0;
		this.pending = this.rng.int(14_000, 20_000) + Math.ceil(summary.length / 3.6);
	}

	/** One API response over several lines, then its tool results. */
	private respond(forced?: ToolCallSpec[]): void {
		const rng = this.rng;
		const blocks: string[] = [];
		let outTokens = rng.int(8, 80);
		if (rng.chance(0.3)) {
			const th = slice(rng, this.pools.prose, this.len(900, 1, 12_000));
			blocks.push(`{"type":"thinking","thinking":"${th}","signature":"${this.pools.sig.slice(0, rng.int(300, 1400))}"}`);
			outTokens += Math.ceil(th.length / 4);
		}
		if (rng.chance(0.45)) {
			const tx = slice(rng, this.pools.prose, this.len(220, 1, 6000));
			blocks.push(`{"type":"text","text":"${tx}"}`);
			outTokens += Math.ceil(tx.length / 4);
		}
		const calls = forced ?? [];
		if (!forced) {
			const r = rng.next();
			const n = r < 0.12 ? 0 : r < 0.75 ? 1 : r < 0.92 ? 2 : rng.int(3, 5);
			for (let i = 0; i < n; i++) calls.push(this.tool());
		}
		if (blocks.length === 0 && calls.length === 0) blocks.push(`{"type":"text","text":"${slice(rng, this.pools.prose, 160)}"}`);
		const ids: string[] = [];
		for (const c of calls) {
			const id = `toolu_01${rng.b62(22)}`;
			ids.push(id);
			blocks.push(`{"type":"tool_use","id":"${id}",${c.use}}`);
			outTokens += Math.ceil(c.use.length / 3.5);
		}
		const msgId = `msg_01${rng.b62(22)}`;
		const reqId = `req_011C${rng.b62(18)}`;
		const model = this.spec.model;
		const write = this.pending;
		const read = this.cached;
		const input = rng.int(1, 12);
		const cc = this.spec.ttl1h ? `"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":${write}` : `"ephemeral_5m_input_tokens":${write},"ephemeral_1h_input_tokens":0`;
		const stop = calls.length ? '"tool_use"' : '"end_turn"';
		let assistantUuid = '';
		for (let i = 0; i < blocks.length; i++) {
			const last = i === blocks.length - 1;
			const out = last ? outTokens : Math.max(1, Math.round((outTokens * (i + 1)) / (blocks.length * 4)));
			if (i === 0) this.t += Math.round(rng.int(1500, 9000) * this.scale);
			assistantUuid = this.emit(
				`"message":{"id":"${msgId}","type":"message","role":"assistant","model":"${model}","content":[${blocks[i]}],"stop_reason":${last ? stop : 'null'},"stop_sequence":null,"usage":{"input_tokens":${input},"cache_creation_input_tokens":${write},"cache_read_input_tokens":${read},"cache_creation":{${cc}},"output_tokens":${out},"service_tier":"standard"}},"requestId":"${reqId}","type":"assistant"`,
			);
		}
		this.cached = read + write;
		this.pending = outTokens;
		this.outputTotal += outTokens;
		for (let i = 0; i < calls.length; i++) {
			const r = calls[i]!.result(ids[i]!);
			const err = r.isError ? ',"is_error":true' : '';
			this.emit(
				`"promptId":"${this.promptId}","type":"user","message":{"role":"user","content":[{"tool_use_id":"${ids[i]}","type":"tool_result","content":${r.content}${err}}]}`,
				`,"toolUseResult":${r.tur},"sourceToolAssistantUUID":"${assistantUuid}"`,
			);
			this.pending += Math.ceil(r.content.length / 3.6);
			this.toolCount++;
		}
	}

	private tool(): ToolCallSpec {
		const rng = this.rng;
		const p = this.spec.project;
		const pools = this.pools;
		let w = rng.next() * TOOL_TOTAL;
		let kind: ToolKind = 'Read';
		for (const [k, weight] of TOOL_WEIGHTS) {
			if ((w -= weight) < 0) {
				kind = k;
				break;
			}
		}
		const file = rng.pick(p.files);
		switch (kind) {
			case 'Read': {
				const fi = rng.pick(pools.code.fileStarts);
				const len = this.len(3500, 1, 90_000);
				const num = sliceFrom(pools.numbered, fi, len + len / 10);
				const raw = pools.code.esc.slice(pools.code.pos[fi]!, pools.code.pos[fi + num.lines]!);
				if (rng.chance(0.02)) {
					return {use: `"name":"Read","input":{"file_path":"${file}"}`, result: () => ({content: `"<tool_use_error>File does not exist. Current working directory: ${p.cwd}</tool_use_error>"`, tur: '"Error: File does not exist."', isError: true})};
				}
				return {
					use: `"name":"Read","input":{"file_path":"${file}"}`,
					result: () => ({content: `"${num.text}"`, tur: `{"type":"text","file":{"filePath":"${file}","content":"${raw}","numLines":${num.lines},"startLine":1,"totalLines":${num.lines + rng.int(0, 200)}}}`, isError: false}),
				};
			}
			case 'Bash': {
				const [cmd, desc] = rng.pick(BASH);
				const len = rng.chance(0.01) ? this.len(60_000, 0.5, 160_000) : this.len(700, 1.4, 30_000);
				const out = slice(rng, pools.log, len);
				const use = `"name":"Bash","input":{"command":"${esc(cmd)}","description":"${desc}"}`;
				if (rng.chance(0.08)) return {use, result: () => ({content: `"Exit code 1\\n${out}"`, tur: `"Error: Exit code 1\\n${out}"`, isError: true})};
				return {use, result: () => ({content: `"${out}"`, tur: `{"stdout":"${out}","stderr":"","interrupted":false,"isImage":false}`, isError: false})};
			}
			case 'Edit': {
				const oldS = slice(rng, pools.code, this.len(260, 0.8, 3000));
				const newS = slice(rng, pools.code, this.len(300, 0.8, 3000));
				const use = `"name":"Edit","input":{"file_path":"${file}","old_string":"${oldS}","new_string":"${newS}"}`;
				if (rng.chance(0.04)) return {use, result: () => ({content: `"<tool_use_error>String to replace not found in file.\\nString: ${oldS}</tool_use_error>"`, tur: `"Error: String to replace not found in file.\\nString: ${oldS}"`, isError: true})};
				return {
					use,
					result: () => {
						const snippet = slice(rng, pools.numbered, rng.int(400, 1400));
						const original = slice(rng, pools.code, this.len(4000, 0.9, 60_000));
						const k = rng.int(0, pools.code.lines.length - 12);
						const plines = pools.code.lines.slice(k, k + rng.int(3, 10)).map((l, i) => `"${i % 3 === 1 ? '-' : i % 3 === 2 ? '+' : ' '}${l}"`);
						return {
							content: `"The file ${file} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\\n${snippet}"`,
							tur: `{"filePath":"${file}","oldString":"${oldS}","newString":"${newS}","originalFile":"${original}","structuredPatch":[{"oldStart":${k + 1},"oldLines":${plines.length},"newStart":${k + 1},"newLines":${plines.length},"lines":[${plines.join(',')}]}],"userModified":false,"replaceAll":false}`,
							isError: false,
						};
					},
				};
			}
			case 'Grep':
			case 'Glob': {
				const n = Math.min(p.files.length, Math.round(rng.logNormal(6, 1)));
				const names: string[] = [];
				for (let i = 0; i < n; i++) names.push(`"${rng.pick(p.files)}"`);
				const plain = names.map((s) => s.slice(1, -1)).join('\\n');
				if (kind === 'Grep') {
					return {
						use: `"name":"Grep","input":{"pattern":"${rng.pick(NOUNS)}Id","path":"${p.cwd}","output_mode":"files_with_matches"}`,
						result: () => ({content: `"Found ${n} files\\n${plain}"`, tur: `{"mode":"files_with_matches","filenames":[${names.join(',')}],"numFiles":${n}}`, isError: false}),
					};
				}
				return {
					use: `"name":"Glob","input":{"pattern":"src/**/*${rng.pick(['.ts', '.tsx', '.test.ts'])}"}`,
					result: () => ({content: `"${plain}"`, tur: `{"filenames":[${names.join(',')}],"durationMs":${rng.int(2, 90)},"numFiles":${n},"truncated":false}`, isError: false}),
				};
			}
			case 'Write': {
				const content = slice(rng, pools.code, this.len(3000, 0.9, 30_000));
				return {
					use: `"name":"Write","input":{"file_path":"${file}","content":"${content}"}`,
					result: () => ({content: `"File created successfully at: ${file}"`, tur: `{"type":"create","filePath":"${file}","content":"${content}","structuredPatch":[]}`, isError: false}),
				};
			}
			case 'TodoWrite': {
				const todos = Array.from({length: rng.int(3, 7)}, (_, i) => `{"content":"${cap(rng.pick(VERBS))} the ${rng.pick(NOUNS)} ${rng.pick(NOUNS)}","status":"${i < 2 ? 'completed' : i === 2 ? 'in_progress' : 'pending'}","activeForm":"Working on the ${rng.pick(NOUNS)}"}`).join(',');
				return {
					use: `"name":"TodoWrite","input":{"todos":[${todos}]}`,
					result: () => ({content: '"Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable"', tur: `{"oldTodos":[],"newTodos":[${todos}]}`, isError: false}),
				};
			}
			case 'WebFetch': {
				const text = slice(rng, pools.prose, this.len(4000, 0.8, 20_000));
				return {
					use: `"name":"WebFetch","input":{"url":"https://docs.example.dev/${rng.pick(NOUNS)}/${rng.pick(VERBS)}","prompt":"Summarize the ${rng.pick(NOUNS)} API"}`,
					result: () => ({content: `"${text}"`, tur: `{"bytes":${text.length * 3},"code":200,"codeText":"OK","result":"${text}","durationMs":${rng.int(300, 4000)},"url":"https://docs.example.dev/"}`, isError: false}),
				};
			}
			default: {
				const [server, name] = rng.pick(MCP);
				const text = slice(rng, name === 'browser_snapshot' || name === 'get-library-docs' ? pools.code : pools.prose, this.len(name === 'browser_snapshot' ? 12_000 : 2500, 0.9, 40_000));
				const err = rng.chance(0.05);
				const body = `[{"type":"text","text":"${err ? 'MCP error -32603: Not Found' : text}"}]`;
				return {
					use: `"name":"mcp__${server}__${name}","input":{"owner":"acme","repo":"${p.cwd.split('/').pop()}","query":"${rng.pick(NOUNS)}"}`,
					result: () => ({content: body, tur: body, isError: err}),
				};
			}
		}
	}

	/** A Task call whose subagent transcript goes to `<session>/subagents/agent-<id>.jsonl`. */
	private task(budget: number): void {
		const rng = this.rng;
		const agentId = `a${rng.hex(16)}`;
		const agentType = rng.pick(['Explore', 'general-purpose', 'code-reviewer', 'test-runner']);
		const description = `${cap(rng.pick(VERBS))} the ${rng.pick(NOUNS)} ${rng.pick(NOUNS)}`;
		const prompt = slice(rng, this.pools.prose, rng.int(300, 1500));
		let summary = '';
		let started = 0;
		let sub: SessionWriter | undefined;
		this.respond([
			{
				use: `"name":"Task","input":{"description":"${description}","prompt":"${prompt}","subagent_type":"${agentType}"}`,
				result: (toolUseId) => {
					// Runs between the tool_use line and its result: the subagent's whole transcript.
					const dir = join(this.spec.project.dir, this.spec.sessionId, 'subagents');
					mkdirSync(dir, {recursive: true});
					const out = new Out(join(dir, `agent-${agentId}.jsonl`));
					started = this.t;
					sub = new SessionWriter(rng, this.pools, out, {...this.spec, agentId, budget, subagents: [], start: this.t, model: rng.chance(0.5) ? 'claude-haiku-4-5' : this.spec.model}, this.counters);
					sub.run();
					out.close(sub.t);
					writeFileSync(join(dir, `agent-${agentId}.meta.json`), JSON.stringify({agentType, description, toolUseId}, null, 2) + '\n');
					this.counters.files += 2;
					this.counters.bytes += out.bytes;
					this.t = sub.t;
					summary = slice(rng, this.pools.prose, rng.int(600, 3000));
					return {
						content: `[{"type":"text","text":"${summary}"}]`,
						tur: `{"status":"completed","agentId":"${agentId}","prompt":"${prompt}","content":[{"type":"text","text":"${summary}"}],"totalDurationMs":${this.t - started},"totalTokens":${sub.outputTotal + sub.cached},"totalToolUseCount":${sub.toolCount}}`,
						isError: false,
					};
				},
			},
		]);
	}
}

// ---------------------------------------------------------------------------

/**
 * Write a Claude Code `projects/` tree of about `targetBytes` (within a few KB) under `dir`.
 * `files` counts every file written (transcripts and subagent `.meta.json`); `bytes` is the
 * size of the `.jsonl` transcripts.
 */
export function generateClaudeTree(dir: string, opts: ClaudeTreeOptions): {files: number; bytes: number} {
	const rng = new Rng(opts.seed ?? 1);
	const pools = buildPools(rng);
	const projects = makeProjects(rng, dir);
	// Zipf-like project popularity.
	const weights = projects.map((_, i) => 1 / (i + 1));
	const wTotal = weights.reduce((a, b) => a + b, 0);
	const pickProject = () => {
		let w = rng.next() * wTotal;
		for (let i = 0; i < projects.length; i++) if ((w -= weights[i]!) < 0) return projects[i]!;
		return projects[0]!;
	};
	const maxFile = Math.max(8 * 1024, Math.min(87 * 1024 * 1024, Math.floor(opts.targetBytes * 0.08)));
	const counters = {files: 0, bytes: 0};
	let planned = 0;
	const madeDirs = new Set<string>();
	while (planned < opts.targetBytes) {
		let size = Math.min(drawFileSize(rng), maxFile);
		if (opts.targetBytes - planned - size < 1024) size = opts.targetBytes - planned;
		// Files overshoot their budget by part of a response; take it off the next one.
		const carry = counters.bytes - planned;
		planned += size;
		if (carry > 0) size = Math.max(600, size - carry);
		const project = pickProject();
		if (!madeDirs.has(project.dir)) {
			mkdirSync(project.dir, {recursive: true});
			madeDirs.add(project.dir);
		}
		const sessionId = rng.uuid();
		const path = join(project.dir, `${sessionId}.jsonl`);
		if (size < 700) {
			// Summary-only stub, as Claude Code leaves behind.
			const out = new Out(path);
			out.line(`{"type":"summary","summary":"${cap(rng.pick(VERBS))} ${rng.pick(NOUNS)} ${rng.pick(NOUNS)} handling","leafUuid":"${rng.uuid()}"}`);
			out.close(opts.now - rng.next() * opts.days * DAY);
			counters.files++;
			counters.bytes += out.bytes;
			continue;
		}
		const subagents: number[] = [];
		let mainBudget = size;
		if (size > 40 * 1024 && rng.chance(0.3)) {
			for (let k = rng.int(1, 3); k > 0; k--) {
				const b = Math.max(6 * 1024, Math.round(size * (0.06 + rng.next() * 0.12)));
				subagents.push(b);
				mainBudget -= b;
			}
			mainBudget = Math.max(4 * 1024, mainBudget);
		}
		// Line gaps: log-normal around `gap` (mean ~1.5x) plus model latency and human prompts;
		// squeeze them when a huge session would not fit in the span.
		const span = opts.days * DAY;
		const lines = size / 2000;
		const gap = Math.min(rng.int(2500, 9000), Math.max(50, span / 3 / lines / 3));
		const duration = lines * (gap * 1.5 + 5400 * Math.min(1, gap / 2500)) * 1.3;
		const start = Math.max(opts.now - span, opts.now - duration - 60 * SEC - rng.next() * Math.max(0, span - duration));
		const spec: SessionSpec = {
			project,
			sessionId,
			version: `2.1.${rng.int(20, 140)}`,
			branch: rng.pick(['main', 'main', 'develop', `feat/${rng.pick(NOUNS)}-${rng.pick(VERBS)}`, `fix/${rng.pick(NOUNS)}`]),
			model: rng.pick(['claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-opus-4-7', 'claude-opus-4-7', 'claude-sonnet-4-6', 'claude-haiku-4-5']),
			start,
			gap,
			budget: mainBudget,
			subagents,
			ttl1h: rng.chance(0.3),
		};
		const out = new Out(path);
		const w = new SessionWriter(rng, pools, out, spec, counters);
		w.run();
		out.close(Math.min(w.t, opts.now));
		counters.files++;
		counters.bytes += out.bytes;
	}
	return counters;
}
