/**
 * A long line of a tool's result wrapped for the turn screen with a hanging indent: the
 * continuation rows start under the line's text (after its own indent and a Read line number
 * `   12→`), not at the gutter, and break at a space when there is one. Pure.
 */

/** Where a line's text starts: after its leading spaces and a Read line number. */
export function hangOf(line: string): number {
	return /^(?:\s*\d+→)?\s*/.exec(line)![0].length;
}

/** `line` as rows no wider than `room` (room ≥ 1); continuation rows hang at the line's indent (at most half the room). */
export function wrapHanging(line: string, room: number): string[] {
	const width = Math.max(1, room);
	if (line.length <= width) return [line];
	const hang = Math.min(hangOf(line), Math.floor(width / 2));
	const pad = ' '.repeat(hang);
	const out: string[] = [];
	let rest = line;
	let lead = '';
	for (;;) {
		const avail = width - lead.length;
		if (rest.length <= avail) break;
		// A space in the second half of the row (past the indent) is a clean break; else cut hard.
		const space = rest.lastIndexOf(' ', avail);
		const floor = lead ? Math.ceil(avail / 2) : Math.max(hang, Math.ceil(avail / 2));
		const cut = space >= floor ? space : avail;
		out.push(lead + rest.slice(0, cut));
		rest = space >= floor ? rest.slice(cut + 1) : rest.slice(cut);
		lead = pad;
	}
	out.push(lead + rest);
	return out;
}
