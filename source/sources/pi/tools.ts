/** pi's tool calls (`toolCall` blocks of an assistant message) as ledger tool calls. No I/O. */
import type {ToolCall} from '../../core/records.js';
import {argsHash} from '../hash.js';
import {isObject, str, type Json} from '../claude/line.js';
import {parseArguments} from '../codex/tools.js';

/** pi's built-in file tools (lower case); extension tools keep their own names. */
const PATH_TOOLS = new Set(['read', 'edit', 'write', 'ls', 'find', 'grep']);
const FILE_TOOLS = new Set(['read', 'edit', 'write']);

export function toolCallOf(block: Json): ToolCall | undefined {
	const id = str(block.id);
	const name = str(block.name);
	if (!id || !name) return undefined;
	const input = parseArguments(block.arguments);
	const call: ToolCall = {id, name, argsHash: argsHash(input)};
	const lower = name.toLowerCase();
	let target: string | undefined;
	if (lower === 'bash') target = str(input.command)?.trim() || undefined;
	else if (PATH_TOOLS.has(lower)) target = str(input.path) ?? str(input.file_path) ?? str(input.pattern);
	else target = str(input.path) ?? str(input.file_path) ?? str(input.command) ?? str(input.url);
	if (target) call.target = target;
	return call;
}

export function toolCallsOf(content: unknown): ToolCall[] {
	const out: ToolCall[] = [];
	if (!Array.isArray(content)) return out;
	for (const b of content) {
		if (!isObject(b) || b.type !== 'toolCall') continue;
		const c = toolCallOf(b);
		if (c) out.push(c);
	}
	return out;
}

/** Distinct files read or written by the calls, in first-seen order. */
export function filesOf(calls: readonly ToolCall[]): string[] | undefined {
	const seen: string[] = [];
	for (const c of calls) if (FILE_TOOLS.has(c.name.toLowerCase()) && c.target && !seen.includes(c.target)) seen.push(c.target);
	return seen.length > 0 ? seen : undefined;
}

export const hasEdits = (calls: readonly ToolCall[]): boolean => calls.some((c) => c.name === 'edit' || c.name === 'write');
