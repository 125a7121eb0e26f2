/** The JSON report: the analysed data as it is (numbers as numbers, never rounded or cut). */
import type {HotspotsReport, SessionReport} from '../analysis/report-types.js';

/**
 * Pretty JSON with a trailing newline. Non-finite numbers (never expected) become null:
 * JSON.stringify does that itself, so no replacer (a replacer makes it ~3× slower).
 */
export function renderJson(report: HotspotsReport | SessionReport): string {
	return `${JSON.stringify(report, null, 2)}\n`;
}
