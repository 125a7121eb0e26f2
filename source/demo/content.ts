import {cap, iso, type Rng} from './common.js';

/**
 * Fake but plausible content for the demo: the two projects (their files, tests and the kind
 * of things a developer asks about them), source files, and the output of the commands an
 * agent runs on them (vitest, tsc, eslint, git, a server log, GitHub and Context7 MCP).
 */

export const APP = '/home/dev/code/app';
export const API = '/home/dev/code/api';

export interface Project {
	root: string;
	/** Files the agent works on, with how often it touches each (a few are hot). */
	files: ReadonlyArray<readonly [string, number]>;
	tests: readonly string[];
	/** What the agent searches the code for. */
	patterns: readonly string[];
	/** Follow-up requests a developer types mid-session. */
	followUps: readonly string[];
}

export const APP_PROJECT: Project = {
	root: APP,
	files: [
		['src/lib/session-store.ts', 9],
		['src/server/routes.ts', 8],
		['src/components/Dashboard.tsx', 7],
		['src/lib/auth.ts', 6],
		['src/lib/cache.ts', 4],
		['src/lib/token.ts', 4],
		['src/hooks/useSession.ts', 4],
		['src/server/middleware.ts', 3],
		['src/components/Header.tsx', 3],
		['src/components/SettingsPanel.tsx', 3],
		['src/components/Sidebar.tsx', 2],
		['src/hooks/useTheme.ts', 2],
		['src/lib/logger.ts', 1],
		['src/lib/api-client.ts', 3],
		['test/session-store.test.ts', 5],
		['test/routes.test.ts', 4],
		['test/auth.test.ts', 3],
		['test/dashboard.test.tsx', 2],
		['package.json', 1],
		['vite.config.ts', 1],
	],
	tests: ['test/session-store.test.ts', 'test/routes.test.ts', 'test/auth.test.ts', 'test/cache.test.ts', 'test/dashboard.test.tsx', 'test/token.test.ts'],
	patterns: ['expiresAt', 'useSession', 'sessionStore', 'refreshToken', 'clock.now', 'cache.set', 'theme\\.', 'requireAuth', 'TODO'],
	followUps: [
		'Also make sure the logout route clears the session from the cache.',
		'Can you add a test for the expired-token case?',
		'The dashboard flickers when the session refreshes. Can you look at that too?',
		'Looks good. Now rename `getSession` to `loadSession` everywhere.',
		'CI says lint fails on the hooks folder, fix that please.',
		'Move the cookie options into the config module.',
		'Can you double check the refresh flow handles two tabs at once?',
		'Keep going, and run the whole test suite at the end.',
		'Add a short doc comment to the new functions.',
		'The settings panel should use the same hook. Update it.',
	],
};

export const API_PROJECT: Project = {
	root: API,
	files: [
		['src/handlers/orders.ts', 9],
		['src/services/billing.ts', 8],
		['src/services/orders.ts', 7],
		['src/handlers/invoices.ts', 6],
		['src/db/schema.ts', 5],
		['src/server.ts', 4],
		['src/middleware/auth.ts', 4],
		['src/services/pdf.ts', 3],
		['src/handlers/webhooks.ts', 3],
		['src/db/client.ts', 2],
		['src/middleware/rate-limit.ts', 2],
		['src/services/stripe.ts', 3],
		['test/orders.test.ts', 5],
		['test/billing.test.ts', 4],
		['test/webhooks.test.ts', 2],
		['package.json', 1],
	],
	tests: ['test/orders.test.ts', 'test/billing.test.ts', 'test/invoices.test.ts', 'test/webhooks.test.ts', 'test/auth.test.ts'],
	patterns: ['orderId', 'HttpError', 'insertMany', 'invoiceId', 'stripe\\.', 'retryAfter', 'idempotencyKey', 'customerId', 'TODO'],
	followUps: [
		'Also validate the currency field, we only accept EUR and USD.',
		'Can you add an integration test that hits the real route?',
		'The webhook handler should be idempotent too. Check it.',
		'Good. Now add the migration for the new column.',
		'Please log the order id on every error path.',
		'Use the shared `HttpError` instead of throwing plain errors.',
		'Run the full test suite and fix anything that broke.',
		'Can you make the retry backoff configurable?',
		'Add pagination to the list endpoint while you are in there.',
		'The billing service is getting long, split out the tax calculation.',
	],
};

