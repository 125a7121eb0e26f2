/**
 * What is installed on this machine for the agents, for the ghost-surface and tool-output
 * checks: user-level Claude Code agents, skills and commands and its settings, Codex prompts
 * and skills, OpenCode agents, commands and skills (its config directory and `opencode.json`).
 * Project-level folders (`.claude/agents`, `.opencode/`) are out of scope. The only I/O of
 * the patterns feature; it returns plain data and never throws: a missing or unreadable file
 * or folder is left out.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {basename, extname, isAbsolute, join} from 'node:path';
import type {SourceKind} from '../core/records.js';
import {claudeRoots, codexRoot} from './discover.js';

export type InventoryKind = 'agent' | 'skill' | 'command' | 'prompt';

export interface InventoryItem {
	source: SourceKind;
	kind: InventoryKind;
	/** The name it is invoked by (file stem, skill folder, config key). */
	name: string;
	/** The file, or `<config file>#/<section>/<name>` for an entry of a config file. */
	path: string;
	/** Size of the whole definition. */
	bytes: number;
	/**
	 * Bytes of what the agent puts in every request's system prompt for it (name and
	 * description in the tool or skill catalog); 0 when it is loaded only on use.
	 */
	catalogBytes: number;
}

export interface BashOutputSetting {
	/** The settings file. */
	path: string;
	/** `env.BASH_MAX_OUTPUT_LENGTH` in characters. */
	chars: number;
}

export interface Inventory {
	items: InventoryItem[];
	/** Claude Code settings files that set BASH_MAX_OUTPUT_LENGTH. */
	bashOutputSettings: BashOutputSetting[];
	/** Folders and files looked at (existing or not), for notices. */
	scanned: Array<{source: SourceKind; path: string; exists: boolean}>;
}

const MAX_READ = 256 * 1024;

function list(dir: string): string[] | null {
	try {
		return readdirSync(dir).sort();
	} catch {
		return null;
	}
}

function readText(path: string): string | null {
	try {
		const st = statSync(path);
		if (!st.isFile()) return null;
		const text = readFileSync(path, 'utf8');
		return text.length > MAX_READ ? text.slice(0, MAX_READ) : text;
	} catch {
		return null;
	}
}

function sizeOf(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

/** `name:` and `description:` of a YAML front matter block (single-line or folded values). */
export function frontMatter(text: string): {name?: string; description?: string} {
	const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
	if (!m) return {};
	const out: {name?: string; description?: string} = {};
	const lines = m[1]!.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const kv = /^(name|description):\s*(.*)$/.exec(lines[i]!);
		if (!kv) continue;
		let value = kv[2]!.trim();
		if (value === '|' || value === '>' || value === '|-' || value === '>-' || value === '') {
			const more: string[] = [];
			while (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]!)) more.push(lines[++i]!.trim());
			value = more.join(' ');
		}
		value = value.replace(/^(['"])([\s\S]*)\1$/, '$2');
		if (value) out[kv[1] as 'name' | 'description'] = value;
	}
	return out;
}

const catalogBytesOf = (name: string, description: string | undefined): number =>
	description ? Buffer.byteLength(`${name}: ${description}`, 'utf8') : 0;

const isMarkdown = (f: string): boolean => /\.(md|markdown)$/i.test(f);
const stem = (f: string): string => basename(f, extname(f));

interface Scan {
	items: InventoryItem[];
	scanned: Inventory['scanned'];
}

/** `<dir>/*.md` definitions; `inCatalog` = their description rides in every request. */
function markdownDir(scan: Scan, source: SourceKind, kind: InventoryKind, dir: string, inCatalog: boolean): void {
	const names = list(dir);
	scan.scanned.push({source, path: dir, exists: names !== null});
	for (const f of names ?? []) {
		if (f.startsWith('.') || !isMarkdown(f)) continue;
		const path = join(dir, f);
		const text = readText(path);
		if (text === null) continue;
		const fm = frontMatter(text);
		const name = stem(f);
		scan.items.push({source, kind, name, path, bytes: sizeOf(path), catalogBytes: inCatalog ? catalogBytesOf(fm.name ?? name, fm.description) : 0});
	}
}

/** `<dir>/<name>/SKILL.md` skills (a skill's name and description are in every request's catalog). */
function skillDir(scan: Scan, source: SourceKind, dir: string): void {
	const names = list(dir);
	scan.scanned.push({source, path: dir, exists: names !== null});
	for (const d of names ?? []) {
		if (d.startsWith('.')) continue;
		const path = join(dir, d, 'SKILL.md');
		const text = readText(path);
		if (text === null) {
			// A loose `<dir>/<name>.md` skill file.
			if (isMarkdown(d)) markdownFile(scan, source, 'skill', join(dir, d));
			continue;
		}
		const fm = frontMatter(text);
		scan.items.push({source, kind: 'skill', name: d, path, bytes: sizeOf(path), catalogBytes: catalogBytesOf(fm.name ?? d, fm.description ?? '(skill)')});
	}
}

function markdownFile(scan: Scan, source: SourceKind, kind: InventoryKind, path: string): void {
	const text = readText(path);
	if (text === null) return;
	const fm = frontMatter(text);
	const name = stem(path);
	scan.items.push({source, kind, name, path, bytes: sizeOf(path), catalogBytes: catalogBytesOf(fm.name ?? name, fm.description ?? '(skill)')});
}

function parseJson(text: string | null): unknown {
	if (text === null) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		// JSONC: drop comments and trailing commas (strings with `//` inside are rare in these files).
		try {
			return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/,(\s*[}\]])/g, '$1'));
		} catch {
			return undefined;
		}
	}
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `env.BASH_MAX_OUTPUT_LENGTH` of a Claude Code settings file (characters), or undefined. */
export function readBashOutputSetting(path: string): BashOutputSetting | undefined {
	const json = parseJson(readText(path));
	if (!isObj(json) || !isObj(json.env)) return undefined;
	const raw = json.env.BASH_MAX_OUTPUT_LENGTH;
	const chars = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
	return Number.isFinite(chars) && chars > 0 ? {path, chars: Math.floor(chars)} : undefined;
}

