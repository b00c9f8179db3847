/** What `clearCache` can clear: each drop-in middleware under its `cacheKey`. */
const clearers = new Map<string, Set<() => void>>();

/** Registers a middleware's clearer under its cache key; returns nothing to undo (middlewares live as long as the module). */
export function registerCache(cacheKey: string, clear: () => void): void {
  let set = clearers.get(cacheKey);
  if (set === undefined) {
    set = new Set();
    clearers.set(cacheKey, set);
  }
  set.add(clear);
}

/**
 * Forgets the cached values of the drop-in middlewares under these cache keys (all of them by default), so the next
 * request fetches again: the counterpart of `clearCache` from `@middy/util`, for tests.
 *
 * @example
 * ```ts
 * import { clearCache } from '@paramkit/middy';
 * clearCache(['ssm']);
 * ```
 */
export function clearCache(keys?: string | readonly string[] | null): void {
  const wanted = keys === undefined || keys === null ? [...clearers.keys()] : typeof keys === 'string' ? [keys] : keys;
  for (const key of wanted) for (const clear of clearers.get(key) ?? []) clear();
}
