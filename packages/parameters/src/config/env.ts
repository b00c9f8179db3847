import type { PlannedEntry } from './plan.js';
import type { ToEnvOptions } from './types.js';

/**
 * Writes loaded values to an environment object: text as it is, bytes as base64, anything else (numbers, JSON
 * values, a schema's output) as JSON; a value that cannot be written fails the call before any is written. A
 * variable that was there before and was not written by this declaration is kept unless `override`; one this
 * declaration wrote is updated, and removed when an optional entry is now missing. Returns the names written;
 * nothing is printed.
 */
export function writeEnv(
  entries: readonly PlannedEntry[],
  values: Readonly<Record<string, unknown>>,
  options: ToEnvOptions,
  ownNames: Set<string>,
): string[] {
  const env = options.env ?? process.env;
  // Every text first: a value that cannot be written as text fails the call before anything is written.
  const texts = new Map<PlannedEntry, string | undefined>();
  for (const entry of entries) {
    if (!Object.hasOwn(values, entry.key)) continue;
    const value = values[entry.key];
    texts.set(entry, value === undefined ? undefined : textOf(entry, value));
  }
  const written: string[] = [];
  for (const [entry, text] of texts) {
    const name = entry.envName;
    const mine = ownNames.has(name);
    if (!mine && !options.override && env[name] !== undefined) continue;
    if (text === undefined) {
      if (mine) delete env[name];
      ownNames.delete(name);
      continue;
    }
    env[name] = text;
    ownNames.add(name);
    written.push(name);
  }
  return written;
}

function textOf(entry: PlannedEntry, value: unknown): string {
  try {
    return envText(value);
  } catch (error) {
    // The error's name only: a message could quote the value.
    throw new TypeError(
      `toEnv: the value of '${entry.key}' cannot be written to ${entry.envName} (${(error as Error).name})`,
    );
  }
}

/**
 * How `toEnv` writes a value to an environment variable: text as it is, bytes as base64, a bigint in decimal,
 * anything else as JSON. Throws a `TypeError` for a value JSON cannot represent (a cycle).
 *
 * @example
 * ```ts
 * import { envText } from '@paramkit/parameters/config';
 * envText({ rps: 10 }); // '{"rps":10}'
 * ```
 */
export function envText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}
