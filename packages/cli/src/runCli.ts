import { CommanderError } from 'commander';
import { EXIT } from './errors.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';
import type { RunState } from './run.js';

/**
 * Runs `paramkit` on `argv` (without `node` and the script) and resolves with the exit code: 0 ok, 1 failed, 2 bad
 * usage, 3 differences found by `diff`; `exec` resolves with its command's code.
 *
 * @example
 * ```ts
 * import { runCli } from '@paramkit/cli';
 *
 * const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), signals: process };
 * process.exitCode = await runCli(['ls', '/app', '--endpoint', 'http://127.0.0.1:4566'], io);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, commandLine } = splitExec(argv);
  const state: RunState = { exitCode: EXIT.ok };
  const program = buildProgram(io, state, commandLine);
  try {
    await program.parseAsync([...options], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help asked for and the version are exit code 0; help shown because no verb was given (commander's exit code
    // 1) is a mistake in the command line, as is every other commander error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr.write("Run 'paramkit help' or 'paramkit <verb> --help' for usage.\n");
    return EXIT.usage;
  }
  return state.exitCode;
}

/** `paramkit [opts] exec <sources...> -- cmd args`: the part after `--` is the command, kept from commander. */
function splitExec(argv: readonly string[]): { options: readonly string[]; commandLine: readonly string[] } {
  const verb = argv.indexOf('exec');
  const separator = verb === -1 ? -1 : argv.indexOf('--', verb);
  if (separator === -1) return { options: argv, commandLine: [] };
  return { options: argv.slice(0, separator), commandLine: argv.slice(separator + 1) };
}
