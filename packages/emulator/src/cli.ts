import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunningEmulator, startEmulator } from './emulator.js';
import type { EmulatorSeed } from './seed.js';

const USAGE = `Usage: paramkit-emulator [options]

Serves SSM Parameter Store (and the other emulated AWS services) on a local port
for AWS SDK clients: new SSMClient({ endpoint: 'http://127.0.0.1:4566', ... }).

Options:
  --port <n>       TCP port, 0 for a free one             (default: 4566)
  --host <addr>    interface to bind                       (default: 127.0.0.1)
  --seed <file>    JSON seed file to load at start
  --region <name>  region used in ARNs                     (default: us-east-1)
  -h, --help       show this help

Stops cleanly on SIGINT (Ctrl-C) or SIGTERM. Exit codes: 0 stopped, 1 failed to start, 2 bad arguments.`;

/** Where the CLI writes; `process.stdout`/`process.stderr` satisfy it. */
export interface CliOutput {
  write(text: string): unknown;
}

/** How `runCli` is run from another program (`paramkit emulator`). */
export interface CliOptions {
  /** The name errors start with. @default 'paramkit-emulator' */
  readonly program?: string;
  /** The directory a relative `--seed` path is read from. @default process.cwd() */
  readonly cwd?: string;
}

/** What `runCli` ended with: an exit code, or a running emulator the caller stops. */
export type CliResult =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'running'; readonly emulator: RunningEmulator };

/**
 * Runs the `paramkit-emulator` command on `argv` (without the `node` and script entries): the one reader of its
 * flags and seed files, which `paramkit emulator` runs too. Prints usage or errors and returns an exit code (2 bad
 * arguments, 1 failed to start), or starts the emulator, prints `paramkit emulator listening on <url>` and returns
 * it running.
 *
 * @example
 * ```ts
 * import { runCli, stopOnSignal } from '@paramkit/emulator';
 *
 * const result = await runCli(['--port', '0', '--seed', 'seed.json']);
 * process.exitCode = result.kind === 'running' ? await stopOnSignal(result.emulator) : result.code;
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: { stdout: CliOutput; stderr: CliOutput } = process,
  cli: CliOptions = {},
): Promise<CliResult> {
  const program = cli.program ?? 'paramkit-emulator';
  let options: ParsedOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr.write(`${program}: ${(error as Error).message}\nRun '${program} --help' for usage.\n`);
    return { kind: 'exit', code: 2 };
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return { kind: 'exit', code: 0 };
  }
  try {
    const seed = options.seedFile === undefined ? undefined : await readSeed(options.seedFile, cli.cwd);
    const emulator = await startEmulator({ port: options.port, host: options.host, region: options.region, seed });
    io.stdout.write(`paramkit emulator listening on ${emulator.endpoint}\n`);
    return { kind: 'running', emulator };
  } catch (error) {
    io.stderr.write(`${program}: ${(error as Error).message}\n`);
    return { kind: 'exit', code: 1 };
  }
}

/**
 * Resolves once one of `signals` arrives on `source`, after stopping the emulator; the exit code is 0.
 *
 * @example
 * ```ts
 * process.exitCode = await stopOnSignal(emulator); // waits for Ctrl-C or SIGTERM
 * ```
 */
export function stopOnSignal(
  emulator: RunningEmulator,
  source: Pick<NodeJS.EventEmitter, 'once' | 'off'> = process,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<number> {
  return new Promise((resolve) => {
    const onSignal = () => {
      for (const signal of signals) source.off(signal, onSignal);
      void emulator.stop().then(() => resolve(0));
    };
    for (const signal of signals) source.once(signal, onSignal);
  });
}

interface ParsedOptions {
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly seedFile: string | undefined;
  readonly help: boolean;
}

function parseOptions(argv: readonly string[]): ParsedOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '4566' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got '${values.port}'`);
  }
  if (values.host === '') throw new Error('--host must not be empty');
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new Error(`--region must look like an AWS region (us-east-1), got '${values.region}'`);
  }
  return { port, host: values.host, region: values.region, seedFile: values.seed, help: values.help };
}

async function readSeed(file: string, cwd = process.cwd()): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read seed file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as EmulatorSeed;
  } catch (error) {
    // JSON.parse's message quotes the text around the fault, and a seed holds secret values: only the position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new Error(`seed file ${file} is not valid JSON${position === undefined ? '' : ` (at position ${position})`}`);
  }
}
