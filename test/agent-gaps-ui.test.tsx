// The Findings tab says which detectors are off for an agent in the window, and why (agent-gaps.ts).
import {describe, expect, it} from 'vitest';
import {activeTab, KEY, plain, press, renderApp} from './helpers/ui.js';

describe('findings switched off for an agent, in the UI', () => {
	it('the Findings tab names agent, detector and reason among the notices; other tabs do not', async () => {
		// The demo window holds Codex sessions: edit-revert cannot see Codex's edits.
		const r = await renderApp({}, {columns: 160, rows: 40});
		expect(plain(r.lastFrame())).not.toContain('findings off for');
		for (let i = 0; i < 10 && activeTab(r.lastFrame()) !== 'Findings'; i++) await press(r.stdin, KEY.right);
		expect(activeTab(r.lastFrame())).toBe('Findings');
		const frame = plain(r.lastFrame());
		expect(frame).toContain('! 1 notice: findings off for codex: edit-revert');
		await press(r.stdin, '!');
		expect(plain(r.lastFrame()).replace(/\s+/g, ' ')).toContain('findings off for codex: edit-revert (needs the text of edits: apply_patch calls are read as a patch target, without the text before and after)');
	});
});
