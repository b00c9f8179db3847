const TRUE_WORDS = new Set(['1', 'y', 'yes', 't', 'true', 'on']);
const FALSE_WORDS = new Set(['0', 'n', 'no', 'f', 'false', 'off']);

/** A non-negative number of seconds from the environment, or `fallback` when unset or empty. */
export function secondsFromEnv(key: string, fallback: number): number {
  const raw = process.env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Environment variable ${key} must be a non-negative number of seconds, got '${raw}'`);
  }
  return seconds;
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