export const NOUNS = ['user', 'session', 'order', 'invoice', 'token', 'route', 'config', 'payload', 'event', 'account', 'report', 'cart', 'price', 'webhook'];
export const VERBS = ['get', 'load', 'parse', 'validate', 'create', 'update', 'remove', 'fetch', 'build', 'sync', 'resolve', 'format'];

function statement(rng: Rng, a: string, b: string): string {
	const c = rng.pick(NOUNS);
	switch (rng.int(0, 7)) {
		case 0:
			return `\tconst ${c} = await ${cap(c)}Service.${rng.pick(VERBS)}(${a}Id);`;
		case 1:
			return `\tif (!${c}) throw new NotFoundError(\`${c} \${${a}Id} not found\`);`;
		case 2:
			return `\tlogger.debug({${a}Id, ${c}: opts.${c} ?? null}, '${rng.pick(VERBS)} ${a}');`;
		case 3:
			return `\tconst ${c}s = (opts.${b}s ?? []).filter((x) => x.${a}Id === ${a}Id);`;
		case 4:
			return `\t// ${rng.pick(['TODO', 'NOTE', 'FIXME'])}: ${rng.pick(['retry', 'cache', 'validate', 'batch'])} ${c} ${rng.pick(['lookups', 'writes', 'updates'])} here`;
		case 5:
			return `\tawait cache.set(\`${a}:\${${a}Id}\`, ${c}, {ttl: ${rng.pick([30, 60, 300, 3600])}});`;
		case 6:
			return `\tmetrics.increment('${a}.${rng.pick(VERBS)}', {${b}: String(opts.${b} ?? 'none')});`;
		default:
			return `\tconst ${c}Total = ${c}s.reduce((sum, x) => sum + x.amount, 0);`;
	}
}

/** A few lines of new code, as an edit inserts them. */
export function newCode(rng: Rng, n: number): string[] {
	const a = rng.pick(NOUNS);
	const b = rng.pick(NOUNS);
	return Array.from({length: n}, () => statement(rng, a, b));
}

function packageJson(rng: Rng, path: string): string[] {
	const name = path.includes('/api/') ? 'api' : 'app';
	const deps = ['express', 'zod', 'pino', 'ioredis', 'jsonwebtoken', 'react', 'react-dom', 'date-fns', 'pg', 'stripe'];
	const dev = ['vitest', 'typescript', 'eslint', '@types/node', 'vite', 'prettier', 'tsx', 'supertest'];
	const ver = () => `^${rng.int(1, 19)}.${rng.int(0, 12)}.${rng.int(0, 20)}`;
	return [
		'{',
		`\t"name": "${name}",`,
		`\t"version": "${rng.int(1, 3)}.${rng.int(0, 9)}.0",`,
		'\t"private": true,',
		'\t"type": "module",',
		'\t"scripts": {',
		'\t\t"dev": "vite",',
		'\t\t"build": "tsc -p . && vite build",',
		'\t\t"test": "vitest run",',
		'\t\t"lint": "eslint src test",',
		'\t\t"migrate": "tsx scripts/migrate.ts"',
		'\t},',
		'\t"dependencies": {',
		...deps.map((d, i) => `\t\t"${d}": "${ver()}"${i < deps.length - 1 ? ',' : ''}`),
		'\t},',
		'\t"devDependencies": {',
		...dev.map((d, i) => `\t\t"${d}": "${ver()}"${i < dev.length - 1 ? ',' : ''}`),
		'\t}',
		'}',
	];
}

