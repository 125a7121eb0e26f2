/**
 * Tool names of Gemini CLI, Qwen Code and Kimi CLI land in the same kinds as Claude's, Codex's
 * and OpenCode's (files, commands, subagents, MCP), so hotspot tables mix them.
 */
import {describe, expect, it} from 'vitest';
import {canonicalTool} from '../source/analysis/tools.js';

describe('tool names of the Gemini family and Kimi', () => {
	it.each([
		['gemini', 'read_file', 'file-read', 'Read'],
		['gemini', 'read_many_files', 'file-read', 'Read'],
		['gemini', 'write_file', 'file-edit', 'Write'],
		['gemini', 'replace', 'file-edit', 'Edit'],
		['gemini', 'run_shell_command', 'shell', 'Bash'],
		['gemini', 'grep_search', 'search', 'Grep'],
		['gemini', 'search_file_content', 'search', 'Grep'],
		['gemini', 'list_directory', 'search', 'List'],
		['gemini', 'glob', 'search', 'Glob'],
		['gemini', 'web_fetch', 'web', 'WebFetch'],
		['gemini', 'google_web_search', 'web', 'WebSearch'],
		['gemini', 'invoke_agent', 'subagent', 'Agent'],
		['qwen', 'run_shell_command', 'shell', 'Bash'],
		['kimi', 'Shell', 'shell', 'Bash'],
		['kimi', 'ReadFile', 'file-read', 'Read'],
		['kimi', 'WriteFile', 'file-edit', 'Write'],
		['kimi', 'StrReplaceFile', 'file-edit', 'Edit'],
		['kimi', 'Grep', 'search', 'Grep'],
		['kimi', 'FetchURL', 'web', 'WebFetch'],
		['kimi', 'SearchWeb', 'web', 'WebSearch'],
		['kimi', 'Agent', 'subagent', 'Agent'],
	] as const)('%s %s → %s %s', (source, name, kind, display) => {
		expect(canonicalTool(name, {source})).toMatchObject({kind, display});
	});

	it('a Gemini or Qwen `<server>__<tool>` name is an MCP tool; a plain unknown name is not', () => {
		expect(canonicalTool('github__create_issue', {source: 'gemini'})).toMatchObject({kind: 'mcp', mcpServer: 'github', mcpTool: 'create_issue'});
		expect(canonicalTool('github__create_issue', {source: 'qwen'})).toMatchObject({kind: 'mcp', mcpServer: 'github'});
		expect(canonicalTool('create_issue', {source: 'gemini'})).toMatchObject({kind: 'other', display: 'create_issue'});
	});
});

describe('providers of the new sources (--provider)', () => {
	it('Gemini models are google, Qwen alibaba, Kimi moonshotai (also for ids that do not say so)', async () => {
		const {providerOf} = await import('../source/analysis/filters.js');
		expect(providerOf({model: 'gemini-2.5-pro', source: 'gemini'})).toBe('google');
		expect(providerOf({model: 'qwen3-coder-plus', source: 'qwen'})).toBe('alibaba');
		expect(providerOf({model: 'coder-model', source: 'qwen'})).toBe('alibaba');
		expect(providerOf({model: 'kimi-for-coding', source: 'kimi'})).toBe('moonshotai');
		expect(providerOf({model: '', source: 'kimi'})).toBe('moonshotai');
		expect(providerOf({model: 'gemini-2.5-pro', source: 'kimi'})).toBe('google');
	});
});
