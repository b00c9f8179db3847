import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { registerDiff } from './commands/diff.js';
import { registerEnv } from './commands/env.js';
import { registerExec } from './commands/exec.js';
import { registerExport } from './commands/export.js';
import { registerGet } from './commands/get.js';
import { registerHistory } from './commands/history.js';
import { registerImport } from './commands/import.js';
import { registerLs } from './commands/ls.js';
import { registerPut } from './commands/put.js';
import { registerRm } from './commands/rm.js';
import { registerServices } from './commands/services.js';
import { addGlobalOptions } from './globalOptions.js';
import type { CliIo } from './io.js';
import { actionFor, type Handler, type RunState } from './run.js';

/** Wraps a verb's handler into a commander action. */
// biome-ignore lint/suspicious/noExplicitAny: each verb's handler has its own argument list, checked where it is written.
export type Act = (handler: Handler<any[]>) => (...args: unknown[]) => Promise<void>;

const HELP_FOOTER = `
Names: /app/db (or ssm:/app/db) is an SSM parameter, secret:prod/db a Secrets Manager secret.
Sources: /app/prod (a path), secret:prod/ (a secrets folder), prod.json / prod.yaml / prod.env (a file),
./config.mjs (a config declaration). Environment names: db/password -> DB_PASSWORD.
Endpoint: --endpoint or AWS_ENDPOINT_URL (e.g. the emulator); otherwise AWS with the SDK's credentials and region.
Exit codes: 0 ok, 1 failed, 2 bad usage, 3 differences found (diff); exec passes its command's code through.`;

/**
 * An unknown option that does not look like one (`-s3cretPass`, a value that starts with a dash) is not echoed: it
 * may be a secret typed on the command line.
 */
function withoutValues(message: string): string {
  return message.replace(/unknown option '(-[^']*)'/, (whole, option: string) =>
    /^(-[A-Za-z]|--[A-Za-z][\w-]*)$/.test(option)
      ? whole
      : "unknown option (not shown: it may be a value); to give a value that starts with '-', put '--' before it or pipe it on stdin",
  );
}

/** Builds the `paramkit` program; `commandLine` is what followed `exec ... --`. */
export function buildProgram(io: CliIo, state: RunState, commandLine: readonly string[]): Command {
  const program = new Command('paramkit')
    .description('Read, write, compare and inject SSM parameters and Secrets Manager secrets.')
    .version(pkg.version, '-V, --version', 'print the version of paramkit')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`paramkit: ${withoutValues(text.replace(/^error: /, ''))}`),
    })
    .showSuggestionAfterError()
    .addHelpText('after', HELP_FOOTER);
  addGlobalOptions(program);
  const act: Act = (handler) => actionFor(io, state, handler);
  registerGet(program, act);
  registerPut(program, act);
  registerLs(program, act);
  registerHistory(program, act);
  registerRm(program, act);
  registerExport(program, act);
  registerImport(program, act);
  registerDiff(program, act);
  registerEnv(program, act);
  registerExec(program, act, commandLine);
  registerServices(program, act);
  // Global options are accepted before the verb and after it (`paramkit ls /app --json`); positional parsing keeps
  // the program's own -V/--version from taking `get --version 3`.
  for (const command of program.commands) if (command.name() !== 'help') addGlobalOptions(command);
  return program;
}
