import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runCli as runAgentCli } from '@paramkit/agent';
import { type EmulatorSeed, startEmulator } from '@paramkit/emulator';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { SignalSource } from '../io.js';
import type { Act } from '../program.js';

/** `paramkit emulator` and `paramkit agent`: the other two packages, started through their public APIs. */
export function registerServices(program: Command, act: Act): void {
  program
    .command('emulator')
    .description('run the local AWS endpoint (SSM, Secrets Manager, AppConfigData, DynamoDB) until Ctrl-C')
    .option('--port <n>', 'TCP port, 0 for a free one', '4566')
    .option('--host <addr>', 'interface to bind', '127.0.0.1')
    .option('--seed <file>', 'JSON seed file to load at start (see docs/emulator.md)')
    .action(act(emulator));
  program
    .command('agent')
    .description('run the caching agent (the Parameters and Secrets Lambda Extension API) until Ctrl-C')
    .option('--port <n>', 'port (default $PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, else 2773)')
    .addHelpText('after', '\nConfigured by the environment as paramkit-agent is: see docs/agent.md.')
    .action(act(agent));
}

async function emulator(context: Context, options: { port: string; host: string; seed?: string }): Promise<number> {
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got '${options.port}'`);
  }
  const seed = options.seed === undefined ? undefined : await readSeed(context, options.seed);
  const region = context.options.region ?? 'us-east-1';
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    running = await startEmulator({ port, host: options.host, region, ...(seed ? { seed } : {}) });
  } catch (error) {
    throw new CliError(`the emulator could not start: ${(error as Error).message}`);
  }
  context.out(`paramkit emulator listening on ${running.endpoint}\n`);
  await untilSignal(context.io.signals);
  await running.stop();
  return EXIT.ok;
}

async function agent(context: Context, options: { port?: string }): Promise<number> {
  const env = { ...context.io.env };
  if (options.port !== undefined) env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = options.port;
  const endpoint = context.options.endpoint;
  const result = await runAgentCli(endpoint === undefined ? [] : ['--endpoint', endpoint], env, {
    stdout: context.io.stdout,
    stderr: context.io.stderr,
  });
  if (result.kind === 'exit') return result.code;
  await untilSignal(context.io.signals);
  await result.agent.close();
  return EXIT.ok;
}

function untilSignal(signals: SignalSource): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
}

async function readSeed(context: Context, file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(resolve(context.io.cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read seed file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as EmulatorSeed;
  } catch (error) {
    // The seed holds secret values and JSON.parse quotes the text around the fault: only its position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new CliError(
      `seed file ${file} is not valid JSON${position === undefined ? '' : ` (at position ${position})`}`,
    );
  }
}
