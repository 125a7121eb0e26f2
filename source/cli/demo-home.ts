import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ensurePrivateDir} from '../core/home.js';
import {writeDemoLogs} from '../demo/generate.js';

/**
 * `--demo`: sample agent logs and a data directory of their own under a fresh temporary
 * directory. The user's real ledger and logs are never touched.
 */
export function prepareDemoHome(env: NodeJS.ProcessEnv, now: number): NodeJS.ProcessEnv {
	const root = mkdtempSync(join(tmpdir(), 'burn-demo-'));
	// The demo's logs and ledger live only as long as the run.
	process.once('exit', () => rmSync(root, {recursive: true, force: true}));
	const dirs = {
		claudeConfigDir: join(root, 'claude'),
		codexHome: join(root, 'codex'),
		opencodeDataDir: join(root, 'opencode'),
		geminiHome: join(root, 'gemini'),
		piAgentDir: join(root, 'pi'),
	};
	for (const d of Object.values(dirs)) ensurePrivateDir(d);
	writeDemoLogs(dirs, now);
	return {
		...env,
		BURN_HOME: join(root, 'home'),
		CLAUDE_CONFIG_DIR: dirs.claudeConfigDir,
		CODEX_HOME: dirs.codexHome,
		OPENCODE_DATA_DIR: dirs.opencodeDataDir,
		GEMINI_CLI_HOME: dirs.geminiHome,
		// Sources the demo has no logs for: an empty place, never the user's own logs.
		QWEN_RUNTIME_DIR: join(root, 'qwen'),
		KIMI_SHARE_DIR: join(root, 'kimi'),
		PI_CODING_AGENT_DIR: join(root, 'pi'),
		BURN_PI_SESSIONS_DIR: '',
		COPILOT_HOME: join(root, 'copilot'),
		AMP_DATA_DIR: join(root, 'amp'),
		DROID_SESSIONS_DIR: join(root, 'droid'),
		GOOSE_PATH_ROOT: join(root, 'goose'),
	};
}
