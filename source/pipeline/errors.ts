/** Typed failures of the pipeline; source/cli/exit-codes.ts maps them to exit codes. */

/** `--session <id>`: unknown or ambiguous (exit 1). */
export class SessionPickError extends Error {
	override name = 'SessionPickError';
}
