import type {ToolCall} from '../../core/records.js';
import {argsHash, contentHash} from '../hash.js';
import {num, obj, str, type Obj} from './json.js';

/** A `type:'tool'` part, read: its call, and its result when it has one. */
export interface ToolPart {
	call: ToolCall;
	input: unknown;
	/** Files the call read or changed (read/write/edit/multiedit targets, patch files). */
	files: string[];
	/** The result text (`state.output`, or `state.error` of a failed call); undefined while running. */
	result?: {content: unknown; isError: boolean; endMs?: number};
}

const FILE_KEYS = ['filePath', 'file_path', 'path'];
const FALLBACK_KEYS = ['filePath', 'file_path', 'path', 'url', 'command'];

function firstString(input: Obj | undefined, keys: readonly string[]): string | undefined {
	if (!input) return undefined;
	for (const k of keys) {
		const v = str(input[k]);
		if (v) return v;
	}
	return undefined;
}

/** Files named by the headers of an apply_patch envelope (`*** Update File: path`, …). */
export function patchFiles(text: string | undefined): string[] {
	if (!text) return [];
	const out: string[] = [];
	for (const m of text.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+?)\s*$/gm)) {
		if (!out.includes(m[1]!)) out.push(m[1]!);
	}
	return out;
}

/**
 * Target rules (data-formats §5.3): read/write/edit → file path; bash → command; grep/glob →
 * pattern; webfetch → url; task → subagent_type, description, prompt; anything else → the
 * first of filePath, file_path, path, url, command. Ours: multiedit like edit, patch and
 * apply_patch → the first file of the patch.
 */
function targetOf(tool: string, input: Obj | undefined): {target?: string; files: string[]} {
	switch (tool) {
		case 'read':
		case 'write':
		case 'edit':
		case 'multiedit': {
			const t = firstString(input, FILE_KEYS);
			return t ? {target: t, files: [t]} : {files: []};
		}
		case 'bash':
			return opt(firstString(input, ['command']));
		case 'grep':
		case 'glob':
			return opt(firstString(input, ['pattern']));
		case 'webfetch':
			return opt(firstString(input, ['url']));
		case 'task':
			return opt(firstString(input, ['subagent_type', 'description', 'prompt']));
		case 'patch':
		case 'apply_patch': {
			const files = patchFiles(firstString(input, ['patchText', 'patch_text', 'patch', 'input']));
			return files.length ? {target: files[0]!, files} : opt(firstString(input, FALLBACK_KEYS));
		}
		default:
			return opt(firstString(input, FALLBACK_KEYS));
	}
}

function opt(target: string | undefined): {target?: string; files: string[]} {
	return target ? {target, files: []} : {files: []};
}

/** Failed ⇔ `state.status === 'error'` or a numeric `state.metadata.exit` other than 0. */
export function toolFailed(state: Obj | undefined): boolean {
	if (!state) return false;
	if (state.status === 'error') return true;
	const exit = num(obj(state.metadata)?.exit);
	return exit !== undefined && exit !== 0;
}

/** A `type:'tool'` part with a string `callID` and `tool` → ToolPart; anything else → undefined. */
export function readToolPart(data: Obj): ToolPart | undefined {
	if (data.type !== 'tool') return undefined;
	const id = str(data.callID);
	const name = str(data.tool);
	if (!id || !name) return undefined;
	const state = obj(data.state);
	const input = state?.input ?? {};
	const inputObj = obj(input);
	const tool = name.toLowerCase();
	const {target, files} = targetOf(tool, inputObj);
	const failed = toolFailed(state);
	const call: ToolCall = {id, name, argsHash: argsHash(input)};
	if (target !== undefined) call.target = target;
	if (failed) call.isError = true;
	if (tool === 'skill') {
		const skill = firstString(inputObj, ['skill', 'name', 'skill_name']);
		if (skill) call.skillName = skill;
	}
	// Edit hashes make reverts detectable (a later edit whose result is an earlier original).
	if (inputObj && (tool === 'edit' || tool === 'write')) {
		const pre = tool === 'edit' ? inputObj.oldString ?? inputObj.old_string : undefined;
		const post = tool === 'edit' ? inputObj.newString ?? inputObj.new_string : inputObj.content;
		if (typeof pre === 'string') call.editPreHash = contentHash(pre);
		if (typeof post === 'string') call.editPostHash = contentHash(post);
	}
	const part: ToolPart = {call, input, files};
	if (state && ('output' in state || state.status === 'error')) {
		const content = 'output' in state ? state.output : state.error;
		const endMs = num(obj(state.time)?.end);
		part.result = {content: content ?? '', isError: failed, ...(endMs !== undefined ? {endMs} : {})};
	}
	return part;
}

/** Text and size of a tool result as the model saw it: strings as they are, anything else as JSON. */
export function resultText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (content === undefined || content === null) return '';
	try {
		return JSON.stringify(content) ?? '';
	} catch {
		return '';
	}
}
