/**
 * dist/light.cjs: the light start as one CommonJS file (cli/handover.ts), run by dist/cli.cjs
 * (cli/cjs-loader.ts, with V8's code cache). A command it cannot finish in it is run from the
 * start by the ES module build beside it, imported by the loader (code run by vm.Script has no
 * dynamic import of its own; `import()` here only if the loader did not say how).
 */
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {startCli} from './start.js';

startCli({
	lightOnly: true,
	onHandover: () => {
		const url = pathToFileURL(join(__dirname, 'cli.js')).href;
		const load = (globalThis as {[k: symbol]: ((url: string) => Promise<unknown>) | undefined})[Symbol.for('burn.load-full')];
		void (load ? load(url) : import(url));
	},
});
