import {join} from 'node:path';
import {DAY, HOUR, SEC, iso, tokensOf, writeJsonl, type Rng} from './common.js';
import {API_PROJECT, codeLines, numbered, vitestOutput, type Project} from './content.js';

/**
 * pi sessions (`~/.pi/agent/sessions/--<cwd>--/<ts>_<uuid>.jsonl`, format v3): a session of
 * read/bash/edit steps whose context grows and is served from the prompt cache, and a branch
 * of it (`parentSession`) that starts with copies of the parent's entries, as pi writes them.
 * Every assistant message carries pi's own cost at list prices.
 */

export interface PiDemoDirs {
	piAgentDir?: string;
}

/** List prices per million tokens (input, output, cache read, cache write) of the demo's models. */
const PRICES: Record<string, [number, number, number, number]> = {
	'claude-sonnet-4-5': [3, 15, 0.3, 3.75],
};

class PiLog {
	readonly lines: string[] = [];
	private parent: string | null = null;
	private ctx: number;

	constructor(
		private readonly rng: Rng,
		readonly id: string,
		public t: number,
		private readonly cwd: string,
		private readonly model: string,
		parentPath?: string,
	) {
		this.ctx = rng.int(7000, 9000);
		this.lines.push(JSON.stringify({type: 'session', version: 3, id, timestamp: iso(t), cwd, ...(parentPath ? {parentSession: parentPath} : {})}));
		this.entry('model_change', {provider: 'anthropic', modelId: model});
	}

	private entry(type: string, body: Record<string, unknown>): string {
		const id = this.rng.hex(8);
		this.lines.push(JSON.stringify({type, id, parentId: this.parent, timestamp: iso(this.t), ...body}));
		this.parent = id;
		return id;
	}

	user(text: string): void {
		this.t += this.rng.int(20, 90) * SEC;
		this.entry('message', {message: {role: 'user', content: [{type: 'text', text}], timestamp: this.t}});
		this.ctx += tokensOf(text);
	}

	/** One response; `call` becomes a tool call whose result is `result`. */
	assistant(call: {name: string; args: Record<string, unknown>; result: string; isError?: boolean} | null, text = ''): void {
		const start = this.t;
		const out = call ? this.rng.int(60, 260) : this.rng.int(120, 600);
		const write = this.rng.int(80, 400);
		const usage = {input: this.rng.int(2, 12), output: out, cacheRead: this.ctx, cacheWrite: write};
		const [pi, po, pr, pw] = PRICES[this.model] ?? [0, 0, 0, 0];
		const c = {input: (usage.input * pi) / 1e6, output: (usage.output * po) / 1e6, cacheRead: (usage.cacheRead * pr) / 1e6, cacheWrite: (usage.cacheWrite * pw) / 1e6};
		this.t += this.rng.int(3, 25) * SEC;
		const id = `toolu_${this.rng.b62(24)}`;
		const content = call ? [{type: 'toolCall', id, name: call.name, arguments: call.args}] : [{type: 'text', text}];
		this.entry('message', {
			message: {
				role: 'assistant',
				content,
				api: 'anthropic-messages',
				provider: 'anthropic',
				model: this.model,
				usage: {...usage, totalTokens: usage.input + usage.output + usage.cacheRead + usage.cacheWrite, cost: {...c, total: c.input + c.output + c.cacheRead + c.cacheWrite}},
				stopReason: call ? 'toolUse' : 'stop',
				timestamp: start,
			},
		});
		this.ctx += write + out;
		if (call) {
			this.t += this.rng.int(1, 8) * SEC;
			this.entry('message', {message: {role: 'toolResult', toolCallId: id, toolName: call.name, content: [{type: 'text', text: call.result}], isError: call.isError === true, timestamp: this.t}});
			this.ctx += tokensOf(call.result);
		}
	}

	/** A branch: the parent's entries copied as they are, under a new header. */
	branch(rng: Rng, id: string, at: number, parentPath: string): PiLog {
		const b = new PiLog(rng, id, at, this.cwd, this.model, parentPath);
		b.lines.length = 0;
		b.lines.push(JSON.stringify({type: 'session', version: 3, id, timestamp: iso(at), cwd: this.cwd, parentSession: parentPath}), ...this.lines.slice(1));
		b.parent = this.parent;
		b.ctx = this.ctx;
		b.t = at;
		return b;
	}
}

function steps(log: PiLog, rng: Rng, p: Project, n: number): void {
	for (let i = 0; i < n; i++) {
		const file = rng.weighted(p.files);
		const r = rng.next();
		if (r < 0.45) log.assistant({name: 'read', args: {path: join(p.root, file)}, result: numbered(codeLines(rng, file, rng.int(40, 220)))});
		else if (r < 0.75) log.assistant({name: 'edit', args: {path: join(p.root, file), oldText: 'a', newText: 'b'}, result: `Successfully replaced text in ${file}.`});
		else {
			const failing = rng.chance(0.4) ? rng.int(1, 3) : 0;
			log.assistant({name: 'bash', args: {command: 'npm test'}, result: vitestOutput(rng, p.tests, failing, p.root), isError: failing > 0});
		}
	}
}

const dirName = (cwd: string) => `--${cwd.replace(/^\//, '').replace(/[/\\:]/g, '-')}--`;
const fileName = (ms: number, id: string) => `${iso(ms).replace(/[:.]/g, '-')}_${id}.jsonl`;

/** Two pi sessions two days ago: one session and a branch of it. */
export function piSessions(dirs: PiDemoDirs, rng: Rng, now: number): void {
	if (!dirs.piAgentDir) return;
	const p = API_PROJECT;
	const dir = join(dirs.piAgentDir, 'sessions', dirName(p.root));
	const start = now - 2 * DAY - 5 * HOUR;
	const log = new PiLog(rng, rng.uuid(), start, p.root, 'claude-sonnet-4-5');
	log.user('The invoice export times out on big accounts. Find out why and fix it.');
	steps(log, rng, p, 18);
	log.assistant(null, 'The export loaded every invoice line into memory; it now streams them in pages of 500.');
	const parentPath = join(dir, fileName(start, log.id));
	writeJsonl(parentPath, log.lines, log.t);
	const at = log.t + 40 * 60 * SEC;
	const branch = log.branch(rng, rng.uuid(), at, parentPath);
	branch.user('Try it another way: a database cursor instead of pages.');
	steps(branch, rng, p, 8);
	branch.assistant(null, 'Switched the export to a server-side cursor; memory stays flat.');
	writeJsonl(join(dir, fileName(at, branch.id)), branch.lines, branch.t);
}
