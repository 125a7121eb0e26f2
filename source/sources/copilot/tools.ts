/** Copilot CLI tool requests (`assistant.message.data.toolRequests[]`) as ledger tool calls. No I/O. */
import type {ToolCall} from '../../core/records.js';
import {argsHash} from '../hash.js';
import {isObject, str, type Json} from '../claude/line.js';
import {parseArguments} from '../codex/tools.js';

const FILE_TOOLS = new Set(['view', 'edit', 'create', 'str_replace_editor', 'read', 'write']);
const EDIT_TOOLS = new Set(['edit', 'create', 'write', 'str_replace_editor']);

function targetOf(name: string, input: Record<string, unknown>): string | undefined {
	if (name === 'bash' || name === 'shell' || name === 'powershell') return str(input.command)?.trim() || undefined;
	if (name === 'web_search') return str(input.query);
	if (name === 'web_fetch') return str(input.url);
	if (name === 'glob' || name === 'grep') return str(input.pattern) ?? str(input.path);
	return str(input.path) ?? str(input.file_path) ?? str(input.command) ?? str(input.url);
}

export function toolCallsOf(requests: unknown): ToolCall[] {
	const out: ToolCall[] = [];
	if (!Array.isArray(requests)) return out;
	for (const r of requests) {
		if (!isObject(r)) continue;
		const q = r as Json;
		const id = str(q.toolCallId);
		const name = str(q.name);
		if (!id || !name) continue;
		const input = parseArguments(q.arguments);
		const call: ToolCall = {id, name, argsHash: argsHash(input)};
		const target = targetOf(name, input);
		if (target) call.target = target;
		out.push(call);
	}
	return out;
}

export function filesOf(calls: readonly ToolCall[]): string[] | undefined {
	const seen: string[] = [];
	for (const c of calls) if (FILE_TOOLS.has(c.name) && c.target && !seen.includes(c.target)) seen.push(c.target);
	return seen.length > 0 ? seen : undefined;
}

export const hasEdits = (calls: readonly ToolCall[]): boolean => calls.some((c) => EDIT_TOOLS.has(c.name));
