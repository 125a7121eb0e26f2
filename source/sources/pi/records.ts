/**
 * Splitting pi's lines into JSON records. Older pi versions (format v1) sometimes wrote two
 * records on one line with no newline between them (`…}{"type":…`); a strict line parser
 * would lose one response. No I/O.
 */
import {isObject, type Json} from '../claude/line.js';

/** Top-level JSON objects of one line, in order; a piece that does not parse is counted as bad. */
export function recordsOfLine(text: string): {records: Json[]; bad: number} {
	try {
		const v: unknown = JSON.parse(text);
		return isObject(v) ? {records: [v], bad: 0} : {records: [], bad: 1};
	} catch {
		// fall through: maybe several objects glued together
	}
	const records: Json[] = [];
	let bad = 0;
	for (const piece of splitObjects(text)) {
		try {
			const v: unknown = JSON.parse(piece);
			if (isObject(v)) records.push(v);
			else bad++;
		} catch {
			bad++;
		}
	}
	return {records, bad: records.length === 0 && bad === 0 ? 1 : bad};
}

/** The text of each balanced top-level `{…}` (strings and escapes respected). */
export function splitObjects(text: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let start = -1;
	let inStr = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inStr) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inStr = false;
			continue;
		}
		if (c === 0x22) inStr = true;
		else if (c === 0x7b) {
			if (depth === 0) start = i;
			depth++;
		} else if (c === 0x7d && depth > 0) {
			depth--;
			if (depth === 0 && start >= 0) {
				out.push(text.slice(start, i + 1));
				start = -1;
			}
		}
	}
	return out;
}
