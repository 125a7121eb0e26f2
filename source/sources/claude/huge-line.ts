/**
 * A Claude Code assistant line too long to parse (a 200 MB tool result or image) still carries
 * its usage. From the line's head and tail only, this rebuilds a small line with the fields a
 * turn needs (session, ids, time, model, usage) and no content: the turn's tokens count; its
 * content blocks (text, tool calls) are lost. Returns undefined when the parts hold no
 * assistant message with usage.
 */

/** Fields written before `message` (taken from the head first) and after it (tail first). */
const HEAD_KEYS = ['parentUuid', 'cwd', 'sessionId', 'version', 'gitBranch', 'userType', 'agentId'] as const;
const TAIL_KEYS = ['requestId', 'uuid', 'timestamp'] as const;

function strings(text: string, key: string): string[] {
	const re = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
	const out: string[] = [];
	for (const m of text.matchAll(re)) {
		try {
			out.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
		} catch {}
	}
	return out;
}

/** The JSON object that starts at `at` (a `{`), parsed; undefined when it does not close in `text`. */
function objectAt(text: string, at: number): Record<string, unknown> | undefined {
	let depth = 0;
	let inString = false;
	for (let i = at; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) {
			try {
				const v = JSON.parse(text.slice(at, i + 1)) as unknown;
				return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

/** The last `"usage":{…}` of `text` that parses. */
function lastUsage(text: string): Record<string, unknown> | undefined {
	for (let at = text.lastIndexOf('"usage"'); at >= 0; at = at > 0 ? text.lastIndexOf('"usage"', at - 1) : -1) {
		const brace = text.indexOf('{', at);
		if (brace < 0 || !/^"usage"\s*:\s*$/.test(text.slice(at, brace))) continue;
		const usage = objectAt(text, brace);
		if (usage) return usage;
	}
	return undefined;
}

export function salvageHugeLine(headBuf: Buffer, tailBuf: Buffer): Buffer | undefined {
	const head = headBuf.toString('utf8');
	const tail = tailBuf.toString('utf8');
	const msgAt = head.indexOf('"message"');
	const pre = msgAt >= 0 ? head.slice(0, msgAt) : head;
	const contentAt = msgAt >= 0 ? head.indexOf('"content"', msgAt) : -1;
	const inMessage = msgAt >= 0 ? head.slice(msgAt, contentAt >= 0 ? contentAt : undefined) : '';
	// The line's own type: Claude Code writes it after `message` (the tail's last), others before.
	if (strings(tail, 'type').at(-1) !== 'assistant' && strings(pre, 'type')[0] !== 'assistant') return undefined;
	const usage = lastUsage(tail) ?? lastUsage(head);
	if (!usage) return undefined;
	const line: Record<string, unknown> = {type: 'assistant'};
	for (const key of HEAD_KEYS) {
		const v = strings(pre, key)[0] ?? strings(tail, key).at(-1);
		if (v !== undefined) line[key] = v;
	}
	for (const key of TAIL_KEYS) {
		const v = strings(tail, key).at(-1) ?? strings(pre, key)[0];
		if (v !== undefined) line[key] = v;
	}
	if (/"isSidechain"\s*:\s*true/.test(pre)) line.isSidechain = true;
	const message: Record<string, unknown> = {role: 'assistant', type: 'message', content: [], usage};
	const id = strings(inMessage, 'id')[0];
	const model = strings(inMessage, 'model')[0] ?? strings(tail, 'model').at(-1);
	if (id !== undefined) message.id = id;
	if (model !== undefined) message.model = model;
	line.message = message;
	return Buffer.from(JSON.stringify(line));
}
