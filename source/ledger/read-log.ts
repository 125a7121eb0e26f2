import {closeSync, readSync} from 'node:fs';
import {openRegular} from '../core/open-regular.js';
import type {LedgerRecord, SkipCounts, TurnRecord} from '../core/records.js';
import {readSubagentMeta, type LogFile} from '../sources/discover.js';
import type {LineReaderFactory, ReaderOutput} from '../sources/reader.js';
import {ProjectResolver} from '../sources/project.js';
import {createClaudeReaderWithMeta} from '../sources/claude/reader.js';
import {createCodexReader} from '../sources/codex/reader.js';
import {createGeminiReader} from '../sources/gemini/reader.js';
import {createQwenReader} from '../sources/qwen/reader.js';
import {createKimiReader} from '../sources/kimi/reader.js';
import {createPiReader} from '../sources/pi/reader.js';
import {createCopilotReader} from '../sources/copilot/reader.js';
import {createAmpReader} from '../sources/amp/reader.js';
import {createDroidReader} from '../sources/droid/reader.js';
import {createGooseReader} from '../sources/goose/reader.js';
import {serializeRecords} from './append.js';
import {ownedUtf8, serializeContent} from './content.js';
import {forEachLine, forEachLineAsync, maxLineBytes, type OnHugeLine} from './lines.js';
import {salvageHugeLine} from '../sources/claude/huge-line.js';
import {observeRecords, type CopyObservations} from './copy-keys.js';

function factoryFor(file: LogFile): LineReaderFactory<unknown> {
	if (file.source === 'codex') return createCodexReader as LineReaderFactory<unknown>;
	if (file.source === 'gemini') return createGeminiReader(file.project) as LineReaderFactory<unknown>;
	if (file.source === 'qwen') return createQwenReader as LineReaderFactory<unknown>;
	if (file.source === 'kimi') return createKimiReader(file.model, file.project) as LineReaderFactory<unknown>;
	if (file.source === 'pi') return createPiReader as LineReaderFactory<unknown>;
	if (file.source === 'copilot') return createCopilotReader as LineReaderFactory<unknown>;
	if (file.source === 'amp') return createAmpReader as LineReaderFactory<unknown>;
	if (file.source === 'droid') return createDroidReader as LineReaderFactory<unknown>;
	if (file.source === 'goose') return createGooseReader as LineReaderFactory<unknown>;
	return createClaudeReaderWithMeta(file.meta ?? (file.metaPath ? readSubagentMeta(file.metaPath) : undefined)) as LineReaderFactory<unknown>;
}

/** What ingest appends for one log file: ready-to-write lines, the cursor state, counts. */
export interface ReadResult {
	/** Ledger lines per partition, as UTF-8 that owns its memory (transferable, like `content`). */
	ledger: Record<string, Uint8Array>;
	/** Sidecar lines per session (each Buffer owns its memory: transferable). */
	content: Record<string, Uint8Array>;
	state: unknown;
	resumeOffset?: number;
	end: number;
	records: number;
	skips: SkipCounts;
	hugeLines: number;
	/** Set when a reader thread could not append the content sidecars itself. */
	contentError?: {message: string; code?: string};
	/** Copyable responses and session activity, for the copy index (copies.ts). */
	copies: CopyObservations;
}

/** Fills each turn's git root and remote key from its working directory (cached per directory). */
export function annotateProjects(records: LedgerRecord[], resolver: ProjectResolver): void {
	for (const r of records) {
		if (r.kind !== 'turn') continue;
		const t: TurnRecord = r.record;
		if (!t.project || (t.gitRoot && t.projectKey)) continue;
		const info = resolver.resolve(t.project);
		if (info.gitRoot && !t.gitRoot) t.gitRoot = info.gitRoot;
		if (info.projectKey && !t.projectKey) t.projectKey = info.projectKey;
	}
}

function latestTs(records: LedgerRecord[]): string | undefined {
	let best: string | undefined;
	for (const r of records) if (r.record.ts && (!best || r.record.ts > best)) best = r.record.ts;
	return best;
}

function utf8Values(lines: Record<string, string>): Record<string, Uint8Array> {
	const out: Record<string, Uint8Array> = {};
	for (const [k, text] of Object.entries(lines)) out[k] = ownedUtf8([text]);
	return out;
}

function finish(
	out: ReaderOutput<unknown>,
	end: number,
	hugeLines: number,
	contentMode: 'full' | 'off',
	resolver: ProjectResolver,
): ReadResult {
	annotateProjects(out.records, resolver);
	return {
		ledger: utf8Values(serializeRecords(out.records, latestTs(out.records))),
		content: contentMode === 'full' ? serializeContent(out.content).bySession : {},
		state: out.state,
		...(out.resumeOffset !== undefined ? {resumeOffset: out.resumeOffset} : {}),
		end,
		records: out.records.length,
		skips: out.skips,
		hugeLines,
		copies: observeRecords(out.records),
	};
}

const sharedResolver = new ProjectResolver();

/** Sources that rewrite one JSON document (whole-file.ts): its last line may have no newline. */
const WHOLE_FILE = new Set<LogFile['source']>(['amp', 'droid', 'goose']);

/** The bytes after the last newline of a whole-file document, as one more line. */
function lastPartialLine(file: LogFile, end: number, onLine: (line: Buffer, at: number) => void): void {
	if (!WHOLE_FILE.has(file.source) || end >= file.size) return;
	const fd = openRegular(file.path);
	try {
		const buf = Buffer.alloc(file.size - end);
		const n = readSync(fd, buf, 0, buf.length, end);
		const line = buf.subarray(0, n);
		if (line.length > 0) onLine(line, end);
	} finally {
		closeSync(fd);
	}
}

/** Oversized Claude lines keep their usage (huge-line.ts); other sources count them as oversized. */
const hugeFor = (file: LogFile): OnHugeLine | undefined => (file.source === 'claude-code' ? salvageHugeLine : undefined);

/** Reads one file from its planned offset into appendable lines (used by reader threads). */
export function readLogFile(file: LogFile, offset: number, state: unknown, contentMode: 'full' | 'off', resolver = sharedResolver): ReadResult {
	const reader = factoryFor(file)({path: file.path, contentMode, startOffset: offset, mtimeMs: file.mtimeMs}, state);
	const scan = forEachLine(file.path, offset, (line, at) => reader.line(line, at), undefined, file.size, maxLineBytes(), hugeFor(file));
	lastPartialLine(file, scan.end, (line, at) => reader.line(line, at));
	return finish(reader.finish(), scan.end, scan.hugeLines, contentMode, resolver);
}

/** readLogFile that yields to the event loop between chunks (interactive runs stay live). */
export async function readLogFileAsync(
	file: LogFile,
	offset: number,
	state: unknown,
	contentMode: 'full' | 'off',
	onBytes?: (n: number) => void,
	resolver = sharedResolver,
): Promise<ReadResult> {
	const reader = factoryFor(file)({path: file.path, contentMode, startOffset: offset, mtimeMs: file.mtimeMs}, state);
	const scan = await forEachLineAsync(file.path, offset, (line, at) => reader.line(line, at), onBytes, file.size, maxLineBytes(), hugeFor(file));
	lastPartialLine(file, scan.end, (line, at) => reader.line(line, at));
	return finish(reader.finish(), scan.end, scan.hugeLines, contentMode, resolver);
}
