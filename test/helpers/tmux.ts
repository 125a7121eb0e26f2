import {execFileSync, spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';

export function hasTmux(): boolean {
	return spawnSync('tmux', ['-V']).status === 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drives a program in a real pseudo-terminal through tmux. */
export class TmuxSession {
	readonly name: string;
	private constructor(name: string) {
		this.name = name;
	}

	/** Starts `command` (argv) in a detached session of the given size; `env` replaces the environment. */
	static start(dir: string, argv: string[], env: Record<string, string>, width: number, height: number): TmuxSession {
		const name = `burn-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		const script = join(dir, `${name}.sh`);
		const exports = Object.entries(env)
			.map(([k, v]) => `export ${k}=${JSON.stringify(v)}`)
			.join('\n');
		const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
		writeFileSync(script, `#!/bin/sh\nunset CI\n${exports}\n${quoted}\necho "EXIT:$?"\nsleep 600\n`, {mode: 0o755});
		execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), `env -i sh ${script}`]);
		return new TmuxSession(name);
	}

	capture(): string {
		return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], {encoding: 'utf8'});
	}

	/** The pane with its escape sequences (colours, attributes): `capture-pane -e`. */
	captureEscapes(): string {
		return execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', this.name], {encoding: 'utf8'});
	}

	/** A tmux format value of the pane (`#{pane_pid}`, `#{alternate_on}`, …). */
	value(format: string): string {
		return execFileSync('tmux', ['display', '-p', '-t', this.name, format], {encoding: 'utf8'}).trim();
	}

	keys(...keys: string[]): void {
		execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
	}

	/** Literal text (no key-name lookup). */
	type(text: string): void {
		execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
	}

	resize(width: number, height: number): void {
		execFileSync('tmux', ['resize-window', '-t', this.name, '-x', String(width), '-y', String(height)]);
	}

	/** Waits until the screen satisfies `test`; returns the screen. */
	async waitFor(test: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let screen = '';
		while (Date.now() < deadline) {
			screen = this.capture();
			if (test(screen)) return screen;
			await sleep(100);
		}
		throw new Error(`timed out waiting for the screen; last screen:\n${screen}`);
	}

	kill(): void {
		spawnSync('tmux', ['kill-session', '-t', this.name]);
	}
}