function component(rng: Rng, path: string, n: number): string[] {
	const name = path.split('/').pop()!.replace(/\.tsx$/, '');
	const out = [`import {useEffect, useMemo, useState} from 'react';`, `import {useSession} from '../hooks/useSession.js';`, `import {theme} from '../theme.js';`, ''];
	while (out.length < n) {
		const a = rng.pick(NOUNS);
		const v = rng.pick(VERBS);
		out.push(`export function ${name}${cap(a)}({${a}Id, onChange}: {${a}Id: string; onChange?: (${a}: ${cap(a)}) => void}) {`);
		out.push(`\tconst {session} = useSession();`);
		out.push(`\tconst [${a}, set${cap(a)}] = useState<${cap(a)} | null>(null);`);
		out.push(`\tuseEffect(() => {`, `\t\tvoid ${v}${cap(a)}(${a}Id).then(set${cap(a)});`, `\t}, [${a}Id, session?.id]);`);
		out.push(`\tconst rows = useMemo(() => (${a}?.items ?? []).filter((x) => x.visible), [${a}]);`);
		out.push(`\treturn (`, `\t\t<section className="${a}-panel" style={{color: theme.text, background: theme.surface}}>`);
		const items = rng.int(2, 7);
		for (let i = 0; i < items; i++) out.push(`\t\t\t<${rng.pick(['Row', 'Cell', 'Badge', 'Stat'])} label="${cap(rng.pick(NOUNS))}" value={rows[${i}]?.${rng.pick(NOUNS)}} />`);
		out.push(`\t\t\t<button onClick={() => ${a} && onChange?.(${a})}>${cap(v)}</button>`, '\t\t</section>', '\t);', '}', '');
	}
	return out.slice(0, n);
}

/** A source file of `n` lines, shaped by its path (tests, components, package.json, TS). */
export function codeLines(rng: Rng, path: string, n: number): string[] {
	if (path.endsWith('package.json')) return packageJson(rng, path);
	if (path.endsWith('.tsx') && !path.includes('.test.')) return component(rng, path, n);
	const test = path.includes('.test.');
	const out: string[] = [];
	const imports = rng.int(2, 6);
	for (let i = 0; i < imports; i++) {
		const a = rng.pick(NOUNS);
		out.push(test ? `import {${rng.pick(VERBS)}${cap(a)}} from '../src/${a}.js';` : `import {${cap(a)}Service} from './${a}-service.js';`);
	}
	if (test) out.push(`import {describe, expect, it, vi} from 'vitest';`);
	out.push('');
	while (out.length < n) {
		const a = rng.pick(NOUNS);
		const b = rng.pick(NOUNS);
		const v = rng.pick(VERBS);
		if (test) {
			out.push(`describe('${v}${cap(a)}', () => {`);
			const cases = rng.int(1, 4);
			for (let c = 0; c < cases; c++) {
				out.push(`\tit('${v}s a ${a} with ${b} ${rng.pick(['defaults', 'overrides', 'missing fields', 'stale cache'])}', async () => {`);
				out.push(`\t\tconst ${a} = await ${v}${cap(a)}({id: '${a}-${rng.int(1, 99)}', ${b}Id: '${b}-${rng.int(1, 99)}'});`);
				out.push(`\t\texpect(${a}.${b}Id).toBe('${b}-${rng.int(1, 99)}');`);
				out.push(`\t\texpect(${a}).toMatchObject({status: '${rng.pick(['active', 'pending', 'closed'])}'});`);
				out.push('\t});');
			}
			out.push('});', '');
			continue;
		}
		out.push(`export async function ${v}${cap(a)}(${a}Id: string, opts: ${cap(b)}Options = {}): Promise<${cap(a)}> {`);
		const body = rng.int(4, 14);
		for (let s = 0; s < body; s++) out.push(statement(rng, a, b));
		out.push(`\treturn {id: ${a}Id, ...opts} as ${cap(a)};`, '}', '');
	}
	return out.slice(0, n);
}

export const numbered = (lines: readonly string[], from = 1) => lines.map((l, i) => `${String(i + from).padStart(6)}\u2192${l}`).join('\n');

/** Failing test cases: [test file keyword, test name, message, expected, received]. */
const FAILURES = [
	['session', 'session store > expires sessions after ttl', `expected 'active' to be 'expired' // Object.is equality`, '- expired', '+ active'],
	['order', 'orders > rejects more than 100 orders', 'expected 201 to be 413 // Object.is equality', '- 413', '+ 201'],
	['billing', 'billing > rounds tax per line item', 'expected 1999 to be 2000 // Object.is equality', '- 2000', '+ 1999'],
	['auth', 'auth > refreshes an expired token', `expected undefined to be 'tok_refreshed'`, `- 'tok_refreshed'`, '+ undefined'],
	['', 'renders the empty state > shows a placeholder', `expected null to be truthy`, '- truthy', '+ null'],
] as const;

