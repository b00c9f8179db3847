import { GetParametersCommand, type GetParametersCommandOutput, type Parameter } from '@aws-sdk/client-ssm';
import { hideOriginal, kindOf } from '../base/hiddenErrors.js';
import { isTransientError, messageOf } from '../engine/errorKinds.js';
import { GetParameterError, isTransformParameterError } from '../errors.js';
import type { SSMGetOptionsBase, SSMGetParametersByNameOptions } from '../types/SSMProvider.js';

/** What the batch reader needs from its provider (its protected cache and client helpers). */
export interface BatchHooks {
  send(command: GetParametersCommand): Promise<GetParametersCommandOutput>;
  keyFor(name: string, options: SSMGetOptionsBase): string;
  cached(key: string, maxAge: number | undefined): { value: unknown } | undefined;
  store(key: string, value: unknown, maxAge: number | undefined): void;
  stale(key: string, maxAge: number | undefined): { value: unknown } | undefined;
  transform(raw: string, name: string, options: SSMGetOptionsBase): Promise<unknown>;
  countMisses(count: number): void;
  decryptByDefault: boolean;
}

/** `GetParameters` takes at most ten names. */
const MAX_NAMES_PER_CALL = 10;
const ERRORS_KEY = '_errors';

interface Wanted {
  name: string;
  key: string;
  options: SSMGetOptionsBase;
  maxAge: number | undefined;
}

/**
 * `getParametersByName`: cache first, then `GetParameters` in batches of ten, decrypted and plain names apart,
 * every batch in parallel. The caller's objects are read, never written.
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
  const response: Record<string, unknown> = {};
  const errors: string[] = [];
  const toFetch: { plain: Wanted[]; decrypted: Wanted[] } = { plain: [], decrypted: [] };

  for (const [name, own] of Object.entries(parameters)) {
    const options: SSMGetOptionsBase = {
      transform: own?.transform ?? globalOptions.transform,
      decrypt: own?.decrypt ?? globalOptions.decrypt ?? hooks.decryptByDefault,
      schema: own?.schema ?? globalOptions.schema,
    } as SSMGetOptionsBase;
    const maxAge = own?.maxAge ?? globalOptions.maxAge;
    const key = hooks.keyFor(name, options);
    const hit = maxAge === 0 ? undefined : hooks.cached(key, maxAge);
    if (hit !== undefined) {
      response[name] = hit.value;
      continue;
    }
    (options.decrypt ? toFetch.decrypted : toFetch.plain).push({ name, key, options, maxAge });
  }
  hooks.countMisses(toFetch.plain.length + toFetch.decrypted.length);

  const batches = [...chunk(toFetch.plain, false), ...chunk(toFetch.decrypted, true)];
  const results = await Promise.allSettled(batches.map((batch) => fetchBatch(hooks, batch.items, batch.decrypt)));

  for (const [index, result] of results.entries()) {
    const batch = batches[index]?.items ?? [];
    if (result.status === 'rejected') {
      for (const wanted of batch) {
        const stale = isTransientError(result.reason) ? hooks.stale(wanted.key, wanted.maxAge) : undefined;
        if (stale !== undefined) response[wanted.name] = stale.value;
        else if (throwOnError) {
          throw new GetParameterError(`Unable to get parameters: ${messageOf(result.reason)}`, {
            cause: result.reason,
          });
        } else errors.push(wanted.name);
      }
      continue;
    }
    for (const wanted of batch) {
      const outcome = result.value.get(wanted.name);
      if (outcome === undefined || outcome.status === 'missing') {
        if (throwOnError) throw new GetParameterError(`Failed to fetch parameters: ${missingNames(results, batches)}`);
        errors.push(wanted.name);
      } else if (outcome.status === 'failed') {
        if (throwOnError) throw outcome.error;
        errors.push(wanted.name);
      } else {
        response[wanted.name] = outcome.value;
        if (wanted.maxAge !== 0) hooks.store(wanted.key, outcome.value, wanted.maxAge);
      }
    }
  }
  if (!throwOnError) response[ERRORS_KEY] = errors;
  return response;
}

type Outcome = { status: 'ok'; value: unknown } | { status: 'missing' } | { status: 'failed'; error: unknown };

async function fetchBatch(hooks: BatchHooks, batch: Wanted[], decrypt: boolean): Promise<Map<string, Outcome>> {
  const output = await hooks.send(
    new GetParametersCommand({ Names: batch.map((w) => w.name), ...(decrypt ? { WithDecryption: true } : {}) }),
  );
  const byName = new Map<string, Parameter>();
  // A selector (`/a:3`) comes back as Name `/a` with Selector `:3`.
  for (const parameter of output.Parameters ?? [])
    byName.set(`${parameter.Name}${parameter.Selector ?? ''}`, parameter);
  const outcomes = new Map<string, Outcome>();
  for (const wanted of batch) {
    const parameter = byName.get(wanted.name);
    if (parameter?.Value === undefined) {
      outcomes.set(wanted.name, { status: 'missing' });
      continue;
    }
    try {
      outcomes.set(wanted.name, {
        status: 'ok',
        value: await hooks.transform(parameter.Value, wanted.name, wanted.options),
      });
    } catch (error) {
      const wrapped = isTransformParameterError(error)
        ? error
        : hideOriginal(new GetParameterError(`Unable to process '${wanted.name}' (${kindOf(error)})`), error);
      outcomes.set(wanted.name, { status: 'failed', error: wrapped });
    }
  }
  return outcomes;
}

function chunk(items: Wanted[], decrypt: boolean): { items: Wanted[]; decrypt: boolean }[] {
  const batches: { items: Wanted[]; decrypt: boolean }[] = [];
  for (let start = 0; start < items.length; start += MAX_NAMES_PER_CALL) {
    batches.push({ items: items.slice(start, start + MAX_NAMES_PER_CALL), decrypt });
  }
  return batches;
}

function missingNames(results: PromiseSettledResult<Map<string, Outcome>>[], batches: { items: Wanted[] }[]): string {
  const names: string[] = [];
  results.forEach((result, index) => {
    if (result.status !== 'fulfilled') return;
    for (const wanted of batches[index]?.items ?? []) {
      if ((result.value.get(wanted.name)?.status ?? 'missing') === 'missing') names.push(wanted.name);
    }
  });
  return names.join(', ');
}