/** OpenCode's config directory: OPENCODE_CONFIG_DIR, else `$XDG_CONFIG_HOME/opencode`, else `~/.config/opencode`. */
export function opencodeConfigDir(env: NodeJS.ProcessEnv): string {
	const explicit = env.OPENCODE_CONFIG_DIR?.trim();
	if (explicit) return explicit;
	const xdg = env.XDG_CONFIG_HOME?.trim();
	if (xdg && isAbsolute(xdg)) return join(xdg, 'opencode');
	return join(env.HOME || homedir(), '.config', 'opencode');
}

/** `agent` / `command` entries of opencode.json(c). */
function opencodeConfigEntries(scan: Scan, dir: string): void {
	for (const file of ['opencode.json', 'opencode.jsonc', 'config.json']) {
		const path = join(dir, file);
		const json = parseJson(readText(path));
		if (!isObj(json)) continue;
		for (const [section, kind] of [
			['agent', 'agent'],
			['command', 'command'],
		] as const) {
			const entries = json[section];
			if (!isObj(entries)) continue;
			for (const [name, value] of Object.entries(entries)) {
				const description = isObj(value) && typeof value.description === 'string' ? value.description : undefined;
				scan.items.push({
					source: 'opencode',
					kind,
					name,
					path: `${path}#/${section}/${name}`,
					bytes: Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8'),
					catalogBytes: kind === 'agent' ? catalogBytesOf(name, description) : 0,
				});
			}
		}
	}
}

/** The installed surface and settings. `env` gives HOME, CLAUDE_CONFIG_DIR, CODEX_HOME, XDG_CONFIG_HOME. */
export function readInventory(env: NodeJS.ProcessEnv): Inventory {
	const scan: Scan = {items: [], scanned: []};
	const bashOutputSettings: BashOutputSetting[] = [];
	for (const root of claudeRoots(env)) {
		// Claude Code lists agents (Task tool), skills (Skill tool) and custom slash commands
		// with their descriptions in every request.
		markdownDir(scan, 'claude-code', 'agent', join(root, 'agents'), true);
		skillDir(scan, 'claude-code', join(root, 'skills'));
		markdownDir(scan, 'claude-code', 'command', join(root, 'commands'), true);
		const setting = readBashOutputSetting(join(root, 'settings.json'));
		if (setting) bashOutputSettings.push(setting);
	}
	const codex = codexRoot(env);
	// Codex custom prompts are expanded only when invoked; skills are listed in every request.
	markdownDir(scan, 'codex', 'prompt', join(codex, 'prompts'), false);
	skillDir(scan, 'codex', join(codex, 'skills'));
	const oc = opencodeConfigDir(env);
	for (const sub of ['agent', 'agents']) markdownDir(scan, 'opencode', 'agent', join(oc, sub), true);
	for (const sub of ['command', 'commands']) markdownDir(scan, 'opencode', 'command', join(oc, sub), false);
	for (const sub of ['skill', 'skills']) skillDir(scan, 'opencode', join(oc, sub));
	opencodeConfigEntries(scan, oc);
	// The same file reached twice (a root listed twice, a symlinked folder) counts once.
	const seen = new Set<string>();
	const items = scan.items.filter((i) => {
		const key = `${i.source}|${i.kind}|${i.path}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return {items, bashOutputSettings, scanned: scan.scanned};
}
