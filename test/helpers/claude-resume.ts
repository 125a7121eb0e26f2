/**
 * Hand-written Claude Code transcripts for the copies-across-sessions tests, built from the
 * format (reference data-formats §3): one user line and one assistant line per response.
 * A resumed (or forked) session starts with copies of the earlier session's lines: same
 * `uuid`, `message.id` and `requestId`, the new `sessionId`; Claude Code 1.0.x rewrote their
 * `timestamp` to the time of the copy, 2.0.x keeps it.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

export interface Resp {
	/** message.id */
	id: string;
	/** requestId (omit for a line without one). */
	req?: string;
	ts: string;
	input: number;
	output: number;
	cacheRead: number;
	cacheCreate: number;
	/** uuid of the assistant line (default: derived from the id). */
	uuid?: string;
}

export const MODEL = 'claude-sonnet-4-20250514';

/** The two lines (user prompt, assistant response) of one response, in session `sessionId`. */
export function responseLines(sessionId: string, r: Resp, version: string, tsOverride?: string, cwd = '/tmp/resume-project'): string[] {
	const ts = tsOverride ?? r.ts;
	const uuid = r.uuid ?? `a-${r.id}`;
	const user = {
		parentUuid: null,
		isSidechain: false,
		userType: 'external',
		cwd,
		sessionId,
		version,
		gitBranch: '',
		type: 'user',
		message: {role: 'user', content: `prompt for ${r.id}`},
		uuid: `u-${r.id}`,
		timestamp: ts,
	};
	const assistant: Record<string, unknown> = {
		parentUuid: `u-${r.id}`,
		isSidechain: false,
		userType: 'external',
		cwd,
		sessionId,
		version,
		gitBranch: '',
		message: {
			id: r.id,
			type: 'message',
			role: 'assistant',
			model: MODEL,
			content: [{type: 'text', text: `answer ${r.id}`}],
			stop_reason: 'end_turn',
			stop_sequence: null,
			usage: {
				input_tokens: r.input,
				cache_creation_input_tokens: r.cacheCreate,
				cache_read_input_tokens: r.cacheRead,
				output_tokens: r.output,
				service_tier: 'standard',
			},
		},
		type: 'assistant',
		uuid,
		timestamp: ts,
	};
	if (r.req !== undefined) assistant.requestId = r.req;
	return [JSON.stringify(user), JSON.stringify(assistant)];
}

export type Shape = '1.0' | '2.0';

/**
 * A session file: `copied` responses first (copies of an earlier session's: in the 1.0 shape
 * their timestamps are rewritten to `copiedAt`), then the session's own responses.
 */
export function sessionText(sessionId: string, own: Resp[], opts: {copied?: Resp[]; shape?: Shape; copiedAt?: string} = {}): string {
	const shape = opts.shape ?? '2.0';
	const version = shape === '1.0' ? '1.0.65' : '2.0.1';
	const lines: string[] = [];
	for (const r of opts.copied ?? []) lines.push(...responseLines(sessionId, r, version, shape === '1.0' ? (opts.copiedAt ?? r.ts) : undefined));
	for (const r of own) lines.push(...responseLines(sessionId, r, version));
	return `${lines.join('\n')}\n`;
}

/** Writes a session under `<claudeDir>/projects/<project>/<sessionId>.jsonl`; returns its path. */
export function writeSession(claudeDir: string, sessionId: string, text: string, project = '-tmp-resume-project'): string {
	const path = join(claudeDir, 'projects', project, `${sessionId}.jsonl`);
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text);
	return path;
}

/** A response with round numbers derived from `n` (distinct per response); `req: null` writes no requestId. */
export function resp(id: string, ts: string, n: number, req: string | null = `req_${id}`): Resp {
	return {id, ...(req !== null ? {req} : {}), ts, input: 10 + n, output: 100 * n, cacheRead: 1000 * n, cacheCreate: 50 * n};
}

export interface Totals {
	turns: number;
	input: number;
	output: number;
	cacheRead: number;
	cacheCreate5m: number;
}

export function totalsOf(rs: Resp[]): Totals {
	const t: Totals = {turns: 0, input: 0, output: 0, cacheRead: 0, cacheCreate5m: 0};
	for (const r of rs) {
		t.turns++;
		t.input += r.input;
		t.output += r.output;
		t.cacheRead += r.cacheRead;
		t.cacheCreate5m += r.cacheCreate;
	}
	return t;
}
