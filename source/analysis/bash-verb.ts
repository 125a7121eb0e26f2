/**
 * The verb of a shell command (`git diff`, `npm test`, `pytest`), for the "Commands by verb"
 * table. Rules follow hotspots-model.md §3.5 (relayburn's parseBashCommand); ours adds
 * unwrapping of `sudo`, `time`, `nohup`, `nice`, `timeout`, `command`, `exec`, `npx`/`bunx`/
 * `pnpx` and `npm|pnpm exec`, `pnpm|yarn dlx`, `bun x`, so that `npx vitest run` is `vitest`.
 */

export const SHELL_VERB = '(shell)';
const MAX_DEPTH = 5;

const MULTI_WORD = new Set([
	'git', 'gh', 'npm', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv', 'poetry', 'cargo', 'make',
	'docker', 'kubectl', 'helm', 'terraform', 'brew', 'apt', 'apt-get', 'gem', 'bundle', 'go',
]);
const VALUE_OPTIONS = new Set([
	'-C', '-c', '-F', '--config', '--filter', '--git-dir', '--namespace', '--prefix', '--repo',
	'--repository', '--work-tree',
]);
const COMPOSE_VALUE_OPTIONS = new Set([...VALUE_OPTIONS, '-f', '--file', '-p', '--project-name', '--env-file', '--profile']);
const PACKAGE_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const TWO_PART: Record<string, ReadonlySet<string>> = {
	docker: new Set(['compose']),
	gh: new Set(['pr', 'run', 'issue', 'repo', 'workflow', 'release']),
	go: new Set(['mod']),
	uv: new Set(['pip']),
};
const SHELLS = new Set(['bash', 'sh', 'zsh']);
/** Wrappers whose options are all flags, followed by the real command. */
const PLAIN_WRAPPERS = new Set(['time', 'nohup', 'command', 'exec', 'builtin']);
const NPX = new Set(['npx', 'pnpx', 'bunx']);
/**
 * Shell set-up before `&&` or `;` (relayburn skips `cd`; ours also the other builtins that only
 * prepare the shell), so `source .venv/bin/activate && pytest` is `pytest`.
 */
const SETUP = new Set(['cd', 'pushd', 'popd', 'export', 'source', '.', 'set', 'unset', 'shopt', 'ulimit', 'umask']);

interface Segment {
	text: string;
	/** The separator after this segment ('' at the end). */
	sep: string;
}

interface Lexed {
	balanced: boolean;
	segments: Segment[];
}

/** Characters that lex acts on; a command without any is one segment. */
const LEX_SPECIAL = /[\\'"`()#&|;\n]/;

/** Splits on top-level `&& || ; | \n`, outside quotes and parentheses; drops `#` comments. */
function lex(s: string): Lexed {
	if (!LEX_SPECIAL.test(s)) return {balanced: true, segments: s.trim() === '' ? [] : [{text: s, sep: ''}]};
	const segments: Segment[] = [];
	let quote: '' | "'" | '"' | '`' = '';
	let depth = 0;
	let start = 0;
	let text = '';
	const cut = (end: number, sep: string, skip: number): number => {
		segments.push({text: text + s.slice(start, end), sep});
		text = '';
		start = end + skip;
		return start - 1;
	};
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (quote) {
			if (c === '\\' && quote !== "'") i++;
			else if (c === quote) quote = '';
			continue;
		}
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === "'" || c === '"' || c === '`') {
			quote = c;
			continue;
		}
		if (c === '(') {
			depth++;
			continue;
		}
		if (c === ')') {
			depth--;
			if (depth < 0) return {balanced: false, segments};
			continue;
		}
		if (depth > 0) continue;
		if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) {
			const nl = s.indexOf('\n', i);
			text += s.slice(start, i);
			if (nl < 0) {
				start = s.length;
				break;
			}
			start = nl;
			i = nl - 1;
			continue;
		}
		const two = s.slice(i, i + 2);
		if (two === '&&' || two === '||') i = cut(i, two, 2);
		else if (two === '|&') i = cut(i, '|', 2);
		else if (c === ';' || c === '|' || c === '\n') i = cut(i, c, 1);
	}
	if (quote || depth !== 0) return {balanced: false, segments};
	segments.push({text: text + s.slice(start), sep: ''});
	return {balanced: true, segments: segments.filter((seg) => seg.text.trim() !== '')};
}

