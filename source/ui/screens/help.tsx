import React from 'react';
import {HelpOverlay} from '../help-overlay.js';

/** `?`: every key of the bindings table. */
export function HelpScreen() {
	return <HelpOverlay />;
}
