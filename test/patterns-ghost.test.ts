/** Ghost surface and the inventory (hotspots-model.md §9.6, ghost-surface.test.ts). */
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ContentRecord, LedgerRecord, SourceKind} from '../source/core/records.js';
import {analyzePatterns} from '../source/analysis/patterns/index.js';
import {frontMatter, readInventory, type Inventory, type InventoryItem} from '../source/sources/inventory.js';
import {datasetOf, fakePriceBook, turn} from './helpers/analysis.js';
import {tmp} from './helpers/tmp.js';

/** Content sidecar records of one session: tool results, tool inputs, user text. */
function contentOf(session: string, items: Array<{result?: [string, string]; use?: [string, string, unknown]; userText?: string}>, source: SourceKind = 'claude-code'): Map<string, ContentRecord[]> {
	const recs = items.map((it, i): ContentRecord => {
		const base = {v: 1 as const, source, sessionId: session, messageId: `c${i}`, ts: '2026-04-20T00:00:00.000Z'};
		if (it.result) return {...base, role: 'tool_result', kind: 'tool_result', toolResult: {toolUseId: it.result[0], content: it.result[1]}};
		if (it.use) return {...base, role: 'assistant', kind: 'tool_use', toolUse: {id: it.use[0], name: it.use[1], input: it.use[2]}};
		return {...base, role: 'user', kind: 'text', text: it.userText ?? ''};
	});
	return new Map([[session, recs]]);
}

function write(path: string, text: string): void {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text);
}

