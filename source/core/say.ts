import {sanitize} from './sanitize.js';

/**
 * One `burn: …` line on stderr. Warnings carry file paths and text from logs, so they go
 * through the same `sanitize` as everything on stdout: no escape sequence, control or
 * bidi character reaches the terminal from any stream.
 */
export function say(stream: {write(s: string): unknown}, message: string): void {
	stream.write(`burn: ${sanitize(message)}\n`);
}
