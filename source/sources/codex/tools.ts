import {argsHash} from '../hash.js';
import type {ToolCall} from '../../core/records.js';
import {isObject, str} from './json.js';

/** Tools whose target is a shell command (`cmd` ?? `command`, string or argv array). */
const SHELL_TOOLS = new Set(['shell', 'exec_command', 'shell_command', 'container.exec', 'local_shell', 'unified_exec']);
const PATH_TOOLS = new Set(['read_file', 'write_file', 'view_image', 'list_dir', 'edit_file']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish', 'pwsh', 'powershell', 'cmd']);

/** A call as read from a response item, before it is attached to a turn. */
export interface ParsedCall {
	call: ToolCall;
	/** Parsed input (content sidecar, spawn_agent fields). */
	input: unknown;
}

/** `function_call.arguments` is a JSON string; anything but an object becomes `{}`. */
export function parseArguments(args: unknown): Record<string, unknown> {
	if (isObject(args)) return args;
	if (typeof args !== 'string') return {};
	try {
		const v: unknown = JSON.parse(args);
		return isObject(v) ? v : {};
	} catch {
		return {};
	}
}

function shellName(arg: string): string {
	const base = arg.split(/[\\/]/).pop() ?? arg;
	return base.toLowerCase().replace(/\.exe$/, '');
}

function isCommandFlag(flag: string): boolean {
	return /^-[a-z]*c[a-z]*$/i.test(flag) || /^-command$/i.test(flag) || /^\/c$/i.test(flag);
}

function quote(arg: string): string {
	if (arg !== '' && !/[\s'"\\$`|&;<>()*?[\]{}!#~]/.test(arg)) return arg;
	return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * An argv array as one shell string: `["bash","-lc","npm test"]` → `npm test` (a shell's
 * `-c` script is the command), anything else joined with spaces (quoting arguments that
 * need it).
 */
export function joinCommand(argv: readonly string[]): string {
	if (argv.length >= 3 && SHELLS.has(shellName(argv[0]!)) && isCommandFlag(argv[1]!)) return argv[2]!.trim();
	return argv.map(quote).join(' ');
}

/** A command given as a string or an argv array. */
export function commandText(v: unknown): string | undefined {
	if (typeof v === 'string') return v.trim() || undefined;
	if (Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === 'string')) return joinCommand(v as string[]) || undefined;
	return undefined;
}

/** The file of the first `*** Update|Add|Delete File: <path>` header of a patch. */
export function patchTarget(patch: string | undefined): string | undefined {
	if (!patch) return undefined;
	const m = /^\*\*\* (?:Update|Add|Delete) File: (.+?)\s*$/m.exec(patch);
	return m ? m[1] : undefined;
}

function targetOf(name: string, input: Record<string, unknown>): string | undefined {
	if (SHELL_TOOLS.has(name)) return commandText(input.cmd) ?? commandText(input.command);
	if (name === 'apply_patch') return patchTarget(str(input.input) ?? str(input.patch));
	if (PATH_TOOLS.has(name)) return str(input.path) ?? str(input.file_path) ?? str(input.dir_path);
	if (name === 'spawn_agent') return spawnFields(input).type ?? spawnFields(input).description;
	return str(input.path) ?? str(input.file_path) ?? commandText(input.cmd) ?? commandText(input.command) ?? str(input.url);
}

/** `spawn_agent` arguments: agent type and task description (first field present wins). */
export function spawnFields(input: Record<string, unknown>): {type?: string; description?: string; agentId?: string} {
	return {
		type: str(input.subagent_type) ?? str(input.agent_type) ?? str(input.type) ?? str(input.agent_role),
		description: str(input.description) ?? str(input.task) ?? str(input.prompt) ?? str(input.message),
		agentId: str(input.agent_id) ?? str(input.subagent_id) ?? str(input.session_id),
	};
}

function make(id: string, name: string, input: unknown, target: string | undefined): ParsedCall {
	const call: ToolCall = {id, name, argsHash: argsHash(input)};
	if (target) call.target = target;
	return {call, input};
}

/**
 * A tool call from a response item: `function_call` (JSON-string arguments),
 * `custom_tool_call` (raw `input` string; apply_patch target from its first file header),
 * `local_shell_call` (argv in `action.command`), `web_search_call` (`action.query`).
 * The harness's tool name is kept as `name`.
 */
export function parseCall(p: Record<string, unknown>): ParsedCall | undefined {
	const type = p.type;
	if (type === 'function_call') {
		const name = str(p.name);
		const id = str(p.call_id) ?? str(p.id);
		if (!name || !id) return undefined;
		const input = parseArguments(p.arguments);
		return make(id, name, input, targetOf(name, input));
	}
	if (type === 'custom_tool_call') {
		const name = str(p.name);
		const id = str(p.call_id) ?? str(p.id);
		if (!name || !id) return undefined;
		const raw = typeof p.input === 'string' ? p.input : '';
		const target = name === 'apply_patch' || raw.startsWith('*** Begin Patch') ? patchTarget(raw) : undefined;
		return make(id, name, {input: raw}, target);
	}
	if (type === 'local_shell_call') {
		const id = str(p.call_id) ?? str(p.id);
		if (!id) return undefined;
		const action = isObject(p.action) ? p.action : {};
		return make(id, 'local_shell', action, commandText(action.command));
	}
	if (type === 'web_search_call') {
		const id = str(p.id) ?? str(p.call_id);
		if (!id) return undefined;
		const action = isObject(p.action) ? p.action : {};
		return make(id, 'web_search', action, str(action.query) ?? str(action.url));
	}
	return undefined;
}
