/**
 * What only the interactive view words: the `w` cycle's window names and the shared directory
 * of a path column. Money, tokens, shares, dates, ids and models come from the one formatting
 * module both faces use (report/format.ts).
 */

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
