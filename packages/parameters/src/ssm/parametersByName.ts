import {
  GetParametersCommand,
  type GetParametersCommandOutput,
  type Parameter,
  ParameterNotFound,
} from '@aws-sdk/client-ssm';
import { attachBatchFailures } from '../base/batchFailures.js';
import { hideOriginal, kindOf } from '../base/hiddenErrors.js';
import { ERRORS_KEY } from '../constants.js';
import { type BatchAnswer, type BatchOutcome, readBatch } from '../engine/batch.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import { classifyError, messageOf } from '../engine/errorKinds.js';
import type { CacheKey } from '../engine/options.js';
import {
  GetParameterError,
  isGetParameterError,
  isTransformParameterError,
  ParameterNotFoundError,
} from '../errors.js';
import type { SSMGetOptionsBase, SSMGetParametersByNameOptions } from '../types/SSMProvider.js';

/** What the batch reader needs from its provider. */
export interface BatchHooks {
  engine: CacheEngine;
  send(command: GetParametersCommand): Promise<GetParametersCommandOutput>;
  keyFor(name: string, options: SSMGetOptionsBase): CacheKey;
  maxAgeMs(maxAge: number | undefined): number;
  transform(raw: string, name: string, options: SSMGetOptionsBase): Promise<unknown>;
  /** How a single `get` fetches the value, so that refresh-ahead can refresh what a batch cached. */
  sourceOf(name: string, options: SSMGetOptionsBase): SourceRequest<unknown>;
  /** Whether a name with no `decrypt` of its own is decrypted (read in the batch, so a bad variable rejects it). */
  decryptByDefault: () => boolean;
}

/** `GetParameters` takes at most ten names. */
const MAX_NAMES_PER_CALL = 10;

/** Errors of values that failed their transform or schema, thrown as they are (not as failed calls). */
const processFailures = new WeakSet<object>();

interface Wanted extends CacheKey {
  maxAgeMs: number;
  options: SSMGetOptionsBase;
}

/**
 * `getParametersByName`: the engine's batch step (cache first, requests in flight joined, `GetParameters` in
 * batches of ten with decrypted and plain names apart, every batch in parallel, stale values per name on a
 * transient failure). The caller's objects are read, never written.
 */
export async function getParametersByNameBatched(
  hooks: BatchHooks,
  parameters: Record<string, SSMGetParametersByNameOptions>,
  globalOptions: SSMGetParametersByNameOptions = {},
): Promise<Record<string, unknown>> {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw new TypeError('getParametersByName expects an object of parameter names to options');
  }
  const throwOnError = globalOptions.throwOnError ?? true;
  if (!throwOnError && Object.hasOwn(parameters, ERRORS_KEY)) {
    throw new GetParameterError(`You cannot fetch a parameter named ${ERRORS_KEY} in graceful error mode.`);
  }
  const items: Wanted[] = Object.entries(parameters).map(([name, own]) => {
    const options: SSMGetOptionsBase = {
      transform: own?.transform ?? globalOptions.transform,
      decrypt: own?.decrypt ?? globalOptions.decrypt ?? hooks.decryptByDefault(),
      schema: own?.schema ?? globalOptions.schema,
    } as SSMGetOptionsBase;
    const maxAge = own?.maxAge ?? globalOptions.maxAge;
    return { ...hooks.keyFor(name, options), maxAgeMs: maxAge === 0 ? 0 : hooks.maxAgeMs(maxAge), options };
  });
  const outcomes = await readBatch(hooks.engine, {
    items,
    maxPerCall: MAX_NAMES_PER_CALL,
    groupOf: (wanted) => (wanted.options.decrypt ? 'decrypted' : 'plain'),
    fetch: (batch) => fetchBatch(hooks, batch),
    sourceOf: (wanted) => hooks.sourceOf(wanted.name, wanted.options),
    // A `get` that joined the batch fails as its own `GetParameter` would have.
    missingError: (wanted) => new ParameterNotFound({ message: `Parameter ${wanted.name} not found`, $metadata: {} }),
  });
  return respond(items, outcomes.map(notFoundAsMissing), throwOnError);
}

