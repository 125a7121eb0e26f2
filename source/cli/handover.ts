/**
 * The CommonJS light start (dist/cli.cjs, source/cli/light-main.ts) serves `burn status`, a
 * report from the report cache, `--help` and `--version` without Node's ES module loader
 * (~20 ms of a 100 ms status line). Where a command needs more (an ingest that reads
 * something, a report made afresh, the interactive view, `watch`), it stops with a Handover
 * before it has written anything, and dist/cli.cjs loads the ES module build (dist/cli.js),
 * which runs the command from the start. In the CommonJS build every dynamic import throws
 * one (scripts/build.mjs), and `run` stops every command but `status` and a plain report
 * at once (run.ts).
 */
export class Handover extends Error {
	constructor() {
		super('burn: the light start hands the command over to the full build');
		this.name = 'Handover';
	}
}

export const isHandover = (error: unknown): boolean => error instanceof Error && error.name === 'Handover';
