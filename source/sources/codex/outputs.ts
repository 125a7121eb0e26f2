import {isObject, num, str} from './json.js';

/** Outputs up to this size are parsed as JSON to find their metadata; larger ones are scanned. */
const PARSE_LIMIT = 1 << 20;
const EXIT_TEXT = /(?:^|\n)\s*(?:Exit code:|Process exited with code)\s*(-?\d+)/;
const EXIT_JSON = /"exit_code"\s*:\s*(-?\d+)/;

export interface ParsedOutput {
	callId: string;
	/** What the model was given, as a string (structured output JSON-encoded). */
	text: string;
	/** Parsed JSON of a JSON-shaped output (small ones only). */
	json?: Record<string, unknown>;
	isError: boolean;
}

function exitCodeOf(json: Record<string, unknown>): number | undefined {
	const meta = isObject(json.metadata) ? json.metadata : undefined;
	return num(meta?.exit_code) ?? num(json.exit_code) ?? num(json.exitCode);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	if (text.length > PARSE_LIMIT) return undefined;
	try {
		let v: unknown = JSON.parse(text);
		if (typeof v === 'string' && v.length <= PARSE_LIMIT && v.trimStart().startsWith('{')) v = JSON.parse(v);
		return isObject(v) ? v : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A `function_call_output` / `custom_tool_call_output`. The error flag comes from the output
 * itself: `metadata.exit_code` ≠ 0 in a JSON output (Codex ≤ 0.5x), an `Exit code: N` /
 * `Process exited with code N` header in a text output, or `success: false`.
 */
export function parseOutput(p: Record<string, unknown>): ParsedOutput | undefined {
	const callId = str(p.call_id);
	if (!callId) return undefined;
	const out = p.output;
	let text: string;
	let isError = false;
	let json: Record<string, unknown> | undefined;
	if (typeof out === 'string') {
		text = out;
	} else if (isObject(out) && typeof out.content === 'string') {
		text = out.content;
		if (out.success === false) isError = true;
	} else if (out === undefined || out === null) {
		text = '';
	} else {
		text = JSON.stringify(out);
		if (isObject(out)) json = out;
	}
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{')) {
		json ??= parseJsonObject(trimmed);
		const code = json ? exitCodeOf(json) : Number(EXIT_JSON.exec(text.slice(-512))?.[1] ?? Number.NaN);
		if (code !== undefined && !Number.isNaN(code) && code !== 0) isError = true;
		if (json?.success === false) isError = true;
	} else {
		const m = EXIT_TEXT.exec(text.slice(0, 512));
		if (m && Number(m[1]) !== 0) isError = true;
	}
	return {callId, text, json, isError};
}

/** The spawned agent's id in a spawn_agent output or event (`agent_id`, `new_thread_id`, …). */
export function agentIdIn(obj: Record<string, unknown> | undefined): string | undefined {
	if (!obj) return undefined;
	return (
		str(obj.agent_id) ??
		str(obj.subagent_id) ??
		str(obj.new_thread_id) ??
		str(obj.thread_id) ??
		str(obj.session_id) ??
		str(obj.receiver_thread_id)
	);
}
