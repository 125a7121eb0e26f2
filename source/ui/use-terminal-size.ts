import {useEffect, useLayoutEffect, useRef, useState} from 'react';
import {useStdout} from 'ink';

/** Clear the whole screen and put the cursor home. */
export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * The terminal's size, following resizes, with a full redraw after each change. Ink only
 * erases the lines of its last frame as it counted them: a frame that got shorter, or lines
 * the terminal re-wrapped when it got narrower, would leave stale fragments. So once the frame
 * for the new size is drawn, the whole screen is cleared and Ink writes that frame again from
 * the top (its own `write` redraws the last frame; the extra render covers a frame that did not
 * change, which Ink would not write again).
 */
export function useTerminalSize(): {width: number; height: number} {
	const {stdout, write} = useStdout();
	const [size, setSize] = useState({width: stdout.columns || 80, height: stdout.rows || 24});
	const [, setRedraws] = useState(0);
	useEffect(() => {
		const onResize = () => {
			const next = {width: stdout.columns || 80, height: stdout.rows || 24};
			setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
		};
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	// In the commit of the new size's frame (a layout effect, not a later task), so the terminal
	// never shows the frame Ink drew for the old size in between.
	const drawn = useRef(false);
	useLayoutEffect(() => {
		if (!drawn.current) {
			drawn.current = true;
			return;
		}
		stdout.write(CLEAR_SCREEN);
		write('');
		setRedraws((n) => n + 1);
	}, [size.width, size.height, stdout, write]);
	return size;
}
