import {readFileSync} from 'node:fs';

/** Who holds a lock: the pid, and (Linux) what tells that process from a later one with the same pid. */
export interface Holder {
	pid: number;
	/** /proc/<pid>/stat field 22: start time in clock ticks since boot. */
	start?: string;
	/** /proc/sys/kernel/random/boot_id: changes at every boot. */
	boot?: string;
}

function readProc(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

/** Field 22 of /proc/<pid>/stat (the command name, field 2, may hold spaces and parentheses). */
export function processStart(pid: number): string | undefined {
	const stat = readProc(`/proc/${pid}/stat`);
	if (!stat) return undefined;
	const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return rest[19]; // rest[0] is field 3
}

export function bootId(): string | undefined {
	return readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

export function selfIdentity(): Holder {
	const start = processStart(process.pid);
	const boot = bootId();
	return {pid: process.pid, ...(start ? {start} : {}), ...(boot ? {boot} : {})};
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The holder still runs: same boot, a live pid, and (when recorded) the same start time. */
export function holderAlive(h: Holder): boolean {
	if (h.boot) {
		const now = bootId();
		if (now && now !== h.boot) return false;
	}
	if (!pidAlive(h.pid)) return false;
	if (h.start) {
		const now = processStart(h.pid);
		if (now && now !== h.start) return false;
	}
	return true;
}