/** `npm test` output (vitest); `failing` tests fail in the first file, in a case that fits its name. */
export function vitestOutput(rng: Rng, files: readonly string[], failing: number, cwd: string): string {
	const out = ['', `> ${cwd.split('/').pop()}@1.4.0 test`, '> vitest run', '', ` RUN  v3.2.4 ${cwd}`, ''];
	let tests = 0;
	for (const f of files) {
		const n = rng.int(3, 18);
		tests += n;
		out.push(` ${failing > 0 && f === files[0] ? '❯' : '✓'} ${f} (${n} tests${failing > 0 && f === files[0] ? ` | ${failing} failed` : ''}) ${rng.int(8, 900)}ms`);
	}
	if (failing > 0) {
		const [, title, message, expected, received] = FAILURES.find(([key]) => files[0]!.includes(key))!;
		out.push('', '⎯⎯⎯⎯⎯⎯⎯ Failed Tests ' + failing + ' ⎯⎯⎯⎯⎯⎯⎯', '');
		for (let i = 0; i < failing; i++) {
			out.push(
				` FAIL  ${files[0]} > ${title}`,
				`AssertionError: ${message}`,
				'',
				`- Expected`,
				`+ Received`,
				'',
				expected,
				received,
				'',
				` ❯ ${files[0]}:${rng.int(20, 140)}:${rng.int(5, 30)}`,
				`    ${rng.int(20, 140)}|     const result = await ${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}(input);`,
				`    ${rng.int(20, 140)}|     vi.advanceTimersByTime(ttl + 1);`,
				`    ${rng.int(20, 140)}|     expect(result.status).toBe(expected);`,
				'       |                                 ^',
				`    ${rng.int(20, 140)}|   });`,
				'',
				` ❯ ${rng.pick(VERBS)}${cap(rng.pick(NOUNS))} src/${rng.pick(['lib', 'services', 'handlers'])}/${rng.pick(NOUNS)}.ts:${rng.int(10, 200)}:${rng.int(3, 30)}`,
				` ❯ processTicksAndRejections node:internal/process/task_queues:95:5`,
				` ❯ ${files[0]}:${rng.int(20, 140)}:${rng.int(5, 30)}`,
				'',
				'⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[' + (i + 1) + '/' + failing + ']⎯',
				'',
			);
		}
		out.push(`stderr | ${files[0]} > ${title}`);
		for (let i = rng.int(2, 6); i > 0; i--) out.push(`${iso(Date.UTC(2025, 0, 1, 9) + rng.int(0, 9e6))} WARN [${rng.pick(['cache', 'auth', 'db'])}] ${rng.pick(NOUNS)} ${rng.pick(['lookup missed', 'retry scheduled', 'stale entry evicted'])} id=${rng.hex(12)}`);
		out.push('');
	}
	out.push(
		` Test Files  ${failing > 0 ? '1 failed | ' : ''}${files.length - (failing > 0 ? 1 : 0)} passed (${files.length})`,
		`      Tests  ${failing > 0 ? `${failing} failed | ` : ''}${tests - failing} passed (${tests})`,
		`   Start at  ${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}`,
		`   Duration  ${(rng.int(20, 90) / 10).toFixed(2)}s (transform 412ms, setup 0ms, collect 2.31s, tests ${rng.int(300, 4000)}ms)`,
	);
	return out.join('\n');
}

export function tscErrors(rng: Rng, file: string, n: number): string {
	const msgs = [
		`Property 'bulk' does not exist on type 'OrderService'.`,
		`Argument of type 'Order[]' is not assignable to parameter of type 'Order'.`,
		`Object is possibly 'undefined'.`,
		`Type 'string | undefined' is not assignable to type 'string'.`,
	];
	const out = Array.from({length: n}, (_, i) => `${file}(${rng.int(20, 140)},${rng.int(3, 30)}): error TS${['2339', '2345', '2532', '2322'][i % msgs.length]}: ${msgs[i % msgs.length]}`);
	out.push('', `Found ${n} error${n === 1 ? '' : 's'} in the same file, starting at: ${file}:${rng.int(20, 90)}`);
	return out.join('\n');
}

