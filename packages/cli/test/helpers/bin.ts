import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built bin, run the way the `paramkit` command runs it. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) {
  throw new Error(`${BIN} is missing: build first (npx pnpm -r --filter ./packages/** run build, or npm test)`);
}

/** What a run printed and how it ended. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "never printed" checks. */
  all: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is always a pipe, as in CI). */
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** The environment of a user pointed at `endpoint`: no AWS settings from this machine leak in. */
export function userEnv(endpoint: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  // Left unset on purpose: the bin itself must keep the SDK's Node.js version warning out of its output.
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return { ...env, AWS_ENDPOINT_URL: endpoint, ...extra };
}

/** Starts `paramkit args...`; the caller waits with `finished`. */
export function start(args: readonly string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...env, ...options.env },
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(options.input ?? '');
  return child;
}

export function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, all: stdout + stderr }));
  });
}

/** Runs `paramkit args...` to the end. */
export function paramkit(args: readonly string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<Run> {
  return finished(start(args, env, options));
}

/** Whether util-linux `script` is here to give the bin a pseudo-terminal; tests on a terminal skip without it. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Runs `paramkit args` with a pseudo-terminal as its stdin, stdout and stderr (through `script`), as a person's
 * shell would; everything it wrote to the terminal comes back as `stdout`. Spawned asynchronously: the emulator
 * answering the bin lives in the test's process. `args` is one shell-quoted string.
 */
export function onTerminal(args: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn('script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child);
}
