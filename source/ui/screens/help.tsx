import React from 'react';
import {HelpOverlay} from '../help-overlay.js';

/** `?`: every key of the bindings table, and what each column means. */
export function HelpScreen({height, offset, width}: {height?: number; offset?: number; width?: number}) {
	return <HelpOverlay height={height} offset={offset} width={width} />;
}
