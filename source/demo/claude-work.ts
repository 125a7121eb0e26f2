import type {Rng} from './common.js';
import {todo, type ClaudeLog, type Reply, type ToolSpec, type Workspace} from './claude-log.js';
import {eslintOutput, gitDiffStat, gitLog, gitStatus, newCode, NOUNS, prose, tscErrors, vitestOutput, type Project} from './content.js';

/**
 * Ordinary agent work on a Claude Code session: reading, searching, editing, running tests
 * and type checks, with the developer's follow-ups in between. The scripted episodes of the
 * demo (retry loop, failure run, …) sit inside stretches of this, so sessions have the
 * length and the growing context of real ones. The context auto-compacts as Claude Code's
 * does when it nears the window.
 */

type StepKind = 'read' | 'reads' | 'grep' | 'glob' | 'edit' | 'write' | 'test' | 'suite' | 'tsc' | 'lint' | 'git' | 'shell' | 'todo';

const STEPS: ReadonlyArray<readonly [StepKind, number]> = [
	['read', 15],
	['reads', 2],
	['grep', 9],
	['glob', 3],
	['edit', 14],
	['write', 1],
	['test', 7],
	['suite', 1],
	['tsc', 9],
	['lint', 3],
	['git', 7],
	['shell', 4],
	['todo', 4],
];

/** The start of a task: mostly reading and searching. */
const EXPLORE: ReadonlyArray<readonly [StepKind, number]> = [
	['read', 48],
	['reads', 12],
	['grep', 14],
	['glob', 5],
	['git', 4],
	['todo', 3],
];

const NARRATION = [
	(f: string) => `Let me look at \`${f}\`.`,
	(f: string) => `Now updating \`${f}\`.`,
	(f: string) => `Checking how \`${f}\` handles this.`,
	(f: string) => `\`${f}\` needs the same change.`,
	() => 'Running the affected tests.',
	() => 'Type-checking before going further.',
];

export interface WorkOpts {
	/** Auto-compact when the context passes this many tokens (Claude Code: ~155–165k of 200k). */
	compactAt?: number;
	/** Longest idle gap before a follow-up, in seconds (keeps recent sessions before `now`). */
	maxGapSecs?: number;
	todos?: readonly string[];
}

export class Work {
	/** Files read since the last compaction (what the agent has in context). */
	private touched: string[] = [];
	private modified = new Set<string>();
	/** After a failure the next step is a fix (no accidental failure streaks). */
	private fix: string | undefined;
	private todoDone = 0;
	private followUp = 0;
	readonly compactAt: number;

	constructor(
		readonly rng: Rng,
		readonly log: ClaudeLog,
		readonly ws: Workspace,
		readonly project: Project,
		readonly opts: WorkOpts = {},
	) {
		this.compactAt = opts.compactAt ?? rng.int(152_000, 166_000);
		this.followUp = rng.int(0, project.followUps.length - 1);
	}

	private file(): string {
		return this.rng.weighted(this.project.files);
	}

	private srcFile(): string {
		for (;;) {
			const f = this.file();
			if (f.startsWith('src/')) return f;
		}
	}

	/** A file already in context, else any source file. */
	private known(): string {
		return this.touched.length > 0 && this.rng.chance(0.85) ? this.rng.pick(this.touched) : this.srcFile();
	}

	private note(rel: string): void {
		if (!this.touched.includes(rel)) this.touched.push(rel);
	}

	/** One response (and its tool results), after an auto-compaction if the context is full. */
	turn(r: Reply): void {
		if (this.log.contextTokens > this.compactAt) {
			this.log.compact('auto', this.touched.slice(-6).map((f) => this.ws.abs(f)));
			this.touched = [];
		}
		this.log.turn(r);
	}

	read(rel: string, r: Omit<Reply, 'tools'> = {}): void {
		this.note(rel);
		this.turn({...r, tools: [this.ws.read(rel)]});
	}

	edit(rel: string, r: Omit<Reply, 'tools'> = {}): ToolSpec {
		if (!this.touched.includes(rel)) this.read(rel);
		const s = this.ws.snippet(rel, this.rng.next() * 0.85, 2);
		const tool = this.ws.edit(rel, s, `${s}\n${newCode(this.rng, this.rng.int(1, 6)).join('\n')}`);
		this.modified.add(rel);
		this.turn({...r, tools: [tool]});
		return tool;
	}

	bash(command: string, description: string, output: string, exit = 0, secs = 1, r: Omit<Reply, 'tools'> = {}): void {
		this.turn({...r, tools: [this.ws.bash(command, description, output, exit, secs)]});
	}

	/** The user types again after `gapSecs` (a long gap lets the prompt cache expire). */
	ask(text: string, gapSecs?: number): void {
		const rng = this.rng;
		const gap = gapSecs ?? Math.min(this.opts.maxGapSecs ?? 1800, rng.weighted([[rng.int(20, 240), 55], [rng.int(320, 1500), 35], [rng.int(1800, 5400), 10]] as const));
		this.log.user(text, gap);
	}

	/** A text-only answer that ends the agent's turn. */
	reply(text?: string): void {
		const changed = [...this.modified].slice(-4);
		this.turn({text: text ?? `${prose(this.rng, this.rng.int(2, 4))}${changed.length ? `\n\nChanged:\n${changed.map((f) => `- \`${f}\`: ${prose(this.rng, 1)}`).join('\n')}` : ''}`});
	}

	/** `n` responses of ordinary work, with a follow-up from the developer every so often. */
	steps(n: number, followUps = true): void {
		let next = this.rng.int(10, 26);
		for (let i = 0; i < n; i++) {
			if (followUps && --next === 0 && i < n - 4) {
				this.reply();
				this.ask(this.project.followUps[this.followUp++ % this.project.followUps.length]!);
				next = this.rng.int(10, 26);
				continue;
			}
			this.step(i < n * 0.1 ? EXPLORE : STEPS);
		}
	}

