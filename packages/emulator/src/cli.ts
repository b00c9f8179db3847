#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
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

/** What `runCli` ended with: an exit code, or a running emulator the caller stops. */
export type CliResult =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'running'; readonly emulator: RunningEmulator };

/**
 * Runs the CLI on `argv` (without the `node` and script entries). Prints usage or errors and returns an exit code,
 * or starts the emulator, prints `paramkit emulator listening on <url>` and returns it running.
 *
 * @example
 * ```ts
 * const result = await runCli(['--port', '0', '--seed', 'seed.json']);
 * if (result.kind === 'running') await result.emulator.stop();
 * else process.exitCode = result.code;
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: { stdout: CliOutput; stderr: CliOutput } = process,
): Promise<CliResult> {
  let options: CliOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr.write(`paramkit-emulator: ${(error as Error).message}\nRun 'paramkit-emulator --help' for usage.\n`);
    return { kind: 'exit', code: 2 };
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return { kind: 'exit', code: 0 };
  }
  try {
    const seed = options.seedFile === undefined ? undefined : await readSeed(options.seedFile);
    const emulator = await startEmulator({ port: options.port, host: options.host, region: options.region, seed });
    io.stdout.write(`paramkit emulator listening on ${emulator.endpoint}\n`);
    return { kind: 'running', emulator };
  } catch (error) {
    io.stderr.write(`paramkit-emulator: ${(error as Error).message}\n`);
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

interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly seedFile: string | undefined;
  readonly help: boolean;
}

function parseOptions(argv: readonly string[]): CliOptions {
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

async function readSeed(file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
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

/**
 * True when node was started on this file (the `paramkit-emulator` bin) rather than importing it. The bin is
 * usually a symlink in node_modules/.bin, hence realpath. `import.meta.url` would be exact but is empty in the
 * CommonJS build tsup also emits, so the built file's name is checked instead.
 */
function isMainModule(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return /^cli\.c?js$/.test(basename(realpathSync(entry)));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2));
  process.exitCode = result.kind === 'exit' ? result.code : await stopOnSignal(result.emulator);
}

if (isMainModule()) void main();
