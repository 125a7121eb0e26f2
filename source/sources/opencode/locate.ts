import {isAbsolute, join} from 'node:path';

/**
 * OpenCode data directories, in order: `OPENCODE_DATA_DIR`, else `$XDG_DATA_HOME/opencode`,
 * else `~/.local/share/opencode`. One directory holds `opencode.db` (OpenCode 1.2 and later),
 * `opencode-*.db`, and the older `storage/` JSON tree.
 */
export function opencodeRoots(env: NodeJS.ProcessEnv, home: string): string[] {
	const explicit = env.OPENCODE_DATA_DIR?.trim();
	if (explicit) return [explicit];
	const xdg = env.XDG_DATA_HOME?.trim();
	// The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
	if (xdg && isAbsolute(xdg)) return [join(xdg, 'opencode')];
	return [join(home, '.local', 'share', 'opencode')];
}
