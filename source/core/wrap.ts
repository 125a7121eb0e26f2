/**
 * Word wrapping, pure: one filler behind the detail pane, the text report's header lines, the
 * patterns report's top finding and the turn screen's hanging rows, each with its own options.
 */

export interface WrapOptions {
	/** Columns of a line, its indent included. */
	width: number;
	/** Columns a line's text gets at least, even past `width` (default 0). */
	minRoom?: number;
	/** Before the first line (default ''). */
	indent?: string;
	/** Before every later line (default: `indent`). */
	hang?: string;
	/**
	 * Where a line may break: at any space after the line's text has begun ('space', the default),
	 * or only at a space in the second half of the line's room ('secondHalf').
	 */
	breakAt?: 'space' | 'secondHalf';
	/**
	 * A word longer than the room (no space to break at): cut at the room and go on with the rest
	 * ('cut'), kept whole on its own line ('keep', the default), or given to a function that
	 * shortens it to the room (e.g. in the middle).
	 */
	long?: 'cut' | 'keep' | ((word: string, room: number) => string);
	/**
	 * What is taken off: nothing ('none', the default); the text's leading spaces when it does not
	 * fit on one line ('first'); every line's leading spaces, a text of spaces giving no line
	 * ('lines'); or white space off both ends of the text and off the start of every line ('all').
	 */
	trim?: 'none' | 'first' | 'lines' | 'all';
	/** Each `\n`-separated paragraph wrapped on its own (default: false, a `\n` is a character). */
	paragraphs?: boolean;
}

/** `text` as lines: words are filled greedily into each line's room and broken at single spaces. */
export function wrapText(text: string, options: WrapOptions): string[] {
	const out: string[] = [];
	for (const para of options.paragraphs ? text.split('\n') : [text]) fill(options.trim === 'all' ? para.trimEnd() : para, options, out);
	return out;
}

function fill(text: string, o: WrapOptions, out: string[]): void {
	const indent = o.indent ?? '';
	const hang = o.hang ?? indent;
	const trim = o.trim ?? 'none';
	const long = o.long ?? 'keep';
	let rest = text;
	for (let first = true; ; first = false) {
		const lead = first ? indent : hang;
		const room = Math.max(o.minRoom ?? 0, o.width - lead.length, 0);
		if (trim === 'lines' || trim === 'all' || (trim === 'first' && first && rest.length > room)) {
			rest = trim === 'all' ? rest.trimStart() : rest.replace(/^ +/, '');
			if (rest === '') return;
		}
		if (rest.length <= room) {
			out.push(lead + rest);
			return;
		}
		// A break needs some of the line's text before it: its first character that is not white
		// space ('lines': its first character, its spaces being gone); a blank line has none.
		const found = trim === 'lines' ? 0 : rest.search(/\S/);
		const textStart = found < 0 ? rest.length : found;
		const space = rest.lastIndexOf(' ', room);
		if (space >= (o.breakAt === 'secondHalf' ? Math.ceil(room / 2) : textStart + 1)) {
			out.push(lead + rest.slice(0, space));
			rest = rest.slice(space + 1);
		} else if (long === 'cut') {
			const cut = Math.max(1, room);
			out.push(lead + rest.slice(0, cut));
			rest = rest.slice(cut);
		} else {
			const end = rest.indexOf(' ', textStart);
			const word = end < 0 ? rest : rest.slice(0, end);
			out.push(lead + (long === 'keep' ? word : long(word, room)));
			if (end < 0) return;
			rest = rest.slice(end + 1);
		}
	}
}
