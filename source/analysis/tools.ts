/**
 * Tool names normalised across sources (PRODUCT.md improvement 7), so Codex and OpenCode
 * calls show up in the file, command, subagent and MCP tables beside Claude's.
 *
 * MCP tools:
 * - `mcp__<server>__<tool>` (Claude Code, and any source that uses the same form) is MCP.
 * - Codex names MCP tools `<server>__<tool>` (`memory__add_observations`): with
 *   `source: 'codex'`, a name with `__` that is not a built-in is MCP.
 * - Gemini CLI and Qwen Code name an MCP tool `<server>__<tool>` when its bare name is taken:
 *   treated as Codex's form.
 * - OpenCode names MCP tools `<server>_<tool>`, which cannot be told apart from a plugin or
 *   custom tool with an underscore in its name: it is MCP only when the caller passes the
 *   server among `mcpServers`; otherwise it stays `other` under its own name.
 */
import type {SourceKind} from '../core/records.js';

export type ToolKind = 'file-read' | 'file-edit' | 'shell' | 'subagent' | 'mcp' | 'search' | 'web' | 'other';

export interface CanonicalTool {
	kind: ToolKind;
	/** The name shown to the user: `Read`, `Edit`, `Bash`, `Agent`, `github:create_issue`… */
	display: string;
	mcpServer?: string;
	mcpTool?: string;
}

export interface CanonicalToolOptions {
	source?: SourceKind;
	/** MCP server names known to the caller (OpenCode `<server>_<tool>` names). */
	mcpServers?: Iterable<string>;
}

/** Built-in tools of every source, by lower-cased name. */
const BUILTIN: ReadonlyMap<string, {kind: ToolKind; display: string}> = new Map([
	// Claude Code (and OpenCode's lower-case spellings of the same tools)
	['read', {kind: 'file-read', display: 'Read'}],
	['edit', {kind: 'file-edit', display: 'Edit'}],
	['write', {kind: 'file-edit', display: 'Write'}],
	['notebookedit', {kind: 'file-edit', display: 'NotebookEdit'}],
	['multiedit', {kind: 'file-edit', display: 'MultiEdit'}],
	['bash', {kind: 'shell', display: 'Bash'}],
	['grep', {kind: 'search', display: 'Grep'}],
	['glob', {kind: 'search', display: 'Glob'}],
	['ls', {kind: 'search', display: 'List'}],
	['webfetch', {kind: 'web', display: 'WebFetch'}],
	['websearch', {kind: 'web', display: 'WebSearch'}],
	['task', {kind: 'subagent', display: 'Task'}],
	['agent', {kind: 'subagent', display: 'Agent'}],
	['todowrite', {kind: 'other', display: 'TodoWrite'}],
	['todoread', {kind: 'other', display: 'TodoRead'}],
	// OpenCode
	['patch', {kind: 'file-edit', display: 'Edit'}],
	['list', {kind: 'search', display: 'List'}],
	['codesearch', {kind: 'search', display: 'CodeSearch'}],
	['skill', {kind: 'other', display: 'Skill'}],
	// Codex
	['apply_patch', {kind: 'file-edit', display: 'Edit'}],
	['shell', {kind: 'shell', display: 'Bash'}],
	['exec_command', {kind: 'shell', display: 'Bash'}],
	['local_shell_call', {kind: 'shell', display: 'Bash'}],
	['local_shell', {kind: 'shell', display: 'Bash'}],
	['container.exec', {kind: 'shell', display: 'Bash'}],
	['read_file', {kind: 'file-read', display: 'Read'}],
	['view_image', {kind: 'file-read', display: 'Read'}],
	['write_file', {kind: 'file-edit', display: 'Write'}],
	['list_dir', {kind: 'search', display: 'List'}],
	['grep_files', {kind: 'search', display: 'Grep'}],
	['web_search', {kind: 'web', display: 'WebSearch'}],
	['spawn_agent', {kind: 'subagent', display: 'Agent'}],
	['update_plan', {kind: 'other', display: 'Plan'}],
	// Gemini CLI and Qwen Code (its fork)
	['read_many_files', {kind: 'file-read', display: 'Read'}],
	['replace', {kind: 'file-edit', display: 'Edit'}],
	['run_shell_command', {kind: 'shell', display: 'Bash'}],
	['grep_search', {kind: 'search', display: 'Grep'}],
	['search_file_content', {kind: 'search', display: 'Grep'}],
	['list_directory', {kind: 'search', display: 'List'}],
	['web_fetch', {kind: 'web', display: 'WebFetch'}],
	['google_web_search', {kind: 'web', display: 'WebSearch'}],
	['invoke_agent', {kind: 'subagent', display: 'Agent'}],
	['write_todos', {kind: 'other', display: 'TodoWrite'}],
	// Kimi CLI
	['readfile', {kind: 'file-read', display: 'Read'}],
	['readmediafile', {kind: 'file-read', display: 'Read'}],
	['writefile', {kind: 'file-edit', display: 'Write'}],
	['strreplacefile', {kind: 'file-edit', display: 'Edit'}],
	['searchweb', {kind: 'web', display: 'WebSearch'}],
	['fetchurl', {kind: 'web', display: 'WebFetch'}],
	['settodolist', {kind: 'other', display: 'TodoWrite'}],
	// GitHub Copilot CLI
	['view', {kind: 'file-read', display: 'Read'}],
	['create', {kind: 'file-edit', display: 'Write'}],
	['str_replace_editor', {kind: 'file-edit', display: 'Edit'}],
	// Amp
	['edit_file', {kind: 'file-edit', display: 'Edit'}],
	['create_file', {kind: 'file-edit', display: 'Write'}],
]);

function mcp(server: string, tool: string): CanonicalTool {
	return {kind: 'mcp', display: tool ? `${server}:${tool}` : server, mcpServer: server, mcpTool: tool};
}

/** The canonical kind and display name of a tool, whatever the source called it. */
export function canonicalTool(name: string, opts: CanonicalToolOptions = {}): CanonicalTool {
	const raw = typeof name === 'string' ? name.trim() : '';
	if (raw === '') return {kind: 'other', display: '(unknown)'};
	if (raw.startsWith('mcp__')) {
		const rest = raw.slice(5);
		const cut = rest.indexOf('__');
		return cut < 0 ? mcp(rest, '') : mcp(rest.slice(0, cut), rest.slice(cut + 2));
	}
	const builtin = BUILTIN.get(raw.toLowerCase());
	if (builtin) return {...builtin};
	if (opts.source === 'codex' || opts.source === 'gemini' || opts.source === 'qwen') {
		const cut = raw.indexOf('__');
		if (cut > 0 && cut + 2 < raw.length) return mcp(raw.slice(0, cut), raw.slice(cut + 2));
	}
	if (opts.mcpServers) {
		// Longest server first: `my_server_tool` with servers `my` and `my_server`.
		const servers = [...opts.mcpServers].sort((a, b) => b.length - a.length);
		for (const server of servers) {
			if (server && raw.startsWith(`${server}_`) && raw.length > server.length + 1) {
				return mcp(server, raw.slice(server.length + 1));
			}
		}
	}
	return {kind: 'other', display: raw};
}

export const isFileTool = (t: CanonicalTool): boolean => t.kind === 'file-read' || t.kind === 'file-edit';

export {bashVerb, SHELL_VERB} from './bash-verb.js';
