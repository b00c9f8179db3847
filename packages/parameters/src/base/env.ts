import { GetParameterError } from '../errors.js';

const TRUE_WORDS = new Set(['1', 'y', 'yes', 't', 'true', 'on']);
const FALSE_WORDS = new Set(['0', 'n', 'no', 'f', 'false', 'off']);

/**
 * A number of seconds from the environment, or `fallback` when unset or empty. A negative number is `0` (nothing
 * cached), as Powertools makes of it.
 */
export function secondsFromEnv(key: string, fallback: number): number {
  const raw = process.env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (Number.isNaN(seconds) || seconds === Infinity) {
    throw new RangeError(`Environment variable ${key} must be a number of seconds, got '${raw}'`);
  }
  return Math.max(0, seconds);
}

/**
 * `read()`, or the error it threw: for a setting read when a provider is made but used by its reads, so that a bad
 * variable fails the read (a rejection) rather than the constructor, as in Powertools.
 */
export function readLater<T>(read: () => T): T | { failure: unknown } {
  try {
    return read();
  } catch (failure) {
    return { failure };
  }
}

/**
 * `POWERTOOLS_PARAMETERS_SSM_DECRYPT`, read when a provider is made. A bad value fails the reads that need it (not
 * the constructor) with a `GetParameterError`, as in Powertools; reads that say `decrypt` never look at it.
 */
export function decryptDefaultFromEnv(key: string): boolean | GetParameterError {
  const setting = readLater(() => booleanFromEnv(key, false));
  if (typeof setting === 'boolean') return setting;
  return new GetParameterError((setting.failure as Error).message, { cause: setting.failure });
}

/** A boolean from the environment (1/y/yes/t/true/on, 0/n/no/f/false/off), or `fallback` when unset or empty. */
export function booleanFromEnv(key: string, fallback: boolean): boolean {
  const raw = process.env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (TRUE_WORDS.has(raw)) return true;
  if (FALSE_WORDS.has(raw)) return false;
  throw new RangeError(
    `Environment variable ${key} must be one of 1, y, yes, t, true, on, 0, n, no, f, false, off; got '${raw}'`,
  );
}
