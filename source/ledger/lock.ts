import {closeSync, openSync, readFileSync, unlinkSync, writeSync} from 'node:fs';
import {join} from 'node:path';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An exclusive lock file holding the owner's pid. A lock whose owner is dead is taken over;
 * a live owner is waited for (up to `waitMs`). Returns a release function, or null on timeout.
 */
export async function acquireLock(
	home: string,
	name: string,
	waitMs = 120_000,
	onWait?: (pid: number) => void,
): Promise<(() => void) | null> {
	const path = join(home, `${name}.lock`);
	const deadline = Date.now() + waitMs;
	let told = false;
	for (;;) {
		try {
			const fd = openSync(path, 'wx', 0o600);
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				try {
					unlinkSync(path);
				} catch {}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		let owner = Number.NaN;
		try {
			owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
		} catch {}
		if (!Number.isFinite(owner) || owner <= 0 || !alive(owner)) {
			// Dead owner (killed mid-ingest) or a half-written lock file: take it over.
			// A lock file younger than 1 s with no pid yet may be mid-creation: wait a moment.
			if (!Number.isFinite(owner)) await sleep(100);
			try {
				const again = Number.parseInt(readFileSync(path, 'utf8'), 10);
				if (Number.isFinite(again) && again > 0 && again !== owner && alive(again)) continue;
				unlinkSync(path);
			} catch {}
			continue;
		}
		if (Date.now() > deadline) return null;
		if (!told) {
			told = true;
			onWait?.(owner);
		}
		await sleep(50);
	}
}
