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

/** The failures attached to a batch answer; empty when there are none (or the answer came from elsewhere). */
export function batchFailuresOf(response: unknown): BatchFailures {
  const failures = (response as { [BATCH_FAILURES]?: unknown } | null)?.[BATCH_FAILURES];
  return failures instanceof Map ? failures : new Map();
}