const agentMd = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\nYou are ${name}.\n`;

/** A HOME with Claude agents/commands/skills, Codex prompts/skills and an OpenCode config. */
function home(): string {
	const h = tmp();
	write(join(h, '.claude/agents/code-reviewer.md'), agentMd('code-reviewer', 'Reviews code'));
	write(join(h, '.claude/agents/forgotten-helper.md'), agentMd('forgotten-helper', 'Helps with things nobody asks about any more'));
	write(join(h, '.claude/agents/notes.txt'), 'not an agent');
	write(join(h, '.claude/commands/git-commit.md'), '---\ndescription: Commit\n---\nCommit it.');
	write(join(h, '.claude/commands/openspec-apply.md'), 'Apply the spec.');
	write(join(h, '.claude/commands/openspec-archive.md'), 'Archive the spec.');
	write(join(h, '.claude/skills/pdf/SKILL.md'), '---\nname: pdf\ndescription: >\n  Read and fill\n  PDF forms\n---\nbody');
	write(join(h, '.codex/prompts/openspec-apply.md'), 'Apply (codex).');
	write(join(h, '.codex/prompts/openspec-archive.md'), 'Archive (codex).');
	write(join(h, '.codex/prompts/.hidden.md'), 'hidden');
	write(join(h, '.config/opencode/agent/reviewer.md'), agentMd('reviewer', 'OpenCode reviewer'));
	write(join(h, '.config/opencode/skill/project-skill/SKILL.md'), '---\nname: project-skill\ndescription: A skill\n---\n');
	write(join(h, '.config/opencode/opencode.json'), JSON.stringify({agent: {'abandoned-helper': {description: 'old'}}, command: {deploy: {template: 'deploy it'}}}));
	return h;
}

const names = (inv: Inventory, source: SourceKind, kind: InventoryItem['kind']) =>
	inv.items
		.filter((i) => i.source === source && i.kind === kind)
		.map((i) => i.name)
		.sort();

describe('readInventory', () => {
	it('enumerates Claude agents, commands and skills, Codex prompts, OpenCode agents, commands and skills', () => {
		const h = home();
		const inv = readInventory({HOME: h});
		expect(names(inv, 'claude-code', 'agent')).toEqual(['code-reviewer', 'forgotten-helper']);
		expect(names(inv, 'claude-code', 'command')).toEqual(['git-commit', 'openspec-apply', 'openspec-archive']);
		expect(names(inv, 'claude-code', 'skill')).toEqual(['pdf']);
		expect(names(inv, 'codex', 'prompt')).toEqual(['openspec-apply', 'openspec-archive']);
		expect(names(inv, 'opencode', 'agent')).toEqual(['abandoned-helper', 'reviewer']);
		expect(names(inv, 'opencode', 'command')).toEqual(['deploy']);
		expect(names(inv, 'opencode', 'skill')).toEqual(['project-skill']);
		const pdf = inv.items.find((i) => i.name === 'pdf')!;
		expect(pdf.catalogBytes).toBe(Buffer.byteLength('pdf: Read and fill PDF forms'));
		expect(inv.items.find((i) => i.name === 'openspec-apply' && i.source === 'codex')!.catalogBytes).toBe(0);
		expect(inv.items.find((i) => i.name === 'deploy')!.path).toBe(join(h, '.config/opencode/opencode.json#/command/deploy'));
	});

	it('a missing home gives nothing; CLAUDE_CONFIG_DIR replaces the default roots', () => {
		expect(readInventory({HOME: join(tmp(), 'nope')}).items).toEqual([]);
		const h = home();
		const inv = readInventory({HOME: join(tmp(), 'nope'), CLAUDE_CONFIG_DIR: join(h, '.claude')});
		expect(names(inv, 'claude-code', 'agent')).toEqual(['code-reviewer', 'forgotten-helper']);
		expect(names(inv, 'codex', 'prompt')).toEqual([]);
	});

	it('front matter: single-line, quoted and folded values', () => {
		expect(frontMatter('---\nname: "x"\ndescription: |\n  a\n  b\n---\n')).toEqual({name: 'x', description: 'a b'});
		expect(frontMatter('no front matter')).toEqual({});
	});
});

const U = {input: 100, output: 10, cacheRead: 20000};
const claudeTurn = (session: string, calls: Parameters<typeof turn>[0]['calls'] = []): LedgerRecord => turn({session, usage: U, calls});
const codexTurn = (session: string): LedgerRecord => turn({session, source: 'codex', model: 'gpt-5', usage: U});

function ghosts(records: LedgerRecord[], inventory: Inventory, content?: ReadonlyMap<string, readonly ContentRecord[]>, kinds: string[] = ['ghost-surface']) {
	const report = analyzePatterns(datasetOf(records), fakePriceBook, {kinds, inventory, archiveDir: '/archive', ...(content ? {content} : {})});
	// Read one session at a time, the users' words still reach the cross-session detector.
	if (content) expect(analyzePatterns(datasetOf(records), fakePriceBook, {kinds, inventory, archiveDir: '/archive', content: (id) => content.get(id) ?? []})).toEqual(report);
	return report;
}

describe('ghost surface', () => {
	it('Claude: unused agent and commands are ghosts once code-reviewer (Task) and git-commit (<command-name>) are used', () => {
		const inv = readInventory({HOME: home()});
		const records = [claudeTurn('c1', [{id: 't1', name: 'Task', target: 'code-reviewer'}]), claudeTurn('c2')];
		const content = contentOf('c1', [{userText: '<command-name>/git-commit</command-name>'}]);
		const r = ghosts(records, inv, content);
		const claude = r.ghostSurface.filter((g) => g.source === 'claude-code').map((g) => `${g.kind}:${g.name}`).sort();
		expect(claude).toEqual(['ghost-agent:forgotten-helper', 'ghost-command:openspec-apply', 'ghost-command:openspec-archive', 'ghost-skill:pdf']);
		const helper = r.ghostSurface.find((g) => g.name === 'forgotten-helper')!;
		expect(helper.sessions).toBe(2);
		expect(helper.ridingTurns).toBe(2);
		expect(helper.cost).toBeCloseTo((2 * helper.catalogTokens * 0.3) / 1e6, 15);
		expect(helper.costPerSession).toBeCloseTo(helper.cost / 2, 15);
	});

	it('a <command-name> marker without the slash also counts; commands are not judged without user text', () => {
		const inv = readInventory({HOME: home()});
		const records = [claudeTurn('c1')];
		const r = ghosts(records, inv, contentOf('c1', [{userText: '<command-name>openspec-apply</command-name>'}]));
		expect(r.ghostSurface.some((g) => g.name === 'openspec-apply' && g.source === 'claude-code')).toBe(false);
		const blind = ghosts(records, inv);
		expect(blind.ghostSurface.some((g) => g.kind === 'ghost-command')).toBe(false);
		expect(blind.notices.join('\n')).toContain('claude-code commands not checked');
	});

	it('Codex prompts: /name anywhere in user text de-ghosts; /name-foo, URLs and other sources do not; case-insensitive', () => {
		const inv = readInventory({HOME: home()});
		const codex = (text: string) => ghosts([codexTurn('x1')], inv, contentOf('x1', [{userText: text}], 'codex'), ['ghost-prompt']).ghostSurface.map((g) => g.name).sort();
		expect(codex('please run /openspec-apply now')).toEqual(['openspec-archive']);
		expect(codex('/openspec-apply-foo bar')).toEqual(['openspec-apply', 'openspec-archive']);
		expect(codex('see https://example.com/openspec-apply')).toEqual(['openspec-apply', 'openspec-archive']);
		expect(codex('/OPENSPEC-Apply')).toEqual(['openspec-archive']);
		expect(codex('/prompts:openspec-archive')).toEqual(['openspec-apply']);
		// A Claude session's marker does not de-ghost a Codex prompt, and the reverse.
		const both = ghosts([codexTurn('x1'), claudeTurn('c1')], inv, new Map([...contentOf('x1', [{userText: 'hello'}], 'codex'), ...contentOf('c1', [{userText: '/openspec-archive'}])]), ['ghost-prompt', 'ghost-command']);
		expect(both.ghostSurface.filter((g) => g.source === 'codex').map((g) => g.name).sort()).toEqual(['openspec-apply', 'openspec-archive']);
		expect(both.ghostSurface.filter((g) => g.source === 'claude-code').map((g) => g.name).sort()).toEqual(['git-commit', 'openspec-apply']);
	});

	it('a source without sessions in the window is not judged; kinds filter the rows', () => {
		const inv = readInventory({HOME: home()});
		const r = ghosts([claudeTurn('c1')], inv, undefined, ['ghost-agent']);
		expect(r.ghostSurface.map((g) => `${g.source}:${g.name}`).sort()).toEqual(['claude-code:code-reviewer', 'claude-code:forgotten-helper']);
	});

	it('OpenCode: skills and agents used by name are not ghosts; config entries point into the config file', () => {
		const inv = readInventory({HOME: home()});
		const oc = turn({session: 'ses_1', source: 'opencode', usage: U, calls: [{id: 'k', name: 'skill', skillName: 'Project-Skill'}]});
		const r = ghosts([oc], inv, contentOf('ses_1', [{userText: 'hi'}], 'opencode'));
		const rows = r.ghostSurface.filter((g) => g.source === 'opencode');
		expect(rows.map((g) => g.name).sort()).toEqual(['abandoned-helper', 'deploy', 'reviewer']);
		const deploy = rows.find((g) => g.name === 'deploy')!;
		expect(deploy).toMatchObject({kind: 'ghost-command', cost: 0, countedByCatalogBloat: true});
		const f = r.findings.find((x) => x.path === deploy.path)!;
		expect(f.action).toMatchObject({type: 'paste'});
		expect(f.action.text).toContain('/command/deploy');
	});

	it('findings: archive command, title with the name, detail with the source, severity by the per-session cost', () => {
		const h = home();
		write(join(h, '.claude/agents/with space.md'), agentMd('with space', 'x'.repeat(40000)));
		const inv = readInventory({HOME: h});
		const records = Array.from({length: 10}, (_, i) => claudeTurn(`c${i}`));
		const r = ghosts(records, inv, undefined, ['ghost-agent']);
		const big = r.ghostSurface.find((g) => g.name === 'with space')!;
		expect(big.cost).toBeGreaterThan(0.02);
		const f = r.findings.find((x) => x.path === big.path)!;
		expect(f.title).toBe('Ghost agent: with space (claude-code)');
		expect(f.detail).toContain('claude-code');
		expect(f.severity).toBe('info');
		expect(f.costUsd).toBeCloseTo(big.cost, 15);
		expect(f.estimatedSavings.usdPerSession).toBeCloseTo(big.costPerSession, 15);
		expect(f.action).toEqual({type: 'command', label: expect.stringContaining('Archive'), text: `mkdir -p /archive && mv '${big.path}' /archive/`});
		expect(f.sessionId).toBeNull();
		const skill = ghosts(records, inv, undefined, ['ghost-skill']).findings[0]!;
		expect(skill.action.text).toBe(`mkdir -p /archive && mv ${join(h, '.claude/skills/pdf')} /archive/`);
	});

	it('without an inventory the detector cannot run: it alone is refused', () => {
		const r = analyzePatterns(datasetOf([claudeTurn('c1')]), fakePriceBook, {kinds: ['ghost-surface']});
		expect(r.refused).toBe(true);
		expect(r.refusalReason).toContain('ghost-surface');
	});
});