/** Characters that words acts on besides white space; without any, words are split on it. */
const WORD_SPECIAL = /[\\'"()]/;

/** Shell words with quotes removed (no expansion). */
function words(s: string): string[] {
	if (!WORD_SPECIAL.test(s)) return s.split(/\s+/).filter((w) => w !== '');
	const out: string[] = [];
	let cur = '';
	let has = false;
	let depth = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (depth === 0 && /\s/.test(c)) {
			if (has) out.push(cur);
			cur = '';
			has = false;
			continue;
		}
		has = true;
		if (c === '\\' && i + 1 < s.length) {
			cur += s[++i];
		} else if (c === "'" || c === '"') {
			const end = s.indexOf(c, i + 1);
			const stop = end < 0 ? s.length : end;
			cur += c === '"' ? s.slice(i + 1, stop).replace(/\\(.)/g, '$1') : s.slice(i + 1, stop);
			i = stop;
		} else {
			if (c === '(') depth++;
			else if (c === ')') depth = Math.max(0, depth - 1);
			cur += c;
		}
	}
	if (has) out.push(cur);
	return out;
}

/** Index of the `)` that closes the `(` at `open`, or -1. */
function closingParen(s: string, open: number): number {
	let depth = 0;
	let quote = '';
	for (let i = open; i < s.length; i++) {
		const c = s[i]!;
		if (quote) {
			if (c === '\\' && quote !== "'") i++;
			else if (c === quote) quote = '';
			continue;
		}
		if (c === '\\') i++;
		else if (c === "'" || c === '"' || c === '`') quote = c;
		else if (c === '(') depth++;
		else if (c === ')' && --depth === 0) return i;
	}
	return -1;
}

const isAssignment = (w: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);
const isOption = (w: string): boolean => w.startsWith('-') && w !== '-';
const basename = (w: string): string => w.split(/[\\/]/).filter(Boolean).pop() ?? w;

/** Index of the first word after leading options (value options consume their value). */
function skipOptions(ws: string[], from: number, valueOptions: ReadonlySet<string> = VALUE_OPTIONS): number {
	let i = from;
	while (i < ws.length && isOption(ws[i]!)) {
		if (ws[i] === '--') return i + 1;
		if (valueOptions.has(ws[i]!)) i++;
		i++;
	}
	return i;
}

