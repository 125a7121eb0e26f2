import type {ToolCall} from '../../core/records.js';
import {argsHash, contentHash} from '../hash.js';
import {isObj, str, type Json} from '../gemini/tools.js';

const FILE_TOOLS = new Set(['ReadFile', 'ReadMediaFile', 'WriteFile', 'StrReplaceFile']);

/** `function.arguments` is a JSON string; anything but an object becomes `{}`. */
export function parseArgs(v: unknown): Json {
	if (isObj(v)) return v;
	if (typeof v !== 'string') return {};
	try {
		const parsed: unknown = JSON.parse(v);
		return isObj(parsed) ? parsed : {};
	} catch {
		return {};
	}
}

function target(name: string, a: Json): string | undefined {
	if (FILE_TOOLS.has(name)) return str(a.path) ?? str(a.file_path);
	switch (name) {
		case 'Shell':
			return str(a.command);
		case 'Glob':
		case 'Grep':
			return str(a.pattern);
		case 'FetchURL':
			return str(a.url);
		case 'SearchWeb':
			return str(a.query);
		case 'Agent':
		case 'Task':
			return str(a.subagent_type) ?? str(a.description);
		default:
			return str(a.path) ?? str(a.file_path) ?? str(a.command) ?? str(a.url);
	}
}

/** A Kimi `ToolCall` payload (`{id, function: {name, arguments}}`) as burn's call. */
export function kimiCall(payload: Json): {call: ToolCall; args: Json} | undefined {
	const fn = isObj(payload.function) ? payload.function : {};
	const id = str(payload.id);
	const name = str(fn.name);
	if (!id || !name) return undefined;
	const args = parseArgs(fn.arguments);
	const call: ToolCall = {id, name, argsHash: argsHash(args)};
	const t = target(name, args);
	if (t !== undefined) call.target = t;
	if (name === 'WriteFile' && typeof args.content === 'string') call.editPostHash = contentHash(args.content);
	if (name === 'StrReplaceFile') {
		const edit = Array.isArray(args.edit) ? args.edit[0] : args.edit;
		if (isObj(edit)) {
			if (typeof edit.old === 'string') call.editPreHash = contentHash(edit.old);
			if (typeof edit.new === 'string') call.editPostHash = contentHash(edit.new);
		}
	}
	return {call, args};
}

/** Files read or written by the calls, first seen first. */
export function kimiFiles(calls: readonly ToolCall[]): string[] {
	const out: string[] = [];
	for (const c of calls) if (FILE_TOOLS.has(c.name) && c.target && !out.includes(c.target)) out.push(c.target);
	return out;
}
