/**
 * dist/cli.cjs, the installed \`burn\`: the light start as one CommonJS file (cli/handover.ts).
 * A command it cannot finish in it is run from the start by the ES module build beside it.
 */
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {startCli} from './start.js';

startCli({
	lightOnly: true,
	onHandover: () => {
		void import(pathToFileURL(join(__dirname, 'cli.js')).href);
	},
});
