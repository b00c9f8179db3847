/**
 * The exit codes of `paramkit`, as documented in docs/cli.md.
 *
 * @example
 * ```ts
 * if ((await runCli(['diff', '/app/staging', '/app/prod'], io)) === EXIT.differences) console.log('they differ');
 * ```
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  differences: 3,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the CLI reports as one line on stderr and an exit code; the base class of its errors.
 *
 * @example
 * ```ts
 * throw new CliError('parameter /app/db not found', { cause: error });
 * ```
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(message: string, options: { cause?: unknown; exitCode?: ExitCode } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT.failed;
  }
}

/**
 * The command line itself was wrong (a missing argument, a flag that does not fit): exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--version and --label cannot be used together');
 * ```
 */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: EXIT.usage });
  }
}
