import { runCli as runAgentCli } from '@paramkit/agent';
import { runCli as runEmulatorCli, stopOnSignal } from '@paramkit/emulator';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import type { SignalSource } from '../io.js';
import type { Act } from '../program.js';

/** `paramkit emulator` and `paramkit agent`: the other two packages' own commands, run through their public APIs. */
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

/**
 * The emulator's own command (`paramkit-emulator`), with the same flags and seed reader: one place decides what a
 * port, a host, a region and a seed file may be. `--region` is paramkit's global one.
 */
async function emulator(context: Context, options: { port: string; host: string; seed?: string }): Promise<number> {
  const argv = ['--port', options.port, '--host', options.host, '--region', context.options.region ?? 'us-east-1'];
  if (options.seed !== undefined) argv.push('--seed', options.seed);
  const result = await runEmulatorCli(argv, context.io, { program: 'paramkit emulator', cwd: context.io.cwd });
  if (result.kind === 'exit') return result.code;
  return stopOnSignal(result.emulator, context.io.signals);
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
