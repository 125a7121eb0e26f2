import type {ProgressEvent, StepId} from '../core/progress.js';
import {STEP_LABELS, stepDetail} from '../report/progress-lines.js';
import {fmtInt} from '../core/numbers.js';

export const STEP_ORDER: StepId[] = ['discover', 'ingest', 'scan', 'content', 'analyse'];

export interface StepView {
	id: StepId;
	label: string;
	status: 'waiting' | 'running' | 'done';
	detail: string;
	/** Rate while ingesting, e.g. `96 MB/s`. */
	rate?: string;
	elapsedMs?: number;
	startedAt?: number;
	/** Items the step counts (files, sidecars), as its updates gave them. */
	total?: number;
}

export type ProgressModel = Record<StepId, StepView>;

export function initialProgress(skip: StepId[] = []): ProgressModel {
	const model = {} as ProgressModel;
	for (const id of STEP_ORDER) {
		model[id] = {id, label: STEP_LABELS[id], status: skip.includes(id) ? 'done' : 'waiting', detail: skip.includes(id) ? 'skipped' : 'waiting'};
	}
	return model;
}

/** Folds one progress event into the panel's model. Pure apart from the clock for rates. */
export function applyProgress(model: ProgressModel, e: ProgressEvent, now = Date.now()): ProgressModel {
	const prev = model[e.step];
	const next: StepView = {...prev};
	if (e.state === 'start') {
		next.status = 'running';
		next.startedAt = now;
		next.detail = stepDetail(e) || 'starting';
	} else if (e.state === 'update') {
		next.status = 'running';
		next.detail = stepDetail(e) || prev.detail;
		if (e.total !== undefined) next.total = e.total;
		if (e.bytes && prev.startedAt && now > prev.startedAt) {
			next.rate = `${Math.round(e.bytes / 1e6 / ((now - prev.startedAt) / 1000))} MB/s`;
		}
	} else {
		next.status = 'done';
		next.elapsedMs = e.elapsedMs;
		next.detail = e.summary ?? (stepDetail(e) || 'done');
		// The count the updates showed ends full (`22/22`), then what the step says of it
		// (`19 new/changed files`: the others were unchanged), unless the summary names that count.
		const total = e.total ?? prev.total;
		if (total !== undefined && e.summary && !new RegExp(`(^|[^\\d,.])${fmtInt(total)}([^\\d,.]|$)`).test(e.summary)) next.detail = `${fmtInt(total)}/${fmtInt(total)} · ${e.summary}`;
		next.rate = undefined;
	}
	return {...model, [e.step]: next};
}

/**
 * The panel when the load has finished: every row done. A step still running is done now; one
 * that never started was not needed (`skipped`).
 */
export function finishProgress(model: ProgressModel): ProgressModel {
	const out = {...model};
	for (const id of STEP_ORDER) {
		const s = model[id];
		if (s.status === 'running') out[id] = {...s, status: 'done', rate: undefined};
		else if (s.status === 'waiting') out[id] = {...s, status: 'done', detail: 'skipped'};
	}
	return out;
}
