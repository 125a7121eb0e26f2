import {createRequire} from 'node:module';

// node:crypto is loaded only when a kimi.json exists (as hash.ts does: not at every start-up).
const load = createRequire(import.meta.url);
const md5 = (s: string): string => (load('node:crypto') as typeof import('node:crypto')).createHash('md5').update(s, 'utf8').digest('hex');

/**
 * The model Kimi CLI is configured with (its wire log names none): `default_model` of
 * `config.toml`, resolved through its `[models.<name>]` table's `model`; the older
 * `config.json` the same way. Only the few keys needed are read, with a small TOML subset
 * (tables, `key = "string"`); anything else is ignored.
 */
export function modelFromToml(text: string): string | undefined {
	let table = '';
	let defaultModel: string | undefined;
	const models = new Map<string, string>();
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.replace(/^\s+|\s+$/g, '');
		if (line === '' || line.startsWith('#')) continue;
		const header = /^\[([^\]]+)\]$/.exec(line);
		if (header) {
			table = header[1]!.trim();
			continue;
		}
		const kv = /^("?)([A-Za-z0-9_.:-]+)\1\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line);
		if (!kv) continue;
		const key = kv[2]!;
		const value = kv[3] ?? kv[4] ?? '';
		if (table === '' && key === 'default_model') defaultModel = value;
		const m = /^models\.(?:"([^"]+)"|'([^']+)'|(.+))$/.exec(table);
		if (m && key === 'model') models.set(m[1] ?? m[2] ?? m[3]!, value);
	}
	if (!defaultModel) return undefined;
	return models.get(defaultModel) || defaultModel;
}

/** `config.json` (before the TOML config): `{"default_model", "models": {"<name>": {"model"}}}`, or a bare `{"model"}`. */
export function modelFromJson(text: string): string | undefined {
	try {
		const raw = JSON.parse(text) as {default_model?: unknown; model?: unknown; models?: Record<string, {model?: unknown}>};
		const name = typeof raw.default_model === 'string' ? raw.default_model : undefined;
		if (!name) return typeof raw.model === 'string' && raw.model ? raw.model : undefined;
		const model = raw.models?.[name]?.model;
		return typeof model === 'string' && model ? model : name;
	} catch {
		return undefined;
	}
}

/** `kimi.json` `work_dirs[]`: session group directory (`md5(path)`, `<kaos>_` prefixed off local) → path. */
export function workDirs(text: string): Map<string, string> {
	const out = new Map<string, string>();
	try {
		const raw = JSON.parse(text) as {work_dirs?: Array<{path?: unknown; kaos?: unknown}>};
		for (const w of raw.work_dirs ?? []) {
			if (typeof w?.path !== 'string') continue;
			const hex = md5(w.path);
			const kaos = typeof w.kaos === 'string' && w.kaos !== 'local' ? w.kaos : '';
			out.set(kaos ? `${kaos}_${hex}` : hex, w.path);
		}
	} catch {
		// no map: sessions without a project
	}
	return out;
}
