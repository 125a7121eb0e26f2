import {useCallback, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {bindingFor, type Command, type Context, type Mode} from './bindings.js';
import {splitKeys} from './keys.js';

/** Runs a command; `input` is the key's text (what `type` adds to the filter). */
export type RunCommand = (command: Command, input: string) => void;

/**
 * Keys → commands through the bindings table, for the context and mode on screen. Input stays
 * active while loading, so `q` always quits.
 */
export function useAppInput(run: RunCommand, mode: Mode, context: Context, isActive = true): void {
	const onKey = (input: string, key: Key) => {
		const binding = bindingFor(input, key, mode, context);
		if (binding) run(binding.command, input);
	};
	// Keys go to the handler of the latest render: a key that arrives right after a frame is
	// drawn (before effects re-subscribe) must not meet the previous screen's state.
	const onKeyRef = useRef(onKey);
	useLayoutEffect(() => {
		onKeyRef.current = onKey;
	});
	// A read can carry several keys (fast typing, keys sent together, a paste): Ink hands them
	// over as one string, or as several events in a row. They are handled one at a time, each
	// after the render of the one before (a turn of the event loop later), so that `/` then
	// text, or text then Enter, mean what they would typed slowly.
	const pending = useRef<Array<[string, Key]>>([]);
	const busy = useRef(false);
	const onInput = useCallback((input: string, key: Key) => {
		pending.current.push(...splitKeys(input, key));
		if (busy.current) return;
		const drain = () => {
			const next = pending.current.shift();
			if (!next) {
				busy.current = false;
				return;
			}
			busy.current = true;
			onKeyRef.current(next[0], next[1]);
			setImmediate(drain);
		};
		drain();
	}, []);
	useInput(onInput, {isActive});
}
