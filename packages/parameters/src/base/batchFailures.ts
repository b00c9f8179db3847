/**
 * Why each name of a batch read (`getParametersByName`, `getSecretsByName`) failed, for callers that need more than
 * the Powertools-shaped `_errors` list of names (the config loader names the reason and keeps the `cause`).
 *
 * Attached to a graceful-mode answer (`throwOnError: false`) as a non-enumerable property under a registered
 * symbol, so that it is invisible to `Object.keys`, `JSON.stringify` and `util.inspect`, and found across two copies
 * of the package. Errors only: never a value.
 */
export const BATCH_FAILURES: unique symbol = Symbol.for('paramkit.batchFailures');

/** Name (or secret id) → the error that kept it out of the answer. */
export type BatchFailures = ReadonlyMap<string, unknown>;

/** Attaches the failures to a batch answer. */
export function attachBatchFailures(response: object, failures: BatchFailures): void {
  Object.defineProperty(response, BATCH_FAILURES, { value: failures, enumerable: false });
}

/**
 * Why each name missing from a graceful batch answer (`getParametersByName`, `getSecretsByName` with
 * `throwOnError: false`) is missing: name → the error that kept it out. Empty when there are none (or the answer
 * came from elsewhere). Tells a throttled or refused call from a name that does not exist; errors only, never a value.
 *
 * @example
 * ```ts
 * import { batchFailuresOf } from '@paramkit/parameters/base';
 * import { getParametersByName } from '@paramkit/parameters/ssm';
 *
 * const answer = await getParametersByName({ '/app/a': {}, '/app/b': {} }, { throwOnError: false });
 * for (const name of answer._errors) console.warn(name, batchFailuresOf(answer).get(name));
 * ```
 */
export function batchFailuresOf(response: unknown): BatchFailures {
  const failures = (response as { [BATCH_FAILURES]?: unknown } | null)?.[BATCH_FAILURES];
  return failures instanceof Map ? failures : new Map();
}
