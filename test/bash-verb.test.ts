import {describe, expect, it} from 'vitest';
import {bashVerb} from '../source/analysis/tools.js';

describe('bashVerb (hotspots-model §3.5)', () => {
	it.each([
		// the examples listed in §3.5
		['git -C repo diff --stat', 'git diff'],
		['CI=1 pytest -q', 'pytest'],
		['bash -lc "git status"', 'git status'],
		['git status | cat', 'git status'],
		['./node_modules/.bin/eslint .', 'eslint'],
		['vitest run', 'vitest'],
		['make test', 'make test'],
		['pnpm run test', 'pnpm test'],
		['gh pr view 1', 'gh pr view'],
		// the rules behind them
		['cd /repo && npm test', 'npm test'],
		['cd /repo; cargo build --release', 'cargo build'],
		['cd a && cd b && go test ./...', 'go test'],
		['cd /repo || exit 1', 'cd'],
		// set-up builtins before && or ; are skipped like cd
		['source .venv/bin/activate && pytest -q', 'pytest'],
		['. ./env.sh; make build', 'make build'],
		['export CI=1 && npm test', 'npm test'],
		['set -e; cd x; cargo test', 'cargo test'],
		['export PATH=/x', 'export'],
		['(cd repo && make)', 'make'],
		['( git fetch )', 'git fetch'],
		['git log --oneline && git status', 'git log'],
		['ls -la; pwd', 'ls'],
		['grep -r foo . || true', 'grep'],
		['echo hi\nls', 'echo'],
		['FOO=1 BAR=2 npm run build', 'npm build'],
		['env NODE_ENV=test npm test', 'npm test'],
		['env -u HOME git status', 'git status'],
		['sh -c "npm ci"', 'npm ci'],
		['zsh -ic \'pnpm install\'', 'pnpm install'],
		['bash script.sh', 'bash'],
		['python -m pytest tests/', 'pytest'],
		['python3 -m pip install requests', 'pip install'],
		['python3 manage.py migrate', 'python3'],
		['node --test test/', 'node --test'],
		['node scripts/build.mjs', 'node'],
		['docker compose up -d', 'docker compose up'],
		['docker --config x compose -f a.yml logs', 'docker compose logs'],
		['docker ps -a', 'docker ps'],
		['go mod tidy', 'go mod tidy'],
		['uv pip install -e .', 'uv pip install'],
		['uv run pytest', 'uv run'],
		['gh --repo o/r issue list', 'gh issue list'],
		['kubectl --namespace prod get pods', 'kubectl get'],
		['git --git-dir=.git --work-tree . status', 'git status'],
		['npm', 'npm'],
		['yarn', 'yarn'],
		['pnpm --filter web run dev', 'pnpm dev'],
		['make -C build -j8 all', 'make all'],
		['make CC=clang test', 'make test'],
		['cargo +nightly fmt', 'cargo fmt'],
		['/usr/bin/git status', 'git status'],
		['git status # check', 'git status'],
		['cat "file with spaces.txt" | head', 'cat'],
		['echo "a && b" && ls', 'echo'],
		// ours: common wrappers are unwrapped
		['npx vitest run', 'vitest'],
		['npx -y prettier --check .', 'prettier'],
		['pnpm exec tsc --noEmit', 'tsc'],
		['sudo apt-get install -y jq', 'apt-get install'],
		['time npm test', 'npm test'],
		['timeout 60 npm test', 'npm test'],
	])('%j → %s', (cmd, verb) => expect(bashVerb(cmd)).toBe(verb));

	it.each([
		['cat <<EOF > a.txt\nhello\nEOF'],
		['cat <<-END\nx\nEND'],
		['for f in *.ts; do echo $f; done'],
		['while true; do sleep 1; done'],
		['if [ -f a ]; then cat a; fi'],
		['{ echo a; echo b; } > out'],
		['echo "unbalanced'],
		["echo 'open"],
		['(git status'],
		['git status)'],
		['FOO=1'],
		['env env env env env env env ls'],
	])('%j → (shell)', (cmd) => expect(bashVerb(cmd)).toBe('(shell)'));

	it('empty → null', () => {
		expect(bashVerb('')).toBeNull();
		expect(bashVerb('   ')).toBeNull();
	});

	it('recursion depth up to 5 is fine', () => {
		expect(bashVerb('env env env env env ls')).toBe('ls');
	});
});
