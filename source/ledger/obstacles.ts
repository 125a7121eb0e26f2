import {lstatSync, readdirSync, renameSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {ledgerDir, partitionOfFile} from './layout.js';

/**
 * Things in the ledger's place that are not what burn wrote (docs/reliability.md): a `ledger`
 * that is a regular file, a partition that is a directory or a FIFO. burn never deletes them
 * (they may hold something someone wants): it moves them aside, to a name no scan reads
 * (`<name>.moved-<n>`), and writes a fresh one. Symbolic links are left alone (appends refuse
 * them: see append.ts).
 */

/** `<path>.moved-<n>` for the first n free. */
function moveAside(path: string): string {
	for (let n = 1; ; n++) {
		const to = `${path}.moved-${n}`;
		try {
			lstatSync(to);
			continue;
		} catch {}
		renameSync(path, to);
		return to;
	}
}

function what(path: string): string | undefined {
	try {
		const st = lstatSync(path);
		if (st.isFile() || st.isSymbolicLink()) return undefined;
		return st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'not a regular file';
	} catch {
		return undefined;
	}
}

/**
 * A `ledger` that is not a directory (a regular file, a FIFO): moved aside. Returns the line
 * to say, or undefined when the ledger is a directory or absent. The logs it held are then
 * missing from the ledger, so the caller rebuilds (re-reads every log).
 */
export function clearLedgerObstacle(home: string): string | undefined {
	const dir = ledgerDir(home);
	let kind: string;
	try {
		const st = lstatSync(dir);
		if (st.isDirectory() || st.isSymbolicLink()) return undefined;
		kind = st.isFile() ? 'a regular file' : st.isFIFO() ? 'a FIFO' : 'not a directory';
	} catch {
		return undefined;
	}
	const to = moveAside(dir);
	return `${dir} was ${kind}, not a directory: moved to ${basename(to)}; rebuilding the ledger from the logs`;
}

/** A partition that is a directory or a FIFO: moved aside; the line to say, or undefined. */
export function clearPartitionObstacle(path: string): string | undefined {
	const kind = what(path);
	if (!kind) return undefined;
	const to = moveAside(path);
	return `ledger partition ${basename(path)} was ${kind}, not a regular file: moved to ${join(basename(dirname(to)), basename(to))}; burn ingest --rebuild restores that day from the logs`;
}

/** Every partition that is a directory or a FIFO, moved aside (before `--rebuild` re-reads the logs). */
export function clearPartitionObstacles(home: string): string[] {
	const out: string[] = [];
	let names: string[];
	try {
		names = readdirSync(ledgerDir(home));
	} catch {
		return out;
	}
	for (const name of names) {
		if (!partitionOfFile(name)) continue;
		const line = clearPartitionObstacle(join(ledgerDir(home), name));
		if (line) out.push(line.replace(/; burn ingest --rebuild restores that day from the logs$/, ''));
	}
	return out;
}

/** The line a report says for partitions (or a `ledger`) it could not read, or undefined. */
export function unreadableLine(home: string, unreadable: string[]): string | undefined {
	if (unreadable.length === 0) return undefined;
	if (unreadable.length === 1 && unreadable[0] === ledgerDir(home)) {
		return `${ledgerDir(home)} is not a directory: the ledger cannot be read (burn ingest moves it aside and rebuilds the ledger from the logs)`;
	}
	const first = unreadable[0]!;
	const kind = what(first);
	const more = unreadable.length > 1 ? ` and ${unreadable.length - 1} more` : '';
	return `ledger partition ${first}${kind ? ` is ${kind}, not a regular file` : ' cannot be read'}${more}: ${unreadable.length === 1 ? 'that day is' : 'those days are'} left out (burn ingest --rebuild restores them from the logs)`;
}
