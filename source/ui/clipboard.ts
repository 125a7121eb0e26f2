/**
 * `y` copies through OSC 52 (the terminal sets its clipboard; tmux and most terminals pass it
 * on). A terminal that ignores it loses nothing: what was copied is printed again on exit.
 */
export interface Clipboard {
	copy(text: string): void;
	/** Everything copied during the run, in order. */
	copied: string[];
}

/** The OSC 52 sequence that puts `text` on the system clipboard. */
export function osc52(text: string): string {
	return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

export function makeClipboard(write: ((s: string) => void) | null): Clipboard {
	const copied: string[] = [];
	return {
		copied,
		copy(text: string) {
			copied.push(text);
			write?.(osc52(text));
		},
	};
}
