import type {ToolCall, ToolResultStatus} from '../../core/records.js';
import {argsHash, contentHash} from '../hash.js';

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function first(args: Json, keys: readonly string[]): string | undefined {
	for (const k of keys) {
		const v = str(args[k]);
		if (v) return v;
	}
	return undefined;
}

/** Built-in tools of Gemini CLI (and Qwen Code, its fork) that act on one file. */
const FILE_READ = new Set(['read_file', 'read_many_files']);
const FILE_EDIT = new Set(['write_file', 'replace', 'edit']);
const PATH_KEYS = ['file_path', 'absolute_path', 'path'];

/** The field a Gemini-family tool call is about: its file, command, pattern, URL or agent. */
export function geminiTarget(name: string, args: Json): string | undefined {
	if (FILE_READ.has(name) || FILE_EDIT.has(name)) {
		const one = first(args, PATH_KEYS);
		if (one) return one;
		const paths = args.paths;
		return Array.isArray(paths) && typeof paths[0] === 'string' ? paths[0] : undefined;
	}
	switch (name) {
		case 'run_shell_command':
			return str(args.command);
		case 'glob':
		case 'grep_search':
		case 'grep':
		case 'search_file_content':
			return str(args.pattern);
		case 'list_directory':
			return first(args, ['dir_path', 'path']);
		case 'web_fetch':
			return first(args, ['url', 'prompt']);
		case 'google_web_search':
			return str(args.query);
		case 'invoke_agent':
		case 'task':
			return first(args, ['agent_name', 'subagent_type', 'name', 'description']);
		default:
			return first(args, [...PATH_KEYS, 'command', 'url']);
	}
}

/** A call as burn records it: name kept as written, target, edit hashes. */
export function geminiCall(id: string, name: string, args: Json): ToolCall {
	const call: ToolCall = {id, name, argsHash: argsHash(args)};
	const target = geminiTarget(name, args);
	if (target !== undefined) call.target = target;
	if (name === 'replace' || name === 'edit') {
		if (typeof args.old_string === 'string') call.editPreHash = contentHash(args.old_string);
		if (typeof args.new_string === 'string') call.editPostHash = contentHash(args.new_string);
	} else if (name === 'write_file' && typeof args.content === 'string') {
		call.editPostHash = contentHash(args.content);
	}
	return call;
}

/** Distinct files read or edited by the calls, first seen first. */
export function filesOf(calls: readonly ToolCall[]): string[] {
	const out: string[] = [];
	for (const c of calls) if ((FILE_READ.has(c.name) || FILE_EDIT.has(c.name)) && c.target && !out.includes(c.target)) out.push(c.target);
	return out;
}

/** The text the model got back from a `functionResponse` part: `response.output`, else the response as JSON. */
export function responseText(part: unknown): string | undefined {
	if (!isObj(part)) return undefined;
	const fr = isObj(part.functionResponse) ? part.functionResponse : undefined;
	if (!fr) return undefined;
	const resp = fr.response;
	if (isObj(resp)) {
		if (typeof resp.output === 'string') return resp.output;
		if (typeof resp.error === 'string') return resp.error;
	}
	return resp === undefined ? '' : JSON.stringify(resp);
}

/** Gemini's `status` of a completed call. */
export function statusOf(status: unknown): ToolResultStatus {
	if (status === 'success') return 'completed';
	if (status === 'error') return 'errored';
	if (status === 'cancelled') return 'cancelled';
	return 'unknown';
}
