const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Nov 21 14:02` in local time, `Nov 21 2025 14:02` with `withYear`; '' for a missing or bad time. */
export function fmtDateTime(ts: string | null | undefined, withYear = false): string {
	if (!ts) return '';
	const d = new Date(ts);
	if (Number.isNaN(d.getTime())) return '';
	return `${MONTHS[d.getMonth()]} ${pad(d.getDate())}${withYear ? ` ${d.getFullYear()}` : ''} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `14:02` in local time. */
export function fmtClock(ts: string | null | undefined): string {
	if (!ts) return '';
	const d = new Date(ts);
	if (Number.isNaN(d.getTime())) return '';
	return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `38%`; `<1%` for small non-zero shares. */
export function fmtPct(share: number): string {
	if (!Number.isFinite(share) || share <= 0) return '0%';
	if (share < 0.01) return '<1%';
	return `${Math.round(share * 100)}%`;
}

/** The one short session id of both faces (`8f3a21c0`, `ses_24c1832d`): a prefix `--session` accepts. */
export {shortId} from '../report/format.js';

/** The window as the header says it. */
export function windowLabel(key: string): string {
	switch (key) {
		case '24h':
			return 'last 24 hours';
		case '7d':
			return 'last 7 days';
		case '30d':
			return 'last 30 days';
		case '90d':
			return 'last 90 days';
		case 'all':
			return 'all time';
		default:
			return `since ${key}`;
	}
}

/** The longest directory prefix all absolute paths share (`/home/dev/code/`), or ''. */
export function commonDir(paths: string[]): string {
	const abs = paths.filter((p) => p.startsWith('/'));
	if (abs.length < 2 || abs.length !== paths.length) return '';
	let prefix = abs[0]!.slice(0, abs[0]!.lastIndexOf('/') + 1);
	for (const p of abs) {
		while (prefix && !p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
	}
	return prefix.length > 1 ? prefix : '';
}
