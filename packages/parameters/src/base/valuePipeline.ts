import { messageOf } from '../engine/errorKinds.js';
import {
  GetParameterError,
  isGetParameterError,
  isParameterNotFoundError,
  isTransformParameterError,
  ParameterNotFoundError,
  TransformParameterError,
} from '../errors.js';
import type { GetMultipleOptionsInterface, GetOptionsInterface } from '../types/BaseProvider.js';
import type { StandardSchemaV1 } from '../types/standardSchema.js';
import { hideOriginal, kindOf, safeError } from './hiddenErrors.js';
import { validateWithSchema } from './schema.js';
import { type NormalizedTransform, transformValue } from './transformValue.js';

/**
 * What happens between a provider's raw answer and the value a caller gets: errors wrapped with the SDK error as
 * `cause`, missing values, transforms and schemas. The cache around it lives in `BaseProvider`.
 */

/**
 * One value: `_get`'s answer, wrapped, transformed and validated. A missing value stays `undefined` here: the request
 * is shared by every read of the key, and each read applies its own `throwOnMissing` (`requireValue`).
 */
export async function fetchOne(
  fetch: () => Promise<unknown>,
  name: string,
  options: GetOptionsInterface,
  transform: NormalizedTransform,
): Promise<unknown> {
  let raw: unknown;
  try {
    raw = await fetch();
  } catch (error) {
    if (isParameterNotFoundError(error) || isTransformParameterError(error)) throw error;
    throw wrapFetchError(error);
  }
  if (raw === undefined || raw === null) return undefined;
  let value: unknown = raw;
  if (transform !== undefined && (typeof raw === 'string' || raw instanceof Uint8Array)) {
    value = transformValue(raw, transform, name);
  }
  return options.schema === undefined ? value : validateWithSchema(options.schema as StandardSchemaV1, value, name);
}

/**
 * A `get` with `throwOnMissing`, applied to the outcome of the request it made or joined: a missing value, or a
 * failure that `missingError` recognises as "not there" (given the SDK error), becomes that error.
 */
export function requireValue(
  read: Promise<unknown>,
  missingError: (failure?: unknown) => Error | undefined,
): Promise<unknown> {
  return read.then(
    (value) => {
      // `fetchOne` answers a missing value as `undefined`; a `null` here is a stored value (JSON `null`), as in Powertools.
      if (value === undefined) throw missingError() ?? new ParameterNotFoundError();
      return value;
    },
    (error: unknown) => {
      if (isParameterNotFoundError(error) || !isGetParameterError(error)) throw error;
      const { cause } = error as Error;
      const asMissing = cause === undefined ? undefined : missingError(cause);
      throw asMissing ?? error;
    },
  );
}

/** Values under a path: `_getMultiple`'s answer, wrapped, each entry transformed and validated. */
export async function fetchMany(
  fetch: () => Promise<Record<string, unknown> | undefined>,
  options: GetMultipleOptionsInterface,
  transform: NormalizedTransform,
): Promise<Record<string, unknown>> {
  let values: Record<string, unknown> | undefined;
  try {
    values = await fetch();
  } catch (error) {
    throw wrapFetchError(error);
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new GetParameterError(`Expected result to be a Record<string, unknown> but got ${typeof values}`);
  }
  // A fresh object: the provider's result (and the caller's data) is never rewritten in place. Built with
  // fromEntries so that a name such as `__proto__` stays an entry instead of setting the prototype.
  const schema = options.schema as StandardSchemaV1 | undefined;
  const strict = options.throwOnTransformError === true;
  const entries: [string, unknown][] = [];
  for (const [name, raw] of Object.entries(values)) {
    entries.push([name, await transformEntry(raw, name, transform, schema, strict)]);
  }
  return Object.fromEntries(entries);
}

/** One `getMultiple` entry; a failure is `undefined` unless `throwOnTransformError`. */
async function transformEntry(
  raw: unknown,
  name: string,
  transform: NormalizedTransform,
  schema: StandardSchemaV1 | undefined,
  throwOnTransformError: boolean,
): Promise<unknown> {
  try {
    let value = raw;
    if (transform !== undefined && (typeof raw === 'string' || raw instanceof Uint8Array)) {
      value = transformValue(raw, transform, name);
    }
    return schema === undefined ? value : await validateWithSchema(schema, value, name);
  } catch (error) {
    if (!throwOnTransformError) return undefined;
    if (isTransformParameterError(error)) throw error;
    const failure = `the transform threw ${kindOf(error)} for '${name}' (see originalError)`;
    throw hideOriginal(new TransformParameterError('custom', failure), error);
  }
}

/**
 * A failed fetch as `GetParameterError`: the SDK error's own message, as in Powertools (code matching on it keeps
 * working), and the error as the cause; an answer the SDK could not parse is replaced by a stand-in that does not
 * quote it.
 */
export function wrapFetchError(error: unknown): GetParameterError {
  const cause = safeError(error);
  return new GetParameterError((cause as Error | undefined)?.message ?? messageOf(cause), { cause });
}

/**
 * What a read rejects with: the pipeline's own errors as they are, anything else (an SDK error a batch call left as
 * a key's backoff error) wrapped as a fetch would wrap it.
 */
export function asReadError(error: unknown): never {
  if (isGetParameterError(error) || isTransformParameterError(error)) throw error;
  throw wrapFetchError(error);
}
