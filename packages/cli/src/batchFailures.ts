import { isParameterNotFoundError } from '@paramkit/parameters';
import { isNotFoundError } from '@paramkit/parameters/engine';
import { describeError } from './run.js';

/**
 * Where `getParametersByName` and `getSecretsByName` (with `throwOnError: false`) keep why each name is missing:
 * a non-enumerable map under this registered symbol (the library's config loader reads it the same way). Without
 * it, a throttled or refused batch call would look like names that do not exist.
 */
const BATCH_FAILURES = Symbol.for('paramkit.batchFailures');

/**
 * Why `name` is missing from a graceful batch answer: `undefined` when it does not exist, else the error as one
 * line (`InternalServerError: ...`, `AccessDeniedException: ...`).
 */
export function missingReason(answer: unknown, name: string): string | undefined {
  const failures = (answer as { [BATCH_FAILURES]?: unknown } | null | undefined)?.[BATCH_FAILURES];
  const error = failures instanceof Map ? (failures.get(name) as unknown) : undefined;
  if (!(error instanceof Error) || isParameterNotFoundError(error)) return undefined;
  let innermost: Error = error;
  for (let link: unknown = error; link instanceof Error; link = link.cause) {
    if (isNotFoundError(link)) return undefined;
    innermost = link;
  }
  // A secret neither answered nor listed in the answer's errors comes without a cause: it is not there.
  if (innermost === error && error.name === 'GetParameterError') return undefined;
  return describeError(innermost);
}
