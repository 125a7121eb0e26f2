/** The JSON report: the analysed data as it is (numbers as numbers, never rounded or cut). */
import type {HotspotsReport, SessionReport} from '../analysis/report-types.js';

/** Pretty JSON with a trailing newline. Non-finite numbers (never expected) become null. */
export function renderJson(report: HotspotsReport | SessionReport): string {
	return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
