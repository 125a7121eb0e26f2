/**
 * Paths cut to a column so that no two read the same (the compare view at 80 columns showed
 * `/home/dev/code/…/orders.ts` twice, for `handlers/orders.ts` and `services/orders.ts`): the
 * file name and as many parent directories as tell it apart from the others, then as much of
 * the start as fits. Pure.
 */

const SEP = /[/\\]/;

/** Each path → its text in `width` columns (the path itself when it fits). */
export function distinctPaths(paths: readonly string[], width: number): Map<string, string> {
	const unique = [...new Set(paths)];
	const segs = new Map(unique.map((p) => [p, p.split(SEP)]));
	// How many of the last segments each path needs to be told apart: grow k until its k-suffix is its own.
	const need = new Map<string, number>();
	let open = unique.filter((p) => p.length > width);
	for (let k = 1; open.length; k++) {
		const count = new Map<string, number>();
		for (const p of unique) {
			const key = segs.get(p)!.slice(-k).join('/');
			count.set(key, (count.get(key) ?? 0) + 1);
		}
		open = open.filter((p) => {
			const s = segs.get(p)!;
			if (count.get(s.slice(-k).join('/')) === 1 || k >= s.length) {
				need.set(p, Math.min(k, s.length));
				return false;
			}
			return true;
		});
	}
	const out = new Map<string, string>();
	for (const p of unique) out.set(p, p.length <= width ? p : cut(p, segs.get(p)!, need.get(p) ?? 1, width));
	return out;
}

function cut(path: string, segs: string[], k: number, width: number): string {
	if (width <= 1) return width === 1 ? '…' : '';
	// `/` and the segments that tell it apart: the tail kept whole.
	const tail = path.slice(path.length - segs.slice(-k).join('/').length - (k < segs.length ? 1 : 0));
	const budget = width - 1 - tail.length;
	if (budget >= 0 && k < segs.length) {
		let head = path.slice(0, budget);
		const at = Math.max(head.lastIndexOf('/'), head.lastIndexOf('\\'));
		if (at > 0 && at + 1 >= Math.ceil(budget / 2)) head = head.slice(0, at + 1);
		return `${head}…${tail}`;
	}
	// Even the distinguishing tail is too long: its end, which holds the file name and the nearest directory.
	return `…${path.slice(path.length - (width - 1))}`;
}
