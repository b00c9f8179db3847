import { DEFAULT_MAX_AGE_SECS, DEFAULT_MAX_ENTRIES, DEFAULT_STALE_IF_ERROR_SECS, ENV } from '../constants.js';
import type { ProviderCacheOptions } from '../types/BaseProvider.js';
import { secondsFromEnv } from './env.js';

/** A provider's cache settings with every default applied, in milliseconds where time is involved. */
export interface ResolvedProviderOptions {
  maxEntries: number;
  staleMs: number;
  now: () => number;
  defaultMaxAgeMs: number;
}

/** Validates a `maxAge` (seconds) and returns milliseconds. */
export function maxAgeToMs(maxAge: unknown, source = 'maxAge'): number {
  if (typeof maxAge !== 'number' || Number.isNaN(maxAge) || maxAge < 0) {
    throw new RangeError(`${source} must be a non-negative number of seconds, got ${String(maxAge)}`);
  }
  return maxAge * 1000;
}

/**
 * Resolves a provider's options in one place, once, at construction (and again on `clearCache`), so that no
 * environment variable or option is parsed on the hot path.
 */
export function resolveProviderOptions(options: ProviderCacheOptions): ResolvedProviderOptions {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError(`maxEntries must be a non-negative integer, got ${String(maxEntries)}`);
  }
  const staleSeconds = options.staleIfErrorSeconds ?? DEFAULT_STALE_IF_ERROR_SECS;
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds');
  return {
    maxEntries,
    staleMs: maxAgeToMs(staleSeconds, 'staleIfErrorSeconds'),
    now,
    defaultMaxAgeMs: secondsFromEnv(ENV.maxAge, DEFAULT_MAX_AGE_SECS) * 1000,
  };
}
