import {sep} from 'node:path';

/** Paths every test may use besides the given roots. */
const ALWAYS = ['/dev/null', '/proc'];

/** The roots and their real paths (a root may sit behind a symlink), each ending in a separator. */
export function allowedRoots(roots: string[], realpath: (p: string) => string): string[] {
	const out = new Set<string>();
	for (const r of [...roots, ...ALWAYS]) {
		out.add(r);
		try {
			out.add(realpath(r));
		} catch {
			// a root that does not exist (../shared on a plain clone) allows only its own path
		}
	}
	return [...out];
}

/** True when `abs` is one of the roots or inside one. */
export function isAllowed(abs: string, roots: readonly string[]): boolean {
	for (const r of roots) if (abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep)) return true;
	return false;
}

/** True when `abs` is a directory on the way to a root (`/`, `/tmp` for `/tmp/x`): a stat of it reads nothing of anyone's. */
export function isAncestorOfRoot(abs: string, roots: readonly string[]): boolean {
	const prefix = abs.endsWith(sep) ? abs : abs + sep;
	return roots.some((r) => r.startsWith(prefix));
}