	step(weights = STEPS): void {
		const rng = this.rng;
		const thinking = rng.chance(0.5) ? prose(rng, rng.int(1, 2)) : undefined;
		if (this.fix) {
			const f = this.fix;
			this.fix = undefined;
			this.edit(f, {thinking: thinking ?? prose(rng, 2), text: rng.chance(0.5) ? `The failure points at \`${f}\`; fixing it there.` : undefined});
			return;
		}
		const kind = rng.weighted(weights);
		const say = (f: string) => (rng.chance(0.2) ? rng.pick(NARRATION)(f) : undefined);
		switch (kind) {
			case 'read': {
				const f = rng.chance(0.7) ? this.file() : this.known();
				const len = this.ws.lines(f).length;
				// Re-reading a file already in context: usually just the region around a change.
				const partial = len > 60 && rng.chance(this.touched.includes(f) ? 0.8 : 0.25);
				this.note(f);
				const opts = partial ? {offset: rng.int(1, len - 40), limit: rng.pick([30, 40, 60])} : {};
				this.turn({thinking, text: say(f), tools: [this.ws.read(f, opts)]});
				break;
			}
			case 'reads': {
				const fs = [...new Set([this.file(), this.file(), this.file()])].slice(0, rng.int(2, 3));
				for (const f of fs) this.note(f);
				this.turn({thinking, tools: fs.map((f) => this.ws.read(f))});
				break;
			}
			case 'grep': {
				const hits = [...new Set(Array.from({length: rng.int(1, 5)}, () => this.file()))];
				const pattern = rng.pick(this.project.patterns);
				this.turn({thinking, tools: [rng.chance(0.6) ? this.ws.grep(pattern, hits) : this.ws.grepContent(pattern, hits)]});
				break;
			}
			case 'glob': {
				const dir = this.srcFile().split('/').slice(0, -1).join('/');
				const hits = this.project.files.map(([f]) => f).filter((f) => f.startsWith(dir));
				this.turn({tools: [this.ws.glob(`${dir}/**/*.ts*`, hits)]});
				break;
			}
			case 'edit': {
				const f = this.known();
				this.edit(f, {thinking, text: say(f)});
				break;
			}
			case 'write': {
				const f = rng.chance(0.5) ? `src/lib/${rng.pick(NOUNS)}-utils.ts` : `test/${rng.pick(NOUNS)}.test.ts`;
				this.note(f);
				this.modified.add(f);
				this.turn({thinking, text: `Adding \`${f}\`.`, tools: [this.ws.write(f, rng.int(40, 110))]});
				break;
			}
			case 'test': {
				const t = rng.pick(this.project.tests);
				const fail = rng.chance(0.2);
				if (fail) this.fix = this.known();
				this.bash(`npm test -- ${t}`, `Run ${t.replace(/^test\/|\.test\.tsx?$/g, '')} tests`, vitestOutput(rng, [t], fail ? rng.int(1, 2) : 0, this.project.root), fail ? 1 : 0, rng.int(3, 9), {text: say(t)});
				break;
			}
			case 'suite':
				this.bash('npm test', 'Run the test suite', vitestOutput(rng, this.project.tests, 0, this.project.root), 0, rng.int(8, 25));
				break;
			case 'tsc': {
				const fail = rng.chance(0.2);
				const f = this.known();
				if (fail) this.fix = f;
				this.bash('npx tsc --noEmit', 'Type-check', fail ? tscErrors(rng, f, rng.int(1, 3)) : '', fail ? 2 : 0, rng.int(3, 8));
				break;
			}
			case 'lint': {
				const bad = rng.chance(0.3) ? [this.known()] : [];
				if (bad.length) this.fix = bad[0];
				const name = this.project.root.split('/').pop();
				this.bash('npm run lint', 'Lint', `\n> ${name}@1.4.0 lint\n> eslint src test\n${eslintOutput(rng, this.project.root, bad)}`, bad.length ? 1 : 0, rng.int(3, 9));
				break;
			}
			case 'git': {
				const m = [...this.modified];
				const which = rng.int(0, 2);
				if (which === 0) this.bash('git status', 'Show working tree status', gitStatus(this.log.o.gitBranch, m));
				else if (which === 1) this.bash('git diff --stat', 'Show changed files', m.length ? gitDiffStat(rng, m) : '');
				else this.bash('git log --oneline -10', 'Show recent commits', gitLog(rng, 10));
				break;
			}
			case 'shell': {
				const dir = this.srcFile().split('/').slice(0, -1).join('/');
				const [cmd, desc, out] = rng.pick([
					[`ls ${dir}`, 'List files', this.project.files.filter(([f]) => f.startsWith(`${dir}/`)).map(([f]) => f.slice(dir.length + 1)).join('\n')],
					[`rg -l "${rng.pick(NOUNS)}Id" src`, 'Find files using the id', [...new Set([this.file(), this.file(), this.file()])].join('\n')],
					['node --version && npm --version', 'Check tool versions', 'v22.12.0\n10.9.0'],
					['git branch --show-current', 'Current branch', this.log.o.gitBranch],
				] as const);
				this.bash(cmd, desc, out, 0, 1);
				break;
			}
			case 'todo': {
				const items = this.opts.todos ?? ['Read the relevant code', 'Make the change', 'Update the tests', 'Run the suite'];
				this.todoDone = Math.min(items.length, this.todoDone + 1);
				this.turn({tools: [todo(items, this.todoDone)]});
				break;
			}
		}
	}
}

