/** Suggested actions of findings: commands to run and snippets to paste. */
import {dirname} from 'node:path/posix';
import type {FindingAction} from './types.js';

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shq(s: string): string {
	if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(s)) return s;
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const inspectSession = (sessionId: string): FindingAction => ({
	type: 'command',
	label: 'Inspect this session',
	text: `burn --session ${shq(sessionId)}`,
});

export const DEFAULT_BASH_LIMIT = 30_000;

export const bashLimitSetting = (where: string): FindingAction => ({
	type: 'paste',
	label: `Cap Bash output: put this in the "env" block of ${where} (Claude Code's default is ${DEFAULT_BASH_LIMIT})`,
	text: `"BASH_MAX_OUTPUT_LENGTH": "${DEFAULT_BASH_LIMIT}"`,
});

export const outputInstruction: FindingAction = {
	type: 'paste',
	label: 'Add to CLAUDE.md / AGENTS.md',
	text: 'Keep command output short: pipe long output through `head`, `tail` or `grep`, and write large results to a file and read only the part you need.',
};

export const editInstruction: FindingAction = {
	type: 'paste',
	label: 'Add to CLAUDE.md / AGENTS.md',
	text: 'Read a file (or the relevant part of it) before editing it, and make one complete edit instead of several attempts.',
};

/** Move an unused definition out of the agent's folder (a skill: its whole folder). */
export function archiveAction(path: string, archiveDir: string, isSkillFile: boolean): FindingAction {
	const hash = path.indexOf('#/');
	if (hash >= 0) {
		return {type: 'paste', label: 'Remove the entry', text: `Edit ${path.slice(0, hash)} and remove the entry at ${path.slice(hash + 1)}.`};
	}
	const target = isSkillFile && /[\\/]SKILL\.md$/.test(path) ? dirname(path) : path;
	const dir = archiveDir === '$HOME/.burn/ghost-archive' ? '"$HOME/.burn/ghost-archive"' : shq(archiveDir);
	return {type: 'command', label: 'Archive it (move it out of the agent’s folder)', text: `mkdir -p ${dir} && mv ${shq(target)} ${dir}/`};
}

export function pricingAction(model: string): FindingAction {
	const snippet = {custom: {models: {[model]: {cost: {input: 0, output: 0, cache_read: 0, cache_write: 0}}}}};
	return {
		type: 'paste',
		label: 'Give it a price (USD per million tokens) in <burn home>/pricing.json',
		text: JSON.stringify(snippet),
	};
}
