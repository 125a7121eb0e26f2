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
	// A read can carry several keys (fast typing, keys sent together, a paste): Ink hands them
	// over as one string, or as several events in a row. They are handled one at a time, each
	// after the render of the one before, so that `/` then text, or text then Enter, mean what
	// they would typed slowly. React renders a key's change in a task of its own, after the
	// key's handler returns: the next key waits for that commit (the layout effect below), or,
	// when the key changed nothing, for two turns of the event loop.
	const onKeyRef = useRef(onKey);
	const pending = useRef<Array<[string, Key]>>([]);
	/** The key whose render is awaited (0: none, the next key runs at once). */
	const waiting = useRef(0);
	const drain = useRef(() => {});
	useLayoutEffect(() => {
		onKeyRef.current = onKey;
		const token = waiting.current;
		if (token) setImmediate(() => waiting.current === token && drain.current());
	});
	const onInput = useCallback((input: string, key: Key) => {
		pending.current.push(...splitKeys(input, key));
		if (waiting.current) return;
		let seq = 0;
		drain.current = () => {
			const next = pending.current.shift();
			if (!next) {
				waiting.current = 0;
				return;
			}
			const token = ++seq;
			waiting.current = token;
			onKeyRef.current(next[0], next[1]);
			setImmediate(() => setImmediate(() => waiting.current === token && drain.current()));
		};
		drain.current();
	}, []);
	useInput(onInput, {isActive});
}