function fromWords(ws: string[], depth: number): string | null {
	if (depth > MAX_DEPTH) return SHELL_VERB;
	let i = 0;
	while (i < ws.length && isAssignment(ws[i]!)) i++;
	if (i >= ws.length) return ws.length > 0 ? SHELL_VERB : null;
	const bin = basename(ws[i]!);
	const rest = ws.slice(i + 1);
	const recurse = (from: number): string | null => (from < rest.length ? fromWords(rest.slice(from), depth + 1) : bin);

	if (SHELLS.has(bin)) {
		const flag = rest.findIndex((w) => /^-[A-Za-z]*c[A-Za-z]*$/.test(w));
		if (flag >= 0 && flag + 1 < rest.length) return parse(rest[flag + 1]!, depth + 1);
		return bin;
	}
	if (bin === 'env') {
		let j = 0;
		while (j < rest.length && (isOption(rest[j]!) || isAssignment(rest[j]!))) {
			if (rest[j] === '-u' || rest[j] === '-C' || rest[j] === '-S') j++;
			j++;
		}
		return recurse(j);
	}
	if (bin === 'sudo' || bin === 'doas') return recurse(skipOptions(rest, 0, new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-U'])));
	if (PLAIN_WRAPPERS.has(bin)) return recurse(skipOptions(rest, 0, new Set()));
	if (bin === 'nice') return recurse(skipOptions(rest, 0, new Set(['-n'])));
	if (bin === 'timeout') {
		const j = skipOptions(rest, 0, new Set(['-s', '-k', '--signal', '--kill-after']));
		return recurse(j + 1);
	}
	if (NPX.has(bin)) return recurse(skipOptions(rest, 0, new Set(['-p', '--package', '-c', '--call'])));
	if (/^python(\d+(\.\d+)?)?$/.test(bin)) {
		const m = rest.indexOf('-m');
		if (m >= 0 && m + 1 < rest.length) return fromWords(rest.slice(m + 1), depth + 1);
		return bin;
	}
	if (bin === 'node') return rest.includes('--test') ? 'node --test' : 'node';
	if (!MULTI_WORD.has(bin)) return bin;

	let j = skipOptions(rest, 0);
	if (bin === 'make') while (j < rest.length && isAssignment(rest[j]!)) j = skipOptions(rest, j + 1);
	if (bin === 'cargo' && rest[j]?.startsWith('+')) j = skipOptions(rest, j + 1);
	const sub = rest[j];
	if (sub === undefined) return bin;
	if (PACKAGE_RUNNERS.has(bin)) {
		if (sub === 'run' || sub === 'run-script') {
			const k = skipOptions(rest, j + 1);
			return rest[k] === undefined ? `${bin} run` : `${bin} ${rest[k]}`;
		}
		if (sub === 'exec' || sub === 'dlx' || (bin === 'bun' && sub === 'x')) {
			const k = skipOptions(rest, j + 1);
			return k < rest.length ? fromWords(rest.slice(k), depth + 1) : `${bin} ${sub}`;
		}
	}
	const second = TWO_PART[bin];
	if (second?.has(sub)) {
		const k = skipOptions(rest, j + 1, sub === 'compose' ? COMPOSE_VALUE_OPTIONS : VALUE_OPTIONS);
		const sub2 = rest[k];
		return sub2 === undefined ? `${bin} ${sub}` : `${bin} ${sub} ${sub2}`;
	}
	return `${bin} ${sub}`;
}

function parse(command: string, depth: number): string | null {
	const s = command.trim();
	if (s === '') return null;
	if (depth > MAX_DEPTH) return SHELL_VERB;
	if (/<<-?\s*\S+/.test(s)) return SHELL_VERB;
	if (/^(?:for|while|until|if|case|select|function)(?=\s|$|;)/.test(s) || /^\{\s/.test(s)) return SHELL_VERB;
	const lexed = lex(s);
	if (!lexed.balanced) return SHELL_VERB;
	if (s.startsWith('(') && closingParen(s, 0) === s.length - 1) return parse(s.slice(1, -1), depth + 1);
	const segments = lexed.segments;
	let first = 0;
	while (
		first < segments.length - 1 &&
		(segments[first]!.sep === '&&' || segments[first]!.sep === ';') &&
		SETUP.has(words(segments[first]!.text)[0] ?? '')
	) {
		first++;
	}
	const seg = segments[first];
	if (!seg) return null;
	const text = seg.text.trim();
	if (text.startsWith('(') && closingParen(text, 0) === text.length - 1) return parse(text.slice(1, -1), depth + 1);
	return fromWords(words(text), depth);
}

/**
 * The verb of a shell command: `git -C repo diff --stat` → `git diff`, `CI=1 pytest -q` →
 * `pytest`, `bash -lc "git status"` → `git status`; `(shell)` for scripts it will not guess
 * at (heredocs, loops, unbalanced quotes); null for an empty command.
 */
export function bashVerb(command: string): string | null {
	if (typeof command !== 'string') return null;
	return parse(command, 0);
}
