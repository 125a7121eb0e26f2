import type {Key} from 'ink';

/** A key event with nothing pressed: the base of every synthesised key. */
export const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** One character of a multi-key read as the key it stands for. */
function keyOfChar(ch: string): [string, Key] {
	if (ch === '\r' || ch === '\n') return ['', {...NO_KEY, return: true}];
	if (ch === '\t') return ['', {...NO_KEY, tab: true}];
	if (ch === '\x7f' || ch === '\b') return ['', {...NO_KEY, backspace: true}];
	const code = ch.codePointAt(0)!;
	if (code < 0x20) return [String.fromCharCode(code + 96), {...NO_KEY, ctrl: true}];
	return [ch, {...NO_KEY, shift: /[A-Z]/.test(ch)}];
}

/** The keys of one input event: Ink passes plain text that arrived in one read as one string. */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	// Two Esc in one read (pressed fast, or sent together) come as one "meta Esc": two keys.
	if (key.escape && key.meta && input === '\x1b') return [['', {...NO_KEY, escape: true}], ['', {...NO_KEY, escape: true}]];
	const chars = [...input];
	if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return chars.map(keyOfChar);
}
