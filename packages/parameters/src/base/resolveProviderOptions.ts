import { DEFAULT_MAX_AGE_SECS, DEFAULT_MAX_ENTRIES, DEFAULT_STALE_IF_ERROR_SECS, ENV } from '../constants.js';
import {
  defaultEngineOptions,
  type ResolvedEngineOptions,
  readSystemClock,
  resolveEngineOptions,
  shown,
} from '../engine/options.js';
import type { ProviderCacheOptions } from '../types/BaseProvider.js';
import { readLater, secondsFromEnv } from './env.js';

export { readSystemClock };

/** A provider's cache settings with every default applied, in milliseconds where time is involved. */
export interface ResolvedProviderOptions {
  /** The engine's options (bounds, stale window, refresh-ahead, stale answers, backoff, clock). */
  engine: ResolvedEngineOptions;
  now: () => number;
  /** Default `maxAge` in ms, already multiplied by `lifetimeFactor`. */
  defaultMaxAgeMs: number;
  /** Share of every `maxAge` this provider uses: 1, or a draw from [1 − maxAgeJitter, 1]. */
  lifetimeFactor: number;
  /** `POWERTOOLS_PARAMETERS_MAX_AGE` as it was read, to notice a change. */
  maxAgeVariable: string | undefined;
  /** Why that variable could not be read: reads that use the default `maxAge` reject with it. */
  maxAgeError?: unknown;
}

/**
 * The default `maxAge` in ms from the environment, shortened by the provider's jitter factor. A bad variable gives
 * `0` (no read takes a cached value on its word) and the error, for the reads to reject with.
 */
export function defaultMaxAge(
  lifetimeFactor: number,
): Pick<ResolvedProviderOptions, 'defaultMaxAgeMs' | 'maxAgeError'> {
  const seconds = readLater(() => secondsFromEnv(ENV.maxAge, DEFAULT_MAX_AGE_SECS));
  return typeof seconds === 'number'
    ? { defaultMaxAgeMs: seconds * 1000 * lifetimeFactor }
    : { defaultMaxAgeMs: 0, maxAgeError: seconds.failure };
}

/** Validates a number of seconds (a setting of paramkit's own) and returns milliseconds. */
export function secondsToMs(seconds: unknown, source: string): number {
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) {
    throw new RangeError(`${source} must be a non-negative number of seconds, got ${shown(seconds)}`);
  }
  return seconds * 1000;
}

/**
 * A call's `maxAge` (seconds) in ms. As in Powertools, where such a value is stored already expired, a negative
 * `maxAge` or `null` caches nothing (`0`); anything else that is not a number, and `NaN`, is refused.
 */
export function maxAgeToMs(maxAge: unknown): number {
  if (typeof maxAge === 'number' && maxAge >= 0) return maxAge * 1000;
  if (maxAge === null || (typeof maxAge === 'number' && maxAge < 0)) return 0;
  throw new RangeError(`maxAge must be a number of seconds, got ${shown(maxAge)}`);
}

/**
 * Resolves a provider's options in one place, once, at construction (and again on `clearCache`), so that no
 * environment variable or option is parsed on the hot path.
 */
export function resolveProviderOptions(options: ProviderCacheOptions): ResolvedProviderOptions {
  const staleSeconds = options.staleIfErrorSeconds ?? DEFAULT_STALE_IF_ERROR_SECS;
  secondsToMs(staleSeconds, 'staleIfErrorSeconds');
  const engine = resolveEngineOptions({
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    staleIfErrorSeconds: staleSeconds,
    refreshAhead: options.refreshAhead,
    staleAnswerMs: options.staleAnswerMs,
    backoff: options.backoff,
    now: options.now,
    random: options.random,
  });
  const jitter = options.maxAgeJitter ?? 0;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter < 1)) {
    throw new RangeError(`maxAgeJitter must be a number from 0 up to (not including) 1, got ${String(jitter)}`);
  }
  // Drawn once per provider, not per entry: containers started together then refresh at different moments, while
  // the values one container fetched in a batch stay together and keep being fetched in one call.
  const lifetimeFactor = jitter === 0 ? 1 : 1 - (options.random ?? Math.random)() * jitter;
  return {
    engine,
    now: engine.now,
    ...defaultMaxAge(lifetimeFactor),
    lifetimeFactor,
    maxAgeVariable: process.env[ENV.maxAge],
  };
}

/** The members of `ProviderCacheOptions`, which only `resolveProviderOptions` checks. */
const CACHE_OPTIONS = [
  'maxEntries',
  'staleIfErrorSeconds',
  'maxAgeJitter',
  'refreshAhead',
  'staleAnswerMs',
  'backoff',
  'now',
  'random',
] as const;

/**
 * A provider's options when it is given no cache option, without the checks of `resolveProviderOptions`: the
 * shared providers of `getParameter` and `getSecret` are made so, and a bundle of those helpers alone holds no
 * checks. The complete provider classes install `resolveProviderOptions` for everything else.
 */
export function defaultProviderOptions(options: ProviderCacheOptions): ResolvedProviderOptions {
  if (CACHE_OPTIONS.some((option) => options[option] !== undefined)) {
    throw new TypeError(
      'Cache options are checked by the complete provider classes: import the class from its subpath (@paramkit/parameters/ssm, /secrets...)',
    );
  }
  const engine = defaultEngineOptions();
  return {
    engine,
    now: engine.now,
    ...defaultMaxAge(1),
    lifetimeFactor: 1,
    maxAgeVariable: process.env[ENV.maxAge],
  };
}

/**
 * The options again after a change of the environment (`clearCache`): the default `maxAge` re-read, everything
 * resolved from the constructor's options (engine, jitter factor) kept.
 */
export function rereadEnvironment(resolved: ResolvedProviderOptions): ResolvedProviderOptions {
  const { maxAgeError: _previous, ...rest } = resolved;
  return { ...rest, ...defaultMaxAge(resolved.lifetimeFactor), maxAgeVariable: process.env[ENV.maxAge] };
}
