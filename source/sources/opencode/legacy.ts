import {obj, str, type Obj} from './json.js';
import type {OcPart} from './types.js';

/**
 * Early OpenCode (0.x) wrote a message as one AI-SDK-style object: fields under `metadata`
 * (`time`, `sessionID`, `assistant: {providerID, modelID, tokens, path}`) and the parts
 * inline (`parts: [{type:'text'}, {type:'tool-invocation', toolInvocation}]`). This lifts
 * that shape into the current one; current messages pass through unchanged.
 */
export function normalizeMessage(raw: Obj): Obj {
	const meta = obj(raw.metadata);
	if (!meta || raw.time !== undefined) return raw;
	const assistant = obj(meta.assistant);
	return {
		...raw,
		time: meta.time,
		...(str(meta.sessionID) ? {sessionID: meta.sessionID} : {}),
		...(assistant
			? {
					providerID: assistant.providerID,
					modelID: assistant.modelID,
					tokens: assistant.tokens,
					path: assistant.path,
					...(assistant.summary !== undefined ? {summary: assistant.summary} : {}),
				}
			: {}),
	};
}

/** Inline parts of an early message, in the current part shape. */
export function inlineParts(raw: Obj): OcPart[] {
	if (!Array.isArray(raw.parts)) return [];
	const out: OcPart[] = [];
	raw.parts.forEach((p, i) => {
		const part = obj(p);
		if (!part) return;
		const id = str(part.id) ?? `${String(raw.id ?? 'msg')}:${String(i).padStart(6, '0')}`;
		const inv = obj(part.toolInvocation);
		if (part.type === 'tool-invocation' && inv) {
			const done = inv.state === 'result';
			out.push({
				id,
				data: {
					type: 'tool',
					callID: inv.toolCallId,
					tool: inv.toolName,
					state: {
						status: done ? 'completed' : 'running',
						input: inv.args ?? {},
						...(done ? {output: inv.result} : {}),
					},
				},
			});
		} else {
			out.push({id, data: part});
		}
	});
	return out;
}
