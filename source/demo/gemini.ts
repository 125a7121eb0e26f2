import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {DAY, HOUR, SEC, iso, tokensOf, writeJson, writeJsonl, type Rng} from './common.js';
import {APP_PROJECT, API_PROJECT, codeLines, newCode, prose, vitestOutput, type Project} from './content.js';

/**
 * Gemini CLI chats (`~/.gemini/tmp/<project>/chats/`): a JSONL session of Gemini CLI 0.39+,
 * whose responses are written again each time they change (tokens, then tool calls), and an
 * older one-document JSON session. Tokens follow Gemini's fields: `input` includes `cached`,
 * `thoughts` come on top of `output`.
 */

interface Call {
	name: string;
	args: Record<string, unknown>;
	output: string;
	status: 'success' | 'error';
}

class GeminiChat {
	readonly messages: Array<Record<string, unknown>> = [];
	/** Every line as Gemini writes it (a response appears several times). */
	readonly lines: string[] = [];
	private context: number;
	private cached = 0;

	constructor(
		private rng: Rng,
		readonly sessionId: string,
		readonly model: string,
		public t: number,
	) {
		this.context = rng.int(9000, 12000);
	}

	private push(m: Record<string, unknown>): void {
		this.lines.push(JSON.stringify(m));
	}

	user(text: string, gapSecs: number): void {
		this.t += gapSecs * SEC;
		const m = {id: this.rng.uuid(), timestamp: iso(this.t), type: 'user', content: [{text}]};
		this.messages.push(m);
		this.push(m);
		this.context += tokensOf(text);
	}

	/** One model response with its tool calls; the tokens it saw, then what it adds to the context. */
	response(calls: Call[], text: string): void {
		this.t += this.rng.int(4, 40) * SEC;
		const output = this.rng.int(60, 900);
		const thoughts = this.rng.chance(0.7) ? this.rng.int(100, 1200) : 0;
		const tokens = {input: this.context, output, cached: this.cached, thoughts, tool: 0, total: this.context + output + thoughts};
		const id = this.rng.uuid();
		const base = {id, timestamp: iso(this.t), type: 'gemini', content: text, model: this.model};
		this.push({...base, thoughts: []});
		this.push({...base, tokens});
		const toolCalls = calls.map((c) => {
			const callId = this.rng.b62(8).toLowerCase();
			return {id: callId, name: c.name, args: c.args, result: [{functionResponse: {id: callId, name: c.name, response: c.status === 'error' ? {error: c.output} : {output: c.output}}}], status: c.status, timestamp: iso(this.t + 300)};
		});
		const final = {...base, tokens, ...(toolCalls.length ? {toolCalls} : {})};
		if (toolCalls.length) this.push(final);
		this.messages.push(final);
		// Gemini's implicit cache: most of the previous prompt is read from cache next time.
		this.cached = Math.floor(this.context * 0.8);
		this.context += output + calls.reduce((n, c) => n + tokensOf(c.output), 0);
		if (this.lines.length % 4 === 0) this.lines.push(JSON.stringify({$set: {lastUpdated: iso(this.t)}}));
	}
}

function work(rng: Rng, p: Project, chat: GeminiChat, steps: number): void {
	const pickFile = () => rng.weighted(p.files);
	for (let i = 0; i < steps; i++) {
		const kind = rng.weighted([
			['read', 4],
			['edit', 3],
			['test', 2],
			['grep', 1],
		] as const);
		const file = pickFile();
		if (kind === 'read') chat.response([{name: 'read_file', args: {file_path: file}, output: codeLines(rng, file, rng.int(40, 260)).join('\n'), status: 'success'}], '');
		else if (kind === 'edit') chat.response([{name: 'replace', args: {file_path: join(p.root, file), old_string: codeLines(rng, file, 2).join('\n'), new_string: newCode(rng, rng.int(2, 8)).join('\n')}, output: `Successfully modified file: ${join(p.root, file)} (1 replacements).`, status: 'success'}], '');
		else if (kind === 'test') {
			const failing = rng.chance(0.3) ? rng.int(1, 2) : 0;
			chat.response([{name: 'run_shell_command', args: {command: 'npm test', description: 'Run the tests'}, output: vitestOutput(rng, p.tests, failing, p.root), status: failing ? 'error' : 'success'}], '');
		} else chat.response([{name: 'grep_search', args: {pattern: rng.pick(p.patterns)}, output: `Found ${rng.int(2, 30)} matches`, status: 'success'}], '');
	}
	chat.response([], prose(rng, 3));
}

const header = (chat: GeminiChat, start: number, kind = 'main') => ({sessionId: chat.sessionId, projectHash: 'demo0000'.repeat(8), startTime: iso(start), lastUpdated: iso(chat.t), kind});
const fileName = (chat: GeminiChat, start: number, ext: string) => `session-${iso(start).slice(0, 16).replace(/:/g, '-')}-${chat.sessionId.slice(0, 8)}.${ext}`;

/** Gemini CLI sessions under `<geminiHome>/.gemini`. */
export function geminiSessions(geminiHome: string, rng: Rng, now: number): void {
	const tmp = join(geminiHome, '.gemini', 'tmp');
	const dir = (p: Project) => join(tmp, p.root.split('/').pop()!);
	for (const p of [APP_PROJECT, API_PROJECT]) {
		mkdirSync(join(dir(p), 'chats'), {recursive: true});
		writeFileSync(join(dir(p), '.project_root'), `${p.root}\n`);
	}
	// JSONL (0.39+), yesterday.
	const start = now - 1 * DAY - 3 * HOUR;
	const chat = new GeminiChat(rng, rng.uuid(), 'gemini-2.5-pro', start);
	chat.user(`${rng.pick(APP_PROJECT.followUps)} Keep the tests green.`, 0);
	work(rng, APP_PROJECT, chat, 24);
	chat.user(rng.pick(APP_PROJECT.followUps), 90);
	work(rng, APP_PROJECT, chat, 10);
	writeJsonl(join(dir(APP_PROJECT), 'chats', fileName(chat, start, 'jsonl')), [JSON.stringify(header(chat, start)), ...chat.lines], chat.t);
	// Legacy JSON (≤ 0.38), three weeks ago.
	const old = now - 21 * DAY - 5 * HOUR;
	const legacy = new GeminiChat(rng, rng.uuid(), 'gemini-2.5-flash', old);
	legacy.user(rng.pick(API_PROJECT.followUps), 0);
	work(rng, API_PROJECT, legacy, 12);
	writeJson(join(dir(API_PROJECT), 'chats', fileName(legacy, old, 'json')), {...header(legacy, old), messages: legacy.messages});
}
