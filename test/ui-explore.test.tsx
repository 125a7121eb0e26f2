import {it} from 'vitest';
import {renderApp, press, KEY, sleep, plain} from './helpers/ui.js';
it('explore', async () => {
	const r = await renderApp({}, {columns: 80, rows: 24});
	await sleep(50);
	const show = (t: string) => console.log(`=== ${t}\n${plain(r.lastFrame())}`);
	show('files');
	for (const k of [KEY.right, KEY.right, KEY.right, KEY.right, KEY.right, KEY.right]) { await press(r.stdin, k); show('tab'); }
	await press(r.stdin, KEY.tab); show('files again');
	await press(r.stdin, KEY.enter); show('row');
	await press(r.stdin, KEY.enter); show('session');
	await press(r.stdin, KEY.enter); show('turn');
	await sleep(50); show('turn');
	r.unmount();
});
