import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** Clear the whole screen and put the cursor home. */
export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * The terminal's size, following resizes. A resize clears the whole screen before the next
 * frame: Ink only erases the lines of its last frame (and only when the width shrinks), so a
 * frame that got shorter, or lines the terminal re-wrapped, would leave stale fragments.
 * The clear goes through Ink's own `write`, which redraws the last frame after it; the frame
 * for the new size follows.
 */
export function useTerminalSize(): {width: number; height: number} {
	const {stdout, write} = useStdout();
	const [size, setSize] = useState({width: stdout.columns || 80, height: stdout.rows || 24});
	useEffect(() => {
		let last = {width: stdout.columns || 80, height: stdout.rows || 24};
		const onResize = () => {
			const next = {width: stdout.columns || 80, height: stdout.rows || 24};
			if (next.width === last.width && next.height === last.height) return;
			last = next;
			write(CLEAR_SCREEN);
			setSize(next);
		};
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, write]);
	return size;
}
