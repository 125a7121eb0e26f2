import {describe, expect, it} from 'vitest';
import {canonicalTool} from '../source/analysis/tools.js';

describe('canonicalTool', () => {
	it.each([
		// Claude Code
		['Read', 'file-read', 'Read'],
		['Edit', 'file-edit', 'Edit'],
		['Write', 'file-edit', 'Write'],
		['NotebookEdit', 'file-edit', 'NotebookEdit'],
		['MultiEdit', 'file-edit', 'MultiEdit'],
		['Bash', 'shell', 'Bash'],
		['Grep', 'search', 'Grep'],
		['Glob', 'search', 'Glob'],
		['LS', 'search', 'List'],
		['WebFetch', 'web', 'WebFetch'],
		['WebSearch', 'web', 'WebSearch'],
		['Task', 'subagent', 'Task'],
		['Agent', 'subagent', 'Agent'],
		['TodoWrite', 'other', 'TodoWrite'],
		['BashOutput', 'other', 'BashOutput'],
		// Codex
		['apply_patch', 'file-edit', 'Edit'],
		['shell', 'shell', 'Bash'],
		['exec_command', 'shell', 'Bash'],
		['local_shell_call', 'shell', 'Bash'],
		['container.exec', 'shell', 'Bash'],
		['read_file', 'file-read', 'Read'],
		['write_file', 'file-edit', 'Write'],
		['view_image', 'file-read', 'Read'],
		['spawn_agent', 'subagent', 'Agent'],
		['update_plan', 'other', 'Plan'],
		// OpenCode
		['read', 'file-read', 'Read'],
		['edit', 'file-edit', 'Edit'],
		['write', 'file-edit', 'Write'],
		['patch', 'file-edit', 'Edit'],
		['multiedit', 'file-edit', 'MultiEdit'],
		['bash', 'shell', 'Bash'],
		['grep', 'search', 'Grep'],
		['glob', 'search', 'Glob'],
		['list', 'search', 'List'],
		['webfetch', 'web', 'WebFetch'],
		['task', 'subagent', 'Task'],
		['todowrite', 'other', 'TodoWrite'],
	])('%s → %s %s', (name, kind, display) => {
		const t = canonicalTool(name);
		expect(t.kind).toBe(kind);
		expect(t.display).toBe(display);
		expect(t.mcpServer).toBeUndefined();
	});

	it('mcp__server__tool is MCP for every source', () => {
		expect(canonicalTool('mcp__github__create_issue')).toEqual({kind: 'mcp', display: 'github:create_issue', mcpServer: 'github', mcpTool: 'create_issue'});
		expect(canonicalTool('mcp__claude_ai_Notion__notion-search')).toMatchObject({mcpServer: 'claude_ai_Notion', mcpTool: 'notion-search'});
		expect(canonicalTool('mcp__context7__resolve-library-id', {source: 'opencode'})).toMatchObject({kind: 'mcp', mcpServer: 'context7'});
		expect(canonicalTool('mcp__lonely')).toMatchObject({kind: 'mcp', mcpServer: 'lonely', mcpTool: ''});
	});

	it('Codex names MCP tools <server>__<tool>', () => {
		expect(canonicalTool('memory__add_observations', {source: 'codex'})).toEqual({kind: 'mcp', display: 'memory:add_observations', mcpServer: 'memory', mcpTool: 'add_observations'});
		expect(canonicalTool('task-master-ai__set_task_status', {source: 'codex'})).toMatchObject({mcpServer: 'task-master-ai', mcpTool: 'set_task_status'});
		// not from Codex: not guessed
		expect(canonicalTool('memory__add_observations').kind).toBe('other');
		// built-ins stay built-ins
		expect(canonicalTool('exec_command', {source: 'codex'}).kind).toBe('shell');
	});

	it('OpenCode <server>_<tool> is MCP only for known servers', () => {
		expect(canonicalTool('github_create_issue', {source: 'opencode'})).toEqual({kind: 'other', display: 'github_create_issue'});
		expect(canonicalTool('github_create_issue', {source: 'opencode', mcpServers: ['github']})).toMatchObject({kind: 'mcp', mcpServer: 'github', mcpTool: 'create_issue'});
		expect(canonicalTool('my_server_do_it', {source: 'opencode', mcpServers: ['my', 'my_server']})).toMatchObject({mcpServer: 'my_server', mcpTool: 'do_it'});
		expect(canonicalTool('read', {source: 'opencode', mcpServers: ['read']}).kind).toBe('file-read');
	});

	it('unknown and empty names', () => {
		expect(canonicalTool('SomethingNew')).toEqual({kind: 'other', display: 'SomethingNew'});
		expect(canonicalTool('')).toEqual({kind: 'other', display: '(unknown)'});
	});
});
