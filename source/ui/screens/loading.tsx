import React from 'react';
import {ProgressPanel} from '../progress-panel.js';
import type {ProgressModel} from '../progress-model.js';

/** While the pipeline loads: the title of what is being loaded, then one line per step. */
export function LoadingScreen({windowText, source, model, width}: {windowText: string; source: string; model?: ProgressModel; width: number}) {
	const title = `burn · ${windowText} · ${source === 'all' ? 'all sources' : source}`;
	return <ProgressPanel title={title} model={model} width={width} />;
}
