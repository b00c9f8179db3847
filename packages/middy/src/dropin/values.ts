/**
 * How middy's data middlewares turn raw values into what handlers get, and how they name context keys. Written
 * from their documented behaviour; kept here so that the three drop-ins agree.
 */

/** Text that looks like a JSON object, array or string is parsed; anything else (or invalid JSON) stays as it is. */
export function jsonSafeParse(value: string): unknown {
  const first = value[0];
  if (first !== '{' && first !== '[' && first !== '"') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A key as middy puts it on `context`: a leading digit gets `_` before it, runs of other characters become `_`. */
export function sanitizeKey(key: string): string {
  return key.replace(/^([0-9])/, '_$1').replace(/[^a-zA-Z0-9]+/g, '_');
}

/**
 * The `cacheExpiry` a middleware applies, in ms, read as middy reads it: `cacheKeyExpiry[cacheKey]` first, then
 * `cacheExpiry`, then -1 (forever). `null` turns the cache off, as any falsy value does in middy, and a string of
 * digits (from an environment variable, say) is its number; anything else is a `TypeError` naming the option.
 */
export function cacheExpiryOf(
  options: { cacheExpiry?: unknown; cacheKeyExpiry?: Record<string, unknown> } | undefined,
  cacheKey: string,
): number {
  const own = options?.cacheKeyExpiry?.[cacheKey];
  const option = own ?? options?.cacheExpiry;
  const name = own === undefined || own === null ? 'cacheExpiry' : `cacheKeyExpiry['${cacheKey}']`;
  if (option === undefined) return -1;
  if (option === null) return 0;
  const expiry = typeof option === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(option) ? Number(option) : option;
  if (typeof expiry !== 'number' || Number.isNaN(expiry)) {
    throw new TypeError(`${name} must be a number of milliseconds (-1 forever, 0 off), got ${describe(option)}`);
  }
  return expiry;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `the string '${value}'` : String(value);
}

/** A `cacheExpiry` checked by `cacheExpiryOf` (ms; -1 forever, 0 off) as a provider `maxAge` in seconds. */
export function maxAgeOfExpiry(cacheExpiry: number): number {
  return cacheExpiry < 0 ? FOREVER_SECONDS : cacheExpiry / 1000;
}

/**
 * Cache options of the providers behind the drop-ins. A refresh is waited for however long it takes, as middy
 * waits for it, so that `cacheExpiry` keeps bounding a value's age (stale values still answer a failed refresh).
 */
export const DROP_IN_CACHE_OPTIONS = { staleAnswerMs: Number.POSITIVE_INFINITY } as const;

/** "Forever": a hundred years, finite so that every date computed from it stays valid. */
export const FOREVER_SECONDS = 100 * 365 * 24 * 60 * 60;
