/**
 * A long line of a tool's result wrapped for the turn screen with a hanging indent: the
 * continuation rows start under the line's text (after its own indent and a Read line number
 * `   12→`), not at the gutter, and break at a space when there is one. Pure.
 */
import {wrapText} from '../core/wrap.js';

/** Where a line's text starts: after its leading spaces and a Read line number. */
export function hangOf(line: string): number {
	return /^(?:\s*\d+→)?\s*/.exec(line)![0].length;
}

/** `line` as rows no wider than `room` (room ≥ 1); continuation rows hang at the line's indent (at most half the room). */
export function wrapHanging(line: string, room: number): string[] {
	const width = Math.max(1, room);
	const hang = ' '.repeat(Math.min(hangOf(line), Math.floor(width / 2)));
	// A space in the second half of the row (past the indent) is a clean break; else cut hard.
	return wrapText(line, {width, hang, breakAt: 'secondHalf', long: 'cut'});
}
