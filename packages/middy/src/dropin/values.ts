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

/** `cacheExpiry` (ms; -1 forever, 0 off) as a provider `maxAge` in seconds. */
export function maxAgeOfExpiry(cacheExpiry: number): number {
  if (typeof cacheExpiry !== 'number' || Number.isNaN(cacheExpiry)) {
    throw new TypeError(`cacheExpiry must be a number of milliseconds (-1 forever, 0 off), got ${String(cacheExpiry)}`);
  }
  return cacheExpiry < 0 ? FOREVER_SECONDS : cacheExpiry / 1000;
}

/** "Forever": a hundred years, finite so that every date computed from it stays valid. */
export const FOREVER_SECONDS = 100 * 365 * 24 * 60 * 60;