export function eslintOutput(rng: Rng, root: string, files: readonly string[]): string {
	if (files.length === 0) return '';
	const out: string[] = [];
	let n = 0;
	for (const f of files) {
		out.push('', `${root}/${f}`);
		const k = rng.int(1, 3);
		for (let i = 0; i < k; i++, n++) {
			out.push(`  ${rng.int(3, 200)}:${rng.int(1, 40)}  ${rng.pick(['error', 'warning'])}  ${rng.pick([`'${rng.pick(NOUNS)}' is assigned a value but never used  @typescript-eslint/no-unused-vars`, 'Unexpected any. Specify a different type  @typescript-eslint/no-explicit-any', 'React Hook useEffect has a missing dependency  react-hooks/exhaustive-deps', 'Promises must be awaited  @typescript-eslint/no-floating-promises'])}`);
		}
	}
	out.push('', `✖ ${n} problems (${Math.ceil(n / 2)} errors, ${Math.floor(n / 2)} warnings)`);
	return out.join('\n');
}

export function gitStatus(branch: string, modified: readonly string[]): string {
	const out = [`On branch ${branch}`, `Your branch is up to date with 'origin/${branch}'.`, ''];
	if (modified.length === 0) return [...out, 'nothing to commit, working tree clean'].join('\n');
	out.push('Changes not staged for commit:', '  (use "git add <file>..." to update what will be committed)', '  (use "git restore <file>..." to discard changes in working directory)');
	for (const f of modified) out.push(`\tmodified:   ${f}`);
	out.push('', 'no changes added to commit (use "git add" and/or "git commit -a")');
	return out.join('\n');
}

export function gitDiffStat(rng: Rng, files: readonly string[]): string {
	let ins = 0;
	let del = 0;
	const out = files.map((f) => {
		const a = rng.int(1, 40);
		const d = rng.int(0, 15);
		ins += a;
		del += d;
		return ` ${f.padEnd(36)} | ${String(a + d).padStart(3)} ${'+'.repeat(Math.min(a, 20))}${'-'.repeat(Math.min(d, 10))}`;
	});
	out.push(` ${files.length} file${files.length === 1 ? '' : 's'} changed, ${ins} insertions(+), ${del} deletions(-)`);
	return out.join('\n');
}

export function gitLog(rng: Rng, n: number): string {
	return Array.from({length: n}, () => `${rng.hex(7)} ${rng.pick(['fix', 'feat', 'chore', 'refactor', 'test'])}: ${rng.pick(VERBS)} ${rng.pick(NOUNS)} ${rng.pick(['handling', 'cache', 'validation', 'route', 'types', 'tests'])}`).join('\n');
}

export function logOutput(rng: Rng, bytes: number): string {
	const out: string[] = [];
	let size = 0;
	let t = Date.UTC(2025, 0, 1, 9, 0, 0);
	while (size < bytes) {
		t += rng.int(1, 900);
		const a = rng.pick(NOUNS);
		const line = `${iso(t)} ${rng.pick(['INFO ', 'INFO ', 'DEBUG', 'WARN ', 'INFO '])} [${rng.pick(['http', 'db', 'worker', 'cache', 'auth'])}] ${rng.pick(['GET', 'POST', 'PUT'])} /api/${a}s/${rng.int(1000, 99999)} ${rng.pick([200, 200, 200, 201, 304, 404, 500])} ${rng.int(2, 850)}ms reqId=${rng.hex(12)} ${a}Id=${a}-${rng.int(1, 9999)}`;
		out.push(line);
		size += line.length + 1;
	}
	return out.join('\n');
}

