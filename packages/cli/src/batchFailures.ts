import { isParameterNotFoundError } from '@paramkit/parameters';
import { batchFailuresOf } from '@paramkit/parameters/base';
import { isNotFoundError } from '@paramkit/parameters/engine';
import { describeError } from './run.js';

/**
 * Why `name` is missing from a graceful batch answer: `undefined` when it does not exist, else the error as one
 * line (`InternalServerError: ...`, `AccessDeniedException: ...`).
 */
export function missingReason(answer: unknown, name: string): string | undefined {
  // A throttled or refused batch call leaves its names out like names that do not exist; its failures tell them apart.
  const error = batchFailuresOf(answer).get(name);
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
