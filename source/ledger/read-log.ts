import type {LogFile} from '../sources/discover.js';
import type {LineReaderFactory, ReaderOutput} from '../sources/reader.js';
import {createClaudeReaderWithMeta} from '../sources/claude/reader.js';
import {createCodexReader} from '../sources/codex/reader.js';
import {forEachLine, forEachLineAsync} from './lines.js';

function factoryFor(file: LogFile): LineReaderFactory<unknown> {
	if (file.source === 'codex') return createCodexReader as LineReaderFactory<unknown>;
	return createClaudeReaderWithMeta(file.meta) as LineReaderFactory<unknown>;
}

/** Reads one file from its planned offset; pure apart from reading the file. */
export function readLogFile(
	file: LogFile,
	offset: number,
	state: unknown,
	contentMode: 'full' | 'off',
	onBytes?: (n: number) => void,
): {out: ReaderOutput<unknown>; end: number; hugeLines: number} {
	const reader = factoryFor(file)({path: file.path, contentMode, startOffset: offset}, state);
	const scan = forEachLine(file.path, offset, (line, at) => reader.line(line, at), onBytes, file.size);
	return {out: reader.finish(), end: scan.end, hugeLines: scan.hugeLines};
}


/** readLogFile that yields to the event loop between chunks (interactive runs stay live). */
export async function readLogFileAsync(
	file: LogFile,
	offset: number,
	state: unknown,
	contentMode: 'full' | 'off',
	onBytes?: (n: number) => void,
): Promise<{out: ReaderOutput<unknown>; end: number; hugeLines: number}> {
	const reader = factoryFor(file)({path: file.path, contentMode, startOffset: offset}, state);
	const scan = await forEachLineAsync(file.path, offset, (line, at) => reader.line(line, at), onBytes, file.size);
	return {out: reader.finish(), end: scan.end, hugeLines: scan.hugeLines};
}
