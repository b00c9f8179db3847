import { isNotFoundError } from '../engine/errorKinds.js';
import { GetParameterError, isParameterNotFoundError, isTransformParameterError } from '../errors.js';
import type { PlannedEntry } from './plan.js';
import type { ConfigFailure, ConfigFailureReason } from './types.js';

/** What reading one entry gave. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Outcomes by entry, filled by the service loaders. */
export type Outcomes = Map<PlannedEntry, Outcome>;

export const loaded = (value: unknown): Outcome => ({ ok: true, value });
export const failed = (error: unknown): Outcome => ({ ok: false, error });

/** Groups entries so that no name appears twice in one batch call (two entries may read one name two ways). */
export function rounds(entries: readonly PlannedEntry[]): PlannedEntry[][] {
  const out: PlannedEntry[][] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const round = seen.get(entry.spec.name) ?? 0;
    seen.set(entry.spec.name, round + 1);
    let group = out[round];
    if (group === undefined) {
      group = [];
      out[round] = group;
    }
    group.push(entry);
  }
  return out;
}

/** Runs `read` for one entry, recording its value or error (never rejects). */
export async function readInto(outcomes: Outcomes, entry: PlannedEntry, read: () => Promise<unknown>): Promise<void> {
  try {
    outcomes.set(entry, loaded(await read()));
  } catch (error) {
    outcomes.set(entry, failed(error));
  }
}

/** Why an error kept a value out: missing, invalid (transform or schema), or the call itself failed. */
export function reasonOf(error: unknown, service?: ConfigFailure['service']): ConfigFailureReason {
  if (isParameterNotFoundError(error)) return 'not-found';
  if (isTransformParameterError(error)) return 'invalid-value';
  // DynamoDB's ResourceNotFoundException is a missing table, not a missing item: a mistyped table name must fail
  // an optional entry too.
  if (service === 'dynamodb') return 'fetch-failed';
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isNotFoundError(error) || isNotFoundError(cause)) return 'not-found';
  return 'fetch-failed';
}

/** An entry's value, or its failure; a missing optional entry is `undefined`, not a failure. */
export function settle(
  entry: PlannedEntry,
  outcome: Outcome | undefined,
): { value: unknown } | { failure: ConfigFailure } {
  let error: unknown;
  if (outcome === undefined) error = new GetParameterError(`No answer for '${entry.spec.name}'`);
  else if (!outcome.ok) error = outcome.error;
  else if (outcome.value === undefined) {
    error = new GetParameterError(`'${entry.spec.name}' has no value`);
    if (entry.spec.optional) return { value: undefined };
  } else return { value: outcome.value };
  const reason = outcome?.ok ? 'not-found' : reasonOf(error, entry.spec.service);
  if (reason === 'not-found' && entry.spec.optional) return { value: undefined };
  const { key, spec } = entry;
  return { failure: Object.freeze({ key, service: spec.service, name: spec.name, reason, cause: error }) };
}
