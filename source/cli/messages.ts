import type {SourceRoot} from '../sources/discover.js';
import {sanitize} from '../report/format.js';

/** Said when no agent logs exist anywhere burn looks. */
export function noLogsMessage(roots: SourceRoot[]): string {
	const lines = ['No agent logs found. burn looked in:'];
	for (const r of roots) lines.push(`  ${r.source.padEnd(12)} ${sanitize(r.path)}${r.exists ? '' : '  (missing)'}`);
	lines.push(
		'Set CLAUDE_CONFIG_DIR, CODEX_HOME or OPENCODE_DATA_DIR if your agents keep their logs elsewhere',
		'(GEMINI_CLI_HOME, QWEN_RUNTIME_DIR, KIMI_SHARE_DIR for Gemini CLI, Qwen Code, Kimi CLI),',
		'or run `burn --demo` to see burn on sample data.',
		'',
	);
	return lines.join('\n');
}
