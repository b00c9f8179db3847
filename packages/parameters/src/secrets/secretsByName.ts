import {
  type APIErrorType,
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandOutput,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import { hideOriginal, kindOf } from '../base/hiddenErrors.js';
import { isTransientError, messageOf } from '../engine/errorKinds.js';
import { GetParameterError, isTransformParameterError } from '../errors.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type { SecretsGetSecretsByNameEntryOptions, SecretsGetSecretsByNameOptions } from '../types/SecretsProvider.js';

/** What the batch reader needs from its provider (its protected cache and client helpers). */
export interface SecretsBatchHooks {
  send(command: BatchGetSecretValueCommand): Promise<BatchGetSecretValueCommandOutput>;
  keyFor(id: string, options: GetOptionsInterface): string;
  cached(key: string, maxAge: number | undefined): { value: unknown } | undefined;
  store(key: string, value: unknown, maxAge: number | undefined): void;
  stale(key: string, maxAge: number | undefined): { value: unknown } | undefined;
  transform(raw: string | Uint8Array, id: string, options: GetOptionsInterface): Promise<unknown>;
  countMisses(count: number): void;
}

/** `BatchGetSecretValue` takes at most twenty ids in `SecretIdList`. */
const MAX_IDS_PER_CALL = 20;
const ERRORS_KEY = '_errors';

interface Wanted {
  id: string;
  key: string;
  options: GetOptionsInterface;
  maxAge: number | undefined;
}

/** Why one secret could not be returned. `fetch` failures are listed together; a `transform` failure is thrown as is. */
interface Failure {
  id: string;
  kind: 'fetch' | 'transform';
  error: unknown;
  /** Short reason for the combined message: an error code, never a value. */
  reason: string;
}

type Outcome =
  | { status: 'ok'; value: unknown }
  | { status: 'error'; code: string; error: Error }
  | { status: 'transform'; error: unknown };

/**
 * `getSecretsByName`: cache first, then `BatchGetSecretValue` with twenty ids a call, every call in parallel.
 * Values are cached under the same keys as `get`, so a later `get` hits. The caller's objects are read, never written.
 */
export async function getSecretsByNameBatched(
  hooks: SecretsBatchHooks,
  secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
  globalOptions: SecretsGetSecretsByNameOptions = {},
): Promise<Record<string, unknown>> {
  if (secrets === null || typeof secrets !== 'object' || Array.isArray(secrets)) {
    throw new TypeError('getSecretsByName expects an object of secret names (or ARNs) to options');
  }
  const throwOnError = globalOptions.throwOnError ?? true;
  if (!throwOnError && Object.hasOwn(secrets, ERRORS_KEY)) {
    throw new GetParameterError(`You cannot fetch a secret named ${ERRORS_KEY} in graceful error mode.`);
  }
  const response: Record<string, unknown> = {};
  const toFetch: Wanted[] = [];
  for (const [id, own] of Object.entries(secrets)) {
    const options: GetOptionsInterface = {
      transform: own?.transform ?? globalOptions.transform,
      schema: own?.schema ?? globalOptions.schema,
    };
    const maxAge = own?.maxAge ?? globalOptions.maxAge;
    const key = hooks.keyFor(id, options);
    const hit = maxAge === 0 ? undefined : hooks.cached(key, maxAge);
    if (hit !== undefined) response[id] = hit.value;
    else toFetch.push({ id, key, options, maxAge });
  }
  hooks.countMisses(toFetch.length);

  const batches: Wanted[][] = [];
  for (let start = 0; start < toFetch.length; start += MAX_IDS_PER_CALL) {
    batches.push(toFetch.slice(start, start + MAX_IDS_PER_CALL));
  }
  const settled = await Promise.all(
    batches.map((batch) =>
      fetchBatch(hooks, batch).then(
        (outcomes) => ({ batch, outcomes, reason: undefined as unknown }),
        (reason: unknown) => ({ batch, outcomes: undefined, reason }),
      ),
    ),
  );

  const failures: Failure[] = [];
  for (const { batch, outcomes, reason } of settled) {
    for (const wanted of batch) {
      const outcome: Outcome =
        outcomes === undefined
          ? { status: 'error', code: codeOf(reason), error: callFailed(reason) }
          : (outcomes.get(wanted.id) ?? missing(wanted.id));
      if (outcome.status === 'ok') {
        response[wanted.id] = outcome.value;
        if (wanted.maxAge !== 0) hooks.store(wanted.key, outcome.value, wanted.maxAge);
        continue;
      }
      if (outcome.status === 'error' && isTransientError(outcome.error)) {
        // The same stale-if-error rule as `get`: a throttled or failing service does not take a cached value away.
        const stale = wanted.maxAge === 0 ? undefined : hooks.stale(wanted.key, wanted.maxAge);
        if (stale !== undefined) {
          response[wanted.id] = stale.value;
          continue;
        }
      }
      failures.push(
        outcome.status === 'error'
          ? { id: wanted.id, kind: 'fetch', error: outcome.error, reason: outcome.code }
          : { id: wanted.id, kind: 'transform', error: outcome.error, reason: 'transform' },
      );
    }
  }
  if (!throwOnError) {
    const failed = new Set(failures.map((failure) => failure.id));
    // Listed in the caller's order, whatever order the batches finished in.
    response[ERRORS_KEY] = Object.keys(secrets).filter((id) => failed.has(id));
    return response;
  }
  if (failures.length > 0) throw combinedError(failures);
  return response;
}

/** One `BatchGetSecretValue` call; each id's value (transformed), error entry, or absence. */
async function fetchBatch(hooks: SecretsBatchHooks, batch: Wanted[]): Promise<Map<string, Outcome>> {
  const output = await hooks.send(new BatchGetSecretValueCommand({ SecretIdList: batch.map((w) => w.id) }));
  const entries = output.SecretValues ?? [];
  const errors = new Map<string, APIErrorType>();
  for (const error of output.Errors ?? []) if (error.SecretId !== undefined) errors.set(error.SecretId, error);
  const outcomes = new Map<string, Outcome>();
  for (const wanted of batch) {
    const entry = entries.find((candidate) => refersTo(wanted.id, candidate));
    const raw = entry?.SecretString ?? entry?.SecretBinary;
    if (raw === undefined) {
      const error = errors.get(wanted.id);
      if (error !== undefined) outcomes.set(wanted.id, entryFailed(wanted.id, error));
      continue;
    }
    try {
      const value = await hooks.transform(copyBytes(raw), wanted.id, wanted.options);
      outcomes.set(wanted.id, { status: 'ok', value });
    } catch (error) {
      const wrapped = isTransformParameterError(error)
        ? error
        : hideOriginal(new GetParameterError(`Unable to process secret '${wanted.id}' (${kindOf(error)})`), error);
      outcomes.set(wanted.id, { status: 'transform', error: wrapped });
    }
  }
  return outcomes;
}

/**
 * Whether a response entry is the secret a caller named: by name, by full ARN, or by partial ARN (a full ARN
 * without the `-` and six random characters Secrets Manager appends).
 */
export function refersTo(id: string, entry: SecretValueEntry): boolean {
  if (id === entry.Name || id === entry.ARN) return true;
  const arn = entry.ARN;
  return id.startsWith('arn:') && arn !== undefined && arn.length === id.length + 7 && arn.startsWith(`${id}-`);
}

/** Binary values get their own exact-size buffer: the SDK's may be a view into memory shared with other values. */
export function copyBytes(raw: string | Uint8Array): string | Uint8Array {
  return typeof raw === 'string' ? raw : new Uint8Array(raw);
}

function missing(id: string): Outcome {
  const error = new GetParameterError(`Secret '${id}' was neither in the values nor in the errors of the response`);
  return { status: 'error', code: 'NotInResponse', error };
}

/** An `Errors` entry as an error named by its code, so that the transient check and `cause` readers see the code. */
function entryFailed(id: string, entry: APIErrorType): Outcome {
  const code = entry.ErrorCode ?? 'UnknownError';
  const cause = Object.assign(new Error(entry.Message ?? code), { name: code });
  const error = new GetParameterError(`Unable to get secret '${id}': ${messageOf(cause)}`, { cause });
  return { status: 'error', code, error };
}

function callFailed(reason: unknown): GetParameterError {
  return new GetParameterError(`Unable to get secrets: ${messageOf(reason)}`, { cause: reason });
}

function codeOf(reason: unknown): string {
  return reason instanceof Error ? reason.name : 'Error';
}

/** Every fetch failure in one message (names and codes); failing that, the first transform failure. */
function combinedError(failures: Failure[]): unknown {
  const fetches = failures.filter((failure) => failure.kind === 'fetch');
  const [first] = fetches;
  if (first === undefined) return failures[0]?.error;
  if (fetches.length === 1) return first.error;
  const list = fetches.map((failure) => `${failure.id} (${failure.reason})`).join(', ');
  return new GetParameterError(`Failed to fetch secrets: ${list}`, { cause: (first.error as Error).cause });
}
