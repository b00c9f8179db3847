import type { ConfigFailure, ConfigResult } from '@paramkit/parameters/config';
import { isNotFoundError } from '@paramkit/parameters/engine';
import { isParameterNotFoundError } from '@paramkit/parameters/errors';
import type { KeyOutcome } from './fetchDataMiddleware.js';

/** A `get({ throwOnError: false })` result as outcomes by key. */
export function outcomesOf(result: ConfigResult<Record<string, unknown>>, into: Map<string, KeyOutcome>): void {
  for (const [key, value] of Object.entries(result.values)) into.set(key, { ok: true, value });
  for (const failure of result.failures) into.set(failure.key, { ok: false, failure });
}

/** A failure of a read made outside a declaration (an SSM path), in the same shape. */
export function failureOf(key: string, service: ConfigFailure['service'], name: string, cause: unknown): KeyOutcome {
  const reason = isNotFoundError(cause) || isParameterNotFoundError(cause) ? 'not-found' : 'fetch-failed';
  return { ok: false, failure: Object.freeze({ key, service, name, reason, cause }) };
}

/** `env` names for drop-in entries: they never reach an environment, but a declaration needs distinct ones. */
export const envNameOf = (index: number): string => `PARAMKIT_MIDDY_${index}`;