function respond(items: Wanted[], outcomes: BatchOutcome<unknown>[], throwOnError: boolean): Record<string, unknown> {
  const response: Record<string, unknown> = {};
  const errors: string[] = [];
  const failures = new Map<string, unknown>();
  for (const [index, wanted] of items.entries()) {
    const outcome = outcomes[index] as BatchOutcome<unknown>;
    if ('value' in outcome) response[wanted.name] = outcome.value;
    else if (!throwOnError) {
      errors.push(wanted.name);
      failures.set(
        wanted.name,
        outcome.status === 'missing'
          ? new ParameterNotFoundError(`Parameter ${wanted.name} not found in the store`)
          : outcome.error,
      );
    } else if (outcome.status === 'missing') {
      const missing = items.filter((_, at) => outcomes[at]?.status === 'missing').map((item) => item.name);
      throw new GetParameterError(`Failed to fetch parameters: ${missing.join(', ')}`);
    } else if (processFailures.has(outcome.error as object)) throw outcome.error;
    else {
      // A joined single read failed with its own wrapping: the batch wraps the SDK error behind it alike.
      const cause = isGetParameterError(outcome.error) ? outcome.error.cause : outcome.error;
      throw new GetParameterError(`Unable to get parameters: ${messageOf(cause)}`, { cause });
    }
  }
  if (!throwOnError) {
    response[ERRORS_KEY] = errors;
    // The reasons behind `_errors`, for the config loader (see base/batchFailures.ts).
    attachBatchFailures(response, failures);
  }
  return response;
}

/** A name whose joined request (another batch's, or a `get`'s) found it missing is missing here too. */
function notFoundAsMissing(outcome: BatchOutcome<unknown>): BatchOutcome<unknown> {
  if (outcome.status !== 'failed' || processFailures.has(outcome.error as object)) return outcome;
  return classifyError(outcome.error).kind === 'not-found' ? { status: 'missing' } : outcome;
}

/**
 * The answers of one `GetParameters` call by the name asked for. AWS answers a selector (`/a:3`, `/a:prod`) with Name
 * `/a` and Selector `:3`. Some AWS-compatible servers (moto) leave `Selector` out; those answers are matched by
 * version instead (`/a:3` is version 3), and the bare name gets the highest version, the latest, which is what it
 * reads: never the value of an older version asked for in the same call. A label cannot be matched without
 * `Selector` and is missing then.
 */
function indexAnswers(parameters: Parameter[]): Map<string, Parameter> {
  const byName = new Map<string, Parameter>();
  const latest = new Map<string, Parameter>();
  for (const parameter of parameters) {
    if (parameter.Selector !== undefined) {
      byName.set(`${parameter.Name}${parameter.Selector}`, parameter);
      continue;
    }
    const name = parameter.Name ?? '';
    if (parameter.Version !== undefined) byName.set(`${name}:${parameter.Version}`, parameter);
    const known = latest.get(name);
    if (known === undefined || (parameter.Version ?? 0) > (known.Version ?? 0)) latest.set(name, parameter);
  }
  for (const [name, parameter] of latest) byName.set(name, parameter);
  return byName;
}

async function fetchBatch(hooks: BatchHooks, batch: Wanted[]): Promise<Map<Wanted, BatchAnswer<unknown>>> {
  const decrypt = batch[0]?.options.decrypt === true;
  const output = await hooks.send(
    new GetParametersCommand({ Names: batch.map((w) => w.name), ...(decrypt ? { WithDecryption: true } : {}) }),
  );
  const byName = indexAnswers(output.Parameters ?? []);
  const answers = new Map<Wanted, BatchAnswer<unknown>>();
  for (const wanted of batch) {
    const parameter = byName.get(wanted.name);
    if (parameter?.Value === undefined) continue;
    try {
      answers.set(wanted, { value: await hooks.transform(parameter.Value, wanted.name, wanted.options) });
    } catch (error) {
      const wrapped = isTransformParameterError(error)
        ? error
        : hideOriginal(new GetParameterError(`Unable to process '${wanted.name}' (${kindOf(error)})`), error);
      processFailures.add(wrapped as object);
      answers.set(wanted, { error: wrapped });
    }
  }
  return answers;
}
