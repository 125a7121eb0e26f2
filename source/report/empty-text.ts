/**
 * The one line a report says when its window holds no activity (issue 13, defect 4): what lies
 * outside the window and when the latest activity was, or the filter that matched nothing.
 * `--since all` is suggested only when it would show something.
 */
import type {Window} from '../analysis/dataset.js';
import {fmtDateTime, fmtUsd, needsYear, plural, sanitize} from './format.js';
import type {TextOptions} from './sections.js';

const sessions = (n: number) => plural(n, 'session');

export function emptyWindowLine(window: Window, opts: Pick<TextOptions, 'empty' | 'filtered' | 'now'>): string {
	const allTime = window.since === null && window.until === null;
	const {empty, filtered} = opts;
	if (empty?.kind === 'outside') {
		const now = opts.now ?? Date.now();
		const day = empty.latest ? `${empty.latest.slice(0, 10)}` : '';
		const latest = empty.latest ? `; the latest activity was on ${fmtDateTime(empty.latest, needsYear([empty.latest], now))}` : '';
		return (
			`No agent activity in this window. Outside it: ${sessions(empty.sessions)}, ${fmtUsd(empty.costUsd)}${latest}. ` +
			(window.until ? 'Try `--since all` without `--until`.' : `Try \`--since all\`${day ? ` or \`--since ${day}\`` : ''}.`)
		);
	}
	if (filtered) {
		const w = filtered.without;
		return (
			`No agent activity matches ${sanitize(filtered.filters.join(' '))}${allTime ? '' : ' at any time'}. ` +
			`Without the filter: ${sessions(w.sessions)}, ${fmtUsd(w.costUsd)} over all time.`
		);
	}
	return allTime ? 'No agent activity in this window. Try `--demo` for sample data.' : 'No agent activity in this window. Try `--since all` for all history, or `--demo` for sample data.';
}
