import {isObject} from './json.js';

/**
 * Context Codex injects as "user" messages (environment, permissions, AGENTS.md,
 * instructions): not something the user typed; dropped from user-turn blocks.
 */
const BOILERPLATE = ['<environment_context', '<permissions', '<collaboration_mode', '<INSTRUCTIONS>', '# AGENTS.md', '<user_instructions', '<turn_aborted'];

export function isBoilerplate(text: string): boolean {
	const t = text.trimStart();
	return BOILERPLATE.some((p) => t.startsWith(p));
}

/** The texts of a message's content (`input_text`, `output_text`, … items, or a string). */
export function textsOf(content: unknown): string[] {
	if (typeof content === 'string') return [content];
	if (!Array.isArray(content)) return [];
	const out: string[] = [];
	for (const item of content) if (isObject(item) && typeof item.text === 'string') out.push(item.text);
	return out;
}

/** Reasoning text: `summary[].text` then `content[].text` (encrypted content has none). */
export function reasoningText(p: Record<string, unknown>): string {
	return [...textsOf(p.summary), ...textsOf(p.content)].filter((t) => t.trim() !== '').join('\n');
}