export function prose(rng: Rng, sentences: number): string {
	const parts: string[] = [];
	for (let i = 0; i < sentences; i++) {
		const a = rng.pick(NOUNS);
		const b = rng.pick(NOUNS);
		parts.push(
			rng.pick([
				`The ${a} ${rng.pick(VERBS)} path reads the ${b} twice, once in the handler and once in the middleware.`,
				`I'll check the ${a} ${rng.pick(VERBS)} path before touching the ${b} code.`,
				`The failing case is the ${a} expiry: the store compares against the wrong clock.`,
				`Let me look at the ${b} module to see where the ${a} id comes from.`,
				`That matches the stack trace, so the fix belongs in the ${a} store rather than the ${b} route.`,
				`Tests for the ${a} ${rng.pick(VERBS)} flow cover the happy path but not the ${b} edge cases.`,
				`The ${b} type is too wide here; narrowing it lets the compiler catch the missing ${a} check.`,
				`Callers of ${rng.pick(VERBS)}${cap(a)} pass the ${b} id positionally, so the signature change touches them all.`,
				`The ${a} cache key ignores the ${b}, which explains the stale reads after an update.`,
			]),
		);
	}
	return parts.join(' ');
}

export function githubPr(rng: Rng, repo: string, n: number): string {
	return JSON.stringify(
		{
			number: n,
			title: `Fix session expiry in ${rng.pick(NOUNS)} store`,
			state: 'open',
			user: {login: 'dev'},
			body: prose(rng, 6),
			head: {ref: `fix/session-expiry-${n}`, sha: rng.hex(40)},
			base: {ref: 'main', sha: rng.hex(40)},
			mergeable: true,
			comments: rng.int(0, 9),
			review_comments: rng.int(0, 14),
			additions: rng.int(10, 400),
			deletions: rng.int(2, 120),
			changed_files: rng.int(1, 12),
			html_url: `https://github.com/acme/${repo}/pull/${n}`,
		},
		null,
		2,
	);
}

export function githubComments(rng: Rng, path: string, n: number): string {
	return JSON.stringify(
		Array.from({length: n}, () => ({id: rng.int(1e9, 2e9), user: {login: rng.pick(['dev', 'alice', 'bob', 'carol'])}, body: prose(rng, 3), path, line: rng.int(20, 200), created_at: '2025-10-02T09:14:00Z'})),
		null,
		2,
	);
}

export function githubIssue(rng: Rng, repo: string, n: number, title: string): string {
	return JSON.stringify({number: n, title, state: 'open', user: {login: rng.pick(['alice', 'bob', 'carol'])}, labels: [{name: 'bug'}], body: `${prose(rng, 5)}\n\nSteps to reproduce:\n1. ${prose(rng, 1)}\n2. ${prose(rng, 1)}`, comments: rng.int(0, 6), html_url: `https://github.com/acme/${repo}/issues/${n}`}, null, 2);
}

export function context7Docs(rng: Rng, topic: string, bytes: number): string {
	const out = [`TITLE: ${topic} in Vitest`, 'DESCRIPTION: ' + prose(rng, 2), 'SOURCE: https://github.com/vitest-dev/vitest/blob/main/docs/guide/mocking.md', '', 'LANGUAGE: typescript', 'CODE:', '```'];
	let size = 0;
	while (size < bytes) {
		const a = rng.pick(NOUNS);
		const chunk = [
			`import {vi, expect, test} from 'vitest'`,
			`const ${a}Spy = vi.spyOn(${a}Service, '${rng.pick(VERBS)}')`,
			`test('${a} uses fake timers', () => {`,
			`  vi.useFakeTimers()`,
			`  vi.advanceTimersByTime(${rng.int(1, 60) * 1000})`,
			`  expect(${a}Spy).toHaveBeenCalledTimes(${rng.int(1, 4)})`,
			`})`,
			'```',
			'',
			'----------------------------------------',
			'',
			`TITLE: ${cap(rng.pick(VERBS))} ${a} mocks`,
			'DESCRIPTION: ' + prose(rng, 2),
			'LANGUAGE: typescript',
			'CODE:',
			'```',
		].join('\n');
		out.push(chunk);
		size += chunk.length;
	}
	out.push('```');
	return out.join('\n');
}

export const context7Resolve = (name: string, id: string, what: string) =>
	`Available Libraries (top matches):\n\n- Title: ${name}\n- Context7-compatible library ID: ${id}\n- Description: ${what}\n- Code Snippets: 1893\n- Trust Score: 9.7`;
