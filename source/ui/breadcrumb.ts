import type {HotspotsReport, TimelineTurn} from '../analysis/report-types.js';
import {commandText, sanitize, shortId, shortModel} from '../report/format.js';
import {SESSION_SECTIONS} from './drill-models.js';
import type {RowTab, ScreenEntry, TabName} from './state.js';

/** What a drilled row is called in a breadcrumb or a mark: a file's name, a verb, a model… */
export function rowLabel(tab: RowTab, key: string, report?: Pick<HotspotsReport, 'bash'> | null): string {
	if (tab === 'Files') return sanitize(key.replace(/\/+$/, '').split('/').pop() || key);
	if (tab === 'Models') return shortModel(key);
	// A folded Findings row (`minor:<kind>`): its words, not its key.
	if (tab === 'Findings') return sanitize(key.replace(/^minor:/, 'minor '));
	if (tab === 'Command') {
		const b = report?.bash.find((x) => x.argsHash === key);
		return b?.command ? commandText(b.command) : `command ${key.slice(0, 8)}`;
	}
	return sanitize(key);
}

/**
 * `Files › cache.ts › ec9b7e55 › turn 14`: one part per level of the drill-down stack, each
 * short (the last part is cut first by the caller).
 */
export function breadcrumb(stack: ScreenEntry[], tab: TabName, report: Pick<HotspotsReport, 'bash'> | null, turn?: TimelineTurn): string[] {
	const parts: string[] = [];
	for (const e of stack) {
		switch (e.screen) {
			case 'hotspots':
				parts.push(tab);
				break;
			case 'row':
				parts.push(rowLabel(e.tab, e.rowKey, report));
				break;
			case 'commands':
				parts.push(sanitize(e.verb));
				break;
			case 'session': {
				const section = SESSION_SECTIONS[e.section ?? 0] ?? 'Turns';
				parts.push(`${shortId(e.sessionId)}${section === 'Turns' ? '' : ` ${section}`}${e.marks ? ` ◆ ${e.marks.label}` : ''}`);
				break;
			}
			case 'turn':
				parts.push(turn && turn.messageId === e.messageId ? `turn ${turn.index}` : 'turn');
				break;
			case 'compare':
				parts.push('compare');
				break;
		}
	}
	return parts;
}

/** The breadcrumb as one line of `width`: the first parts are shortened before the last ones. */
export function breadcrumbLine(parts: string[], width: number): string {
	const room = width - 2;
	const cut = (s: string, n: number) => (s.length <= n ? s : n <= 1 ? '…' : `${s.slice(0, n - 1)}…`);
	let shown = parts.slice();
	for (let max = 40; shown.join(' › ').length > room && max >= 4; max -= 4) shown = parts.map((p, i) => (i === parts.length - 1 ? p : cut(p, max)));
	return cut(` ${shown.join(' › ')}`, width - 1);
}
