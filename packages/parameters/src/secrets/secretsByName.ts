import {
  type APIErrorType,
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { attachBatchFailures } from '../base/batchFailures.js';
import { hideOriginal, kindOf } from '../base/hiddenErrors.js';
import { ERRORS_KEY } from '../constants.js';
import { type BatchAnswer, type BatchOutcome, readBatch } from '../engine/batch.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import { messageOf } from '../engine/errorKinds.js';
import type { CacheKey } from '../engine/options.js';
import { secretRefersTo } from '../engine/secretIds.js';
import { GetParameterError, isTransformParameterError } from '../errors.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type { SecretsGetSecretsByNameEntryOptions, SecretsGetSecretsByNameOptions } from '../types/SecretsProvider.js';
import { ownBytes } from './SecretsProviderCore.js';

/** What the batch reader needs from its provider. */
export interface SecretsBatchHooks {
  engine: CacheEngine;
  send(command: BatchGetSecretValueCommand): Promise<BatchGetSecretValueCommandOutput>;
  keyFor(id: string, options: GetOptionsInterface): CacheKey;
  maxAgeMs(maxAge: number | undefined): number;
  transform(raw: string | Uint8Array, id: string, options: GetOptionsInterface): Promise<unknown>;
  /** How a single `get` fetches the secret, so that refresh-ahead can refresh what a batch cached. */
  sourceOf(id: string, options: GetOptionsInterface): SourceRequest<unknown>;
}

/** `BatchGetSecretValue` takes at most twenty ids in `SecretIdList`. */
const MAX_IDS_PER_CALL = 20;
const TRANSFORM = 'transform';

interface Wanted extends CacheKey {
  id: string;
  maxAgeMs: number;
  options: GetOptionsInterface;
}

/** Why one secret could not be returned. `fetch` failures are listed together; a `transform` failure is thrown as is. */
interface Failure {
  id: string;
  kind: 'fetch' | 'transform';
  error: unknown;
  /** Short reason for the combined message: an error code, never a value. */
  reason: string;
}

/** The short reason of each per-secret error this module made (an error code, or `transform`). */
const reasons = new WeakMap<object, string>();

/**
 * `getSecretsByName`: the engine's batch step with `BatchGetSecretValue`, twenty ids a call, every call in
 * parallel, stale values per secret on a transient failure. Values are cached under the same keys as `get`, so a
 * later `get` hits. The caller's objects are read, never written.
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
  const items: Wanted[] = Object.entries(secrets).map(([id, own]) => {
    const options: GetOptionsInterface = {
      transform: own?.transform ?? globalOptions.transform,
      schema: own?.schema ?? globalOptions.schema,
    };
    const maxAge = own?.maxAge ?? globalOptions.maxAge;
    return { ...hooks.keyFor(id, options), id, maxAgeMs: maxAge === 0 ? 0 : hooks.maxAgeMs(maxAge), options };
  });
  const outcomes = await readBatch(hooks.engine, {
    items,
    maxPerCall: MAX_IDS_PER_CALL,
    fetch: (batch) => fetchBatch(hooks, batch),
    sourceOf: (wanted) => hooks.sourceOf(wanted.id, wanted.options),
  });
  const response: Record<string, unknown> = {};
  const failures: Failure[] = [];
  for (const [index, wanted] of items.entries()) {
    const outcome = outcomes[index] as BatchOutcome<unknown>;
    if ('value' in outcome) response[wanted.id] = outcome.value;
    else failures.push(failureOf(wanted.id, outcome.status === 'missing' ? missing(wanted.id) : outcome.error));
  }
  if (!throwOnError) {
    const failed = new Set(failures.map((failure) => failure.id));
    // Listed in the caller's order, whatever order the batches finished in.
    response[ERRORS_KEY] = Object.keys(secrets).filter((id) => failed.has(id));
    // The reasons behind `_errors`, for the config loader (see base/batchFailures.ts).
    attachBatchFailures(response, new Map(failures.map((failure) => [failure.id, failure.error])));
    return response;
  }
  if (failures.length > 0) throw combinedError(failures);
  return response;
}

/** A failed outcome as a listed failure: a transform failure, a secret's own error, or the whole call's. */
function failureOf(id: string, error: unknown): Failure {
  const reason = typeof error === 'object' && error !== null ? reasons.get(error) : undefined;
  if (reason === TRANSFORM) return { id, kind: 'transform', error, reason };
  if (reason !== undefined) return { id, kind: 'fetch', error, reason };
  return { id, kind: 'fetch', error: callFailed(error), reason: codeOf(error) };
}

/** One `BatchGetSecretValue` call; each id's value (transformed) or error, an absent id as an error too. */
async function fetchBatch(hooks: SecretsBatchHooks, batch: Wanted[]): Promise<Map<Wanted, BatchAnswer<unknown>>> {
  const output = await hooks.send(new BatchGetSecretValueCommand({ SecretIdList: batch.map((w) => w.id) }));
  const entries = output.SecretValues ?? [];
  const errors = new Map<string, APIErrorType>();
  for (const error of output.Errors ?? []) if (error.SecretId !== undefined) errors.set(error.SecretId, error);
  const answers = new Map<Wanted, BatchAnswer<unknown>>();
  for (const wanted of batch) {
    const entry = entries.find((candidate) => secretRefersTo(wanted.id, candidate));
    const raw = entry?.SecretString ?? entry?.SecretBinary;
    if (raw === undefined) {
      const error = errors.get(wanted.id);
      answers.set(wanted, { error: error === undefined ? missing(wanted.id) : entryFailed(wanted.id, error) });
      continue;
    }
    try {
      answers.set(wanted, { value: await hooks.transform(ownBytes(raw), wanted.id, wanted.options) });
    } catch (error) {
      const wrapped = isTransformParameterError(error)
        ? error
        : hideOriginal(new GetParameterError(`Unable to process secret '${wanted.id}' (${kindOf(error)})`), error);
      if (typeof wrapped === 'object' && wrapped !== null) reasons.set(wrapped, TRANSFORM);
      answers.set(wanted, { error: wrapped });
    }
  }
  return answers;
}

function missing(id: string): GetParameterError {
  const error = new GetParameterError(`Secret '${id}' was neither in the values nor in the errors of the response`);
  reasons.set(error, 'NotInResponse');
  return error;
}

/** An `Errors` entry as an error named by its code, so that the classifier and `cause` readers see the code. */
function entryFailed(id: string, entry: APIErrorType): GetParameterError {
  const code = entry.ErrorCode ?? 'UnknownError';
  const cause = Object.assign(new Error(entry.Message ?? code), { name: code });
  const error = new GetParameterError(`Unable to get secret '${id}': ${messageOf(cause)}`, { cause });
  reasons.set(error, code);
  return error;
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
