/** The one line that tells what a scan of the ledger skipped; '' when nothing was. */
export function ledgerSkipLine(badRecords: number, badFields: number, foreign = false): string {
	if (badRecords + badFields === 0) return '';
	const parts = [];
	if (badRecords) parts.push(`${badRecords} invalid record(s) skipped`);
	if (badFields) parts.push(`${badFields} bad usage field(s) counted as 0`);
	return foreign ? `the ledger read holds bad input: ${parts.join(', ')}` : `ledger holds bad input: ${parts.join(', ')} (burn ingest --rebuild rewrites it from the logs)`;
}
