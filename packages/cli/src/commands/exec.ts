import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { Act } from '../program.js';
import { readEnvironment } from '../values.js';

interface ExecOptions {
  recursive?: boolean;
}

/** Signals passed on to the child, so that `docker stop` or Ctrl-C reaches the process that does the work. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/**
 * `paramkit exec <sources...> -- <command>`: runs the command with the values in its environment. `commandLine`
 * is what followed `--` (split off before commander parses, which would otherwise merge it into the sources).
 */
export function registerExec(program: Command, act: Act, commandLine: readonly string[]): void {
  program
    .command('exec')
    .description('run a command with the values of one or more sources in its environment; later sources win')
    .argument('<sources...>', '/app/prod, secret:prod/, ./config.mjs, prod.env ... then -- and the command')
    .option('-r, --recursive', 'include sub-paths')
    .usage('[options] <sources...> -- <command> [args...]')
    .addHelpText(
      'after',
      '\nThe exit code is the command’s own; 128+n when it was ended by signal n; 127 when it cannot be started.',
    )
    .action(
      act((context: Context, sources: string[], options: ExecOptions) => exec(context, sources, options, commandLine)),
    );
}

async function exec(
  context: Context,
  sources: string[],
  options: ExecOptions,
  commandLine: readonly string[],
): Promise<number> {
  const [command, ...args] = commandLine;
  if (command === undefined) {
    throw new UsageError('give the command after --: paramkit exec /app/prod -- node server.js');
  }
  // Taken first: reading a config declaration puts the endpoint settings into the environment for its clients,
  // and those are paramkit's, not the command's.
  const env: NodeJS.ProcessEnv = { ...(context.io.childEnv ?? context.io.env) };
  const values = await readEnvironment(context, sources, { recursive: options.recursive === true });
  context.close();
  for (const [name, entry] of values) {
    if (env[name] !== undefined && env[name] !== entry.value) {
      context.note(`paramkit: ${name} was set in the environment; the value from ${entry.name} replaces it\n`);
    }
    env[name] = entry.value;
  }
  return new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    // From a terminal, Ctrl-C and Ctrl-\ already reach the child (the whole foreground group gets them): sent again,
    // many programs take the second one as "quit now". paramkit only waits for the child to finish then.
    const fromTerminal = context.io.stdin.isTTY === true;
    const forward = (signal: NodeJS.Signals) => () => {
      if (fromTerminal && (signal === 'SIGINT' || signal === 'SIGQUIT')) return;
      child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) context.io.signals.on(signal, handler);
    const done = (code: number) => {
      for (const [signal, handler] of handlers) context.io.signals.off(signal, handler);
      resolve(code);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      context.note(`paramkit: cannot run ${command} (${error.code ?? error.name})\n`);
      done(error.code === 'EACCES' ? 126 : 127);
    });
    child.once('exit', (code, signal) => {
      done(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}
