import type {ToolCall} from '../../core/records.js';
import {argsHash, contentHash} from '../hash.js';
import {arr, firstStr, obj, str, type Json} from './line.js';

const FILE_TOOLS = new Set(['Read', 'Edit', 'Write', 'NotebookEdit']);
const EDIT_TOOLS = new Set(['Edit', 'Write', 'NotebookEdit', 'MultiEdit']);
export const SPAWN_TOOLS = new Set(['Agent', 'Task']);

/** The field a tool call is "about" (data-formats §3.5). */
export function pickTarget(name: string, input: Json): string | undefined {
	switch (name) {
		case 'Read':
		case 'Edit':
		case 'Write':
		case 'NotebookEdit':
			return str(input.file_path);
		case 'Bash':
			return str(input.command);
		case 'Grep':
		case 'Glob':
			return str(input.pattern);
		case 'WebFetch':
			return str(input.url);
		case 'Agent':
		case 'Task':
			return str(input.subagent_type) ?? str(input.description);
		default:
			return firstStr(input, ['file_path', 'path', 'url', 'command']);
	}
}

/** A `tool_use` content block → ToolCall; undefined when it is not one. */
export function toolCallOf(block: Json): ToolCall | undefined {
	if (block.type !== 'tool_use') return undefined;
	const id = str(block.id);
	const name = str(block.name);
	if (!id || !name) return undefined;
	const input = obj(block.input) ?? {};
	const call: ToolCall = {id, name, argsHash: argsHash(block.input ?? {})};
	const target = pickTarget(name, input);
	if (target !== undefined) call.target = target;
	if (name === 'Edit' || name === 'NotebookEdit') {
		if (typeof input.old_string === 'string') call.editPreHash = contentHash(input.old_string);
		if (typeof input.new_string === 'string') call.editPostHash = contentHash(input.new_string);
	} else if (name === 'Write') {
		if (typeof input.content === 'string') call.editPostHash = contentHash(input.content);
	} else if (name === 'Skill') {
		const skill = firstStr(input, ['skill', 'name', 'command']);
		if (skill) call.skillName = skill;
	}
	return call;
}

/** Distinct targets of file tools, in first-seen order; undefined when none. */
export function filesTouchedOf(calls: readonly ToolCall[]): string[] | undefined {
	const seen: string[] = [];
	for (const c of calls) if (FILE_TOOLS.has(c.name) && c.target && !seen.includes(c.target)) seen.push(c.target);
	return seen.length > 0 ? seen : undefined;
}

export function hasEditsOf(calls: readonly ToolCall[]): boolean {
	return calls.some((c) => EDIT_TOOLS.has(c.name));
}

/** Edit→Bash→Edit cycles within one turn's calls (the classifier's `retries`). */
export function retriesOf(calls: readonly ToolCall[]): number {
	let n = 0;
	let state: 'none' | 'edit' | 'edit-bash' = 'none';
	for (const c of calls) {
		if (EDIT_TOOLS.has(c.name)) {
			if (state === 'edit-bash') n++;
			state = 'edit';
		} else if (c.name === 'Bash' && state === 'edit') state = 'edit-bash';
	}
	return n;
}

/** `_meta` of a tool_result: on the block, or on the first structured content element carrying one. */
export interface ReplacementMeta {
	replacedTools?: string[];
	collapsedCalls?: number;
}

export function replacementMetaOf(block: Json): ReplacementMeta | undefined {
	let meta = obj(block._meta);
	if (!meta) {
		for (const el of arr(block.content) ?? []) {
			const m = obj(obj(el)?._meta);
			if (m) {
				meta = m;
				break;
			}
		}
	}
	if (!meta) return undefined;
	const out: ReplacementMeta = {};
	const replaces = arr(meta.replaces)?.filter((x): x is string => typeof x === 'string');
	if (replaces && replaces.length > 0) out.replacedTools = replaces;
	const collapsed = meta.collapsedCalls;
	if (typeof collapsed === 'number' && Number.isFinite(collapsed) && collapsed > 0) out.collapsedCalls = Math.floor(collapsed);
	return out.replacedTools || out.collapsedCalls ? out : undefined;
}

/** Spawn details of an Agent/Task call. */
export interface SpawnInput {
	subagentType?: string;
	description?: string;
	prompt?: string;
}

export function spawnInputOf(block: Json): SpawnInput {
	const input = obj(block.input) ?? {};
	const out: SpawnInput = {};
	const t = str(input.subagent_type);
	const d = str(input.description);
	const p = str(input.prompt);
	if (t) out.subagentType = t;
	if (d) out.description = d;
	if (p) out.prompt = p;
	return out;
}
