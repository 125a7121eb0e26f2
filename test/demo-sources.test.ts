/**
 * `--demo` never reads the user's own logs, for any source: every place discovery looks in
 * the demo's environment lies inside the demo's own temporary directory. Format-blind, so a
 * source added later without pointing its directory at the demo fails here.
 */
import {rmSync} from 'node:fs';
import {dirname, join, relative, isAbsolute} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {prepareDemoHome} from '../source/cli/demo-home.js';
import {SOURCES} from '../source/core/records.js';
import {discoverAll} from '../source/sources/discover-all.js';
import {tmp} from './helpers/tmp.js';

const roots: string[] = [];
afterEach(() => {
	while (roots.length) rmSync(roots.pop()!, {recursive: true, force: true});
});

const inside = (dir: string, path: string) => {
	const rel = relative(dir, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

describe('--demo and every source', () => {
	it('looks for logs only inside the demo directory, whatever the user environment says', () => {
		const user = tmp('burn-demo-user-');
		// Every override a user may have set, pointing at their own logs.
		const env: NodeJS.ProcessEnv = {
			HOME: user,
			USERPROFILE: user,
			XDG_DATA_HOME: join(user, 'xdg'),
			XDG_CONFIG_HOME: join(user, 'xdg-config'),
			CLAUDE_CONFIG_DIR: join(user, 'claude'),
			CODEX_HOME: join(user, 'codex'),
			OPENCODE_DATA_DIR: join(user, 'opencode'),
			GEMINI_CLI_HOME: user,
			QWEN_RUNTIME_DIR: join(user, 'qwen'),
			KIMI_SHARE_DIR: join(user, 'kimi'),
			PI_CODING_AGENT_DIR: join(user, 'pi'),
			BURN_PI_SESSIONS_DIR: join(user, 'pi-sessions'),
			COPILOT_HOME: join(user, 'copilot'),
			AMP_DATA_DIR: join(user, 'amp'),
			DROID_SESSIONS_DIR: join(user, 'droid'),
			FACTORY_DIR: join(user, 'factory'),
			GOOSE_PATH_ROOT: join(user, 'goose'),
		};
		const demo = prepareDemoHome(env, Date.parse('2026-09-10T12:00:00Z'));
		const root = dirname(demo.BURN_HOME!);
		roots.push(root);
		const found = discoverAll(demo);
		const seen = new Set(found.roots.map((r) => r.source));
		for (const s of SOURCES) expect(seen.has(s), `${s} has a root`).toBe(true);
		const outside = found.roots.filter((r) => !inside(root, r.path));
		expect(outside.map((r) => `${r.source} ${r.path}`)).toEqual([]);
		for (const f of found.files) expect(inside(root, f.path), f.path).toBe(true);
		for (const d of found.dbs) expect(inside(root, d.path), d.path).toBe(true);
		// The demo's own data: Claude Code, Codex, OpenCode, Gemini CLI and pi.
		expect([...found.sourcesFound].sort()).toEqual(['claude-code', 'codex', 'gemini', 'opencode', 'pi']);
	});
});
