import type {ProgressSink} from '../core/progress.js';
import type {RecordKind, TurnRecord} from '../core/records.js';
import {parseTs} from '../core/time.js';
import type {Dataset, Window} from '../ledger/dataset.js';
import {buildTurnFilter, type FilterSpec} from '../analysis/filters.js';
import type {PriceBook} from '../analysis/pricing-types.js';
import {loadPriceBook} from '../analysis/pricing-load.js';
import type {IngestResult} from '../ledger/ingest.js';
import {ingestFor} from './ingest-step.js';
import {scanLedger} from '../ledger/scan.js';
import {LiveLedger} from '../ledger/live-merge.js';
import {partitionForeignLedger} from '../ledger/foreign.js';
import {readInventory, type Inventory} from '../sources/inventory.js';
import {mark} from '../core/trace.js';
import {ledgerSkipLine} from '../ledger/skip-note.js';
import {unreadableLine} from '../ledger/obstacles.js';

export interface LoadRequest {
	home: string;
	env: NodeJS.ProcessEnv;
	window: Window;
	filter: FilterSpec;
	/** Refresh the ledger from the agents' logs first. */
	ingest: boolean;
	rebuild?: boolean;
	/** A relayburn ledger directory to read instead of ours. */
	foreignLedger?: string | null;
	contentMode: 'full' | 'off';
	retentionDays: number;
	onProgress?: ProgressSink;
	onWait?: (pid: number) => void;
	/** An ingest this run already made (report-cache.ts): not run again. */
	ingested?: IngestResult | null;
	/** Record kinds the view does not need (the hotspots report needs no tool-result events). */
	skipKinds?: RecordKind[];
	/**
	 * Told the time (ms) of every dated in-window turn the scan weighs, counted or not (aborted,
	 * filtered out, a dropped copy): the report cache moves a relative window up to the earliest.
	 */
	onTurnTime?: (ms: number) => void;
	/** Stops ingest and scan (they throw the signal's reason; the ingest lock is released). */
	signal?: AbortSignal;
	/** Said before any work (config warnings): they join the load's notices. */
	notices?: string[];
	/** Keep the scan mergeable (`Loaded.live`): the live view merges appended records into it. */
	live?: boolean;
}

export interface Loaded {
	home: string;
	/** Where the scanned ledger lives: `home`, or the derived index of a `--ledger` directory. */
	ledgerHome: string;
	/** Installed agents, skills, commands and output settings (for the ghost and bloat detectors). */
	inventory: Inventory;
	dataset: Dataset;
	priceBook: PriceBook;
	ingest: IngestResult | null;
	warnings: string[];
	badLedgerLines: number;
	/** Usage fields in the ledger that were not a non-negative integer (counted as 0). */
	badLedgerFields: number;
	filesRead: string[];
	/** With `live`: the scan kept mergeable (ledger/live-merge.ts). */
	live?: LiveLedger;
	/** The price file's warnings (a live merge says them again). */
	priceWarnings?: string[];
}

/** discover → ingest → scan: the one pass that feeds every view. */
export async function loadDataset(req: LoadRequest): Promise<Loaded> {
	const warnings: string[] = [...(req.notices ?? [])];
	req.signal?.throwIfAborted();
	let ingested: IngestResult | null = req.ingested ?? null;
	if (ingested) warnings.push(...ingested.warnings);
	else {
		ingested = await ingestFor(req, req.signal);
		if (ingested) warnings.push(...ingested.warnings);
	}
	mark('ingest');
	let ledgerHome = req.home;
	if (req.foreignLedger) {
		const cache = partitionForeignLedger(req.home, req.foreignLedger, req.onProgress);
		if (!cache) throw new Error(`no relayburn ledger at ${req.foreignLedger} (expected ledger.jsonl there)`);
		ledgerHome = cache;
		mark('foreign');
	}
	// Prices before the scan: the price objects are built before the ledger's usage records,
	// which then never have their layout changed by a fractional price (V8 hidden classes).
	const {priceBook, warnings: priceWarnings} = loadPriceBook(req.home);
	mark('prices');
	const keep = buildTurnFilter(req.filter);
	const see = req.onTurnTime;
	// The scan asks the filter about exactly the in-window turns (and dropped copies).
	const filter = see ? (t: TurnRecord) => (see(t.ts ? parseTs(t.ts) : Number.NaN), keep(t)) : keep;
	const scan = await scanLedger({
		home: ledgerHome,
		window: req.window,
		filter,
		onProgress: req.onProgress,
		...(req.skipKinds ? {skipKinds: req.skipKinds} : {}),
		...(req.signal ? {signal: req.signal} : {}),
		...(req.live ? {live: true} : {}),
	});
	mark('scan');
	if (ingested) scan.dataset.stats.skipped = ingested.skips;
	warnings.push(...priceWarnings);
	// Said in every view (text and JSON on stderr, the interactive view in its warnings).
	const skipped = ledgerSkipLine(scan.badLines, scan.badFields, !!req.foreignLedger);
	if (skipped) warnings.push(skipped);
	const unreadable = unreadableLine(ledgerHome, scan.unreadable);
	if (unreadable) warnings.push(unreadable);
	const live = scan.live ? new LiveLedger(ledgerHome, req.window, scan.live, scan.dataset, req.skipKinds) : undefined;
	return {home: req.home, ledgerHome, inventory: readInventory(req.env), dataset: scan.dataset, priceBook, ingest: ingested, warnings, badLedgerLines: scan.badLines, badLedgerFields: scan.badFields, filesRead: scan.filesRead, ...(live ? {live, priceWarnings} : {})};
}
