import type { SecretsGetOptions } from '../types/SecretsProvider.js';

/** Options of `withSecret`: those of `get`, and how to tell that the secret was rejected. */
export type WithSecretOptions<Options extends SecretsGetOptions = SecretsGetOptions> = NonNullable<Options> & {
  /**
   * Whether an error thrown by the callback means the credentials in the secret were rejected (a database's
   * authentication failure, an API's 401), so that a rotated secret is worth fetching again.
   */
  isCredentialsError: (error: unknown) => boolean;
};

/** What `withSecret` needs of a provider. */
export interface SecretReader {
  get(name: string, options?: SecretsGetOptions): Promise<unknown>;
}

/**
 * Runs `use` with a secret; when it fails with an error `isCredentialsError` accepts, fetches the secret's current
 * version again (skipping the cache) and, if the value changed, runs `use` once more with it. When that fetch
 * fails, or finds the same value, the callback's error is thrown.
 */
export async function runWithSecret<Result>(
  provider: SecretReader,
  name: string,
  use: (secret: never) => Result | Promise<Result>,
  options: WithSecretOptions,
): Promise<Result> {
  if (typeof options?.isCredentialsError !== 'function') {
    throw new TypeError('withSecret needs an isCredentialsError function in its options');
  }
  const { isCredentialsError, ...getOptions } = options;
  const first = await provider.get(name, { ...getOptions, throwOnMissing: true } as SecretsGetOptions);
  try {
    return await use(first as never);
  } catch (error) {
    if (!isCredentialsError(error)) throw error;
    const { VersionId: _id, VersionStage: _stage, ...sdkOptions } = getOptions.sdkOptions ?? {};
    let current: unknown;
    try {
      current = await provider.get(name, {
        ...getOptions,
        sdkOptions,
        throwOnMissing: true,
        forceFetch: true,
      } as SecretsGetOptions);
    } catch {
      // The refetch failed too (throttled, say): the callback's own error is what the caller handles.
      throw error;
    }
    // The same value again (a rotation not finished yet, or credentials wrong for another reason): a retry
    // would fail alike, so the caller's error stands.
    if (sameValue(first, current)) throw error;
    return use(current as never);
  }
}

/**
 * Whether two reads of the secret gave the same value: bytes compared byte by byte, and what a transform or schema
 * made of the text compared as data (plain objects, arrays, primitives). Anything else (a class instance, a `Map`)
 * counts as changed unless it is the very same object: a retry too many costs one more attempt, a retry too few
 * keeps a rotated password unused.
 */
function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, at) => byte === b[at]);
  }
  if (depth > MAX_COMPARED_DEPTH || !isPlainData(a) || !isPlainData(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1),
  );
}

const MAX_COMPARED_DEPTH = 64;

function isPlainData(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
