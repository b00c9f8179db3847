import { GetParameterError } from '../errors.js';
import type { ConfigFailure } from './types.js';

/**
 * Some entries of a declaration could not be loaded. The message names every one (key, service, name, reason and
 * the error code behind it) and `failures` lists them with their `cause`; no value, loaded or not, is in either.
 *
 * @example
 * ```ts
 * import { ConfigError, defineConfig, isConfigError, ssm } from '@paramkit/parameters/config';
 * const config = defineConfig({ url: ssm('/app/url') });
 * try {
 *   await config.get();
 * } catch (error) {
 *   if (isConfigError(error)) for (const failure of error.failures) console.log(failure.key, failure.reason);
 * }
 * ```
 */
export class ConfigError extends GetParameterError {
  /** Every entry that failed, in declaration order. */
  readonly failures: readonly ConfigFailure[];

  constructor(failures: readonly ConfigFailure[], total: number) {
    const list = failures.map(describeFailure).join('; ');
    const cause =
      failures.length === 1
        ? failures[0]?.cause
        : new AggregateError(
            failures.map((failure) => failure.cause),
            `${failures.length} entries failed`,
          );
    super(`Unable to load ${failures.length} of ${total} configuration entries: ${list}`, { cause });
    this.name = 'ConfigError';
    this.failures = Object.freeze([...failures]);
  }
}

/**
 * True for a `ConfigError`, from any copy of this package.
 *
 * @example
 * ```ts
 * import { isConfigError } from '@paramkit/parameters/config';
 * const failed = (error: unknown) => (isConfigError(error) ? error.failures.map((f) => f.key) : []);
 * ```
 */
export const isConfigError = (error: unknown): error is ConfigError =>
  error instanceof Error && error.name === 'ConfigError';

function describeFailure(failure: ConfigFailure): string {
  const code = codeOf(failure.cause);
  return `${failure.key} (${failure.service} '${failure.name}'): ${failure.reason}${code ? ` [${code}]` : ''}`;
}

/** The innermost error name of a cause chain (the AWS error code, a transform error...), never a message. */
function codeOf(cause: unknown): string | undefined {
  let code: string | undefined;
  for (let current = cause, depth = 0; current instanceof Error && depth < 5; depth++) {
    code = current.name;
    current = current.cause;
  }
  return code;
}
