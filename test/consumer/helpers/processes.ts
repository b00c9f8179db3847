import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The environment of every child: the caller's, without what would tie a child to the workspace (npm's per-run
 * variables, which make a nested `npm install` act on the repository) or to a real AWS account.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_(package|lifecycle)_|npm_config_local_prefix$|INIT_CWD$|AWS_)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'consumer-test',
    AWS_SECRET_ACCESS_KEY: 'consumer-test',
    ...extra,
  };
}

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` to its end (async, so the test worker stays responsive) and resolves with its output; rejects with
 * an error holding the command line, exit status and output when it fails or outlives `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? childEnv(),
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        shell: process.platform === 'win32',
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ stdout, stderr });
        const status = error.killed ? `killed after ${options.timeoutMs} ms` : `exit ${error.code ?? error.signal}`;
        reject(new Error(`${[command, ...args].join(' ')} failed (${status}) in ${options.cwd}\n${stdout}${stderr}`));
      },
    );
  });
}

/** A long-running child: its output so far, a wait for a line, and a stop. */
export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Starts `command` in the background; stdout and stderr are collected together. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): RunningProcess {
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? childEnv(), stdio: 'pipe' });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.once('error', (error) => {
    output += `\n[spawn failed: ${error.message}]`;
  });
  const name = [command, ...args].join(' ');
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (match) resolve(match);
          else reject(error);
        };
        const check = () => {
          const match = output.match(pattern);
          if (match) done(undefined, match);
        };
        const timer = setTimeout(
          () => done(new Error(`${name}: no ${pattern} after ${timeoutMs} ms; output:\n${output}`)),
          timeoutMs,
        );
        listeners.add(check);
        void exited.then(() => done(new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output}`)));
        check();
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A TCP port free on 127.0.0.1 now (for a program that takes a port but not port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no TCP port was given')),
      );
    });
  });
}
