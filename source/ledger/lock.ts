import {closeSync, constants, fstatSync, lstatSync, openSync, readSync, rmdirSync, unlinkSync, utimesSync, writeSync} from 'node:fs';
import {join} from 'node:path';
import {holderAlive, selfIdentity, type Holder} from './lock-holder.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The holder touches its lock this often while it runs. */
const HEARTBEAT_MS = 5_000;
/**
 * A lock not touched for this long is stale whoever holds it: a hung holder, a reused pid, or a
 * lock whose holder cannot be read (another user's, an older burn's). Far longer than the
 * heartbeat, so a holder busy in one long synchronous step is not taken over.
 */
export const STALE_MS = 120_000;
/** A lock file younger than this with no holder written yet may be mid-creation. */
const CREATING_MS = 2_000;

/** How long a report waits for another burn's ingest: 120 s, or BURN_LOCK_WAIT_MS (tests). */
export function lockWaitMs(env: NodeJS.ProcessEnv): number {
	const raw = env.BURN_LOCK_WAIT_MS;
	if (!raw) return 120_000;
	const v = Number(raw);
	return Number.isFinite(v) && v >= 0 && v <= 600_000 ? v : 120_000;
}

export type LockResult = {release: () => void} | {busy: string};

type Seen =
	| {kind: 'gone'}
	| {kind: 'stale'; ino: number; why: string}
	| {kind: 'held'; pid: number | null; creating?: boolean}
	| {kind: 'unusable'; why: string};

function readSmall(path: string): string {
	const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
	try {
		if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), {code: 'EFTYPE'});
		const buf = Buffer.alloc(4096);
		const n = readSync(fd, buf, 0, buf.length, 0);
		return buf.subarray(0, n).toString('utf8');
	} finally {
		closeSync(fd);
	}
}

/** Parses a lock: JSON `{pid, start, boot}`, or a bare pid (older burns). */
export function parseHolder(text: string): Holder | null {
	const t = text.trim();
	if (/^\d+$/.test(t)) return {pid: Number(t)};
	try {
		const o = JSON.parse(t) as Record<string, unknown>;
		if (typeof o.pid !== 'number' || !Number.isSafeInteger(o.pid) || o.pid <= 0) return null;
		return {
			pid: o.pid,
			...(typeof o.start === 'string' ? {start: o.start} : {}),
			...(typeof o.boot === 'string' ? {boot: o.boot} : {}),
		};
	} catch {
		return null;
	}
}

/** What is at the lock path now, and whether it can be taken over. Never throws, never blocks. */
function inspect(path: string, now: number): Seen {
	let st;
	try {
		st = lstatSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {kind: 'gone'};
		return {kind: 'unusable', why: `cannot inspect ${path} (${code})`};
	}
	if (st.isDirectory()) return {kind: 'stale', ino: st.ino, why: 'a directory'};
	if (!st.isFile()) return {kind: 'stale', ino: st.ino, why: st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'};
	const age = now - st.mtimeMs;
	let holder: Holder | null;
	try {
		holder = parseHolder(readSmall(path));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {kind: 'gone'};
		// Unreadable (another user's lock): only its age can tell.
		return age > STALE_MS ? {kind: 'stale', ino: st.ino, why: `unreadable (${code}) and untouched`} : {kind: 'held', pid: null};
	}
	if (!holder) {
		if (st.size === 0 && age < CREATING_MS) return {kind: 'held', pid: null, creating: true};
		return {kind: 'stale', ino: st.ino, why: 'unreadable contents'};
	}
	if (!holderAlive(holder)) return {kind: 'stale', ino: st.ino, why: 'its holder is gone'};
	if (age > STALE_MS) return {kind: 'stale', ino: st.ino, why: 'untouched for too long'};
	return {kind: 'held', pid: holder.pid};
}

/** Removes what `inspect` judged stale, if it is still the same file. False when it cannot. */
function remove(path: string, ino: number): boolean {
	try {
		const st = lstatSync(path);
		if (st.ino !== ino) return true; // replaced meanwhile: look again
		if (st.isDirectory()) rmdirSync(path);
		else unlinkSync(path);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}
}

function create(path: string): (() => void) | null {
	let fd: number;
	try {
		// Readable by all: a lock left by another user (sudo burn) can still be judged. The data
		// directory itself is private.
		fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
		throw error;
	}
	let ino: number;
	try {
		writeSync(fd, JSON.stringify(selfIdentity()));
		ino = fstatSync(fd).ino;
	} catch (error) {
		// A full disk: leave no empty lock behind.
		try {
			unlinkSync(path);
		} catch {}
		throw error;
	} finally {
		closeSync(fd);
	}
	const beat = setInterval(() => {
		try {
			const t = new Date();
			utimesSync(path, t, t);
		} catch {}
	}, HEARTBEAT_MS);
	beat.unref();
	let released = false;
	return () => {
		if (released) return;
		released = true;
		clearInterval(beat);
		try {
			// Only our own lock: a waiter that judged us stale may have replaced it.
			if (lstatSync(path).ino === ino) unlinkSync(path);
		} catch {}
	};
}

/**
 * An exclusive lock file naming its holder (pid, process start time, boot id). A lock whose
 * holder is gone, was another process with the same pid, or has not been touched for STALE_MS
 * is taken over; so is anything at the path that is not a regular file. A live holder is
 * waited for, up to `waitMs`. Returns a release function, or why the lock was not taken.
 */
export async function takeLock(home: string, name: string, waitMs = 120_000, onWait?: (pid: number | null) => void, signal?: AbortSignal): Promise<LockResult> {
	const path = join(home, `${name}.lock`);
	const deadline = Date.now() + waitMs;
	let told = false;
	for (;;) {
		let release: (() => void) | null;
		try {
			release = create(path);
		} catch (error) {
			return {busy: `cannot create ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`};
		}
		if (release) return {release};
		const seen = inspect(path, Date.now());
		if (seen.kind === 'gone') continue;
		if (seen.kind === 'unusable') return {busy: seen.why};
		if (seen.kind === 'stale') {
			if (!remove(path, seen.ino)) return {busy: `${path} is ${seen.why} and cannot be removed; remove it by hand`};
			continue;
		}
		if (Date.now() > deadline) {
			return {
				busy: `another burn process${seen.pid ? ` (pid ${seen.pid})` : ''} held ${path} for more than ${Math.round(waitMs / 1000)} s`,
			};
		}
		if (!told && !seen.creating) {
			// Told once, with the holder's pid as soon as the lock names it.
			told = true;
			onWait?.(seen.pid);
		}
		signal?.throwIfAborted();
		await sleep(50);
	}
}

/** The older interface: a release function, or null when the lock was not taken. */
export async function acquireLock(home: string, name: string, waitMs = 120_000, onWait?: (pid: number) => void): Promise<(() => void) | null> {
	const r = await takeLock(home, name, waitMs, (pid) => onWait?.(pid ?? 0));
	return 'release' in r ? r.release : null;
}
