import type { PlannedEntry } from './plan.js';
import type { ToEnvOptions } from './types.js';

/**
 * Writes loaded values to an environment object: text as it is, bytes as base64, anything else (numbers, JSON
 * values, a schema's output) as JSON. A variable that was there before and was not written by this declaration is
 * kept unless `override`; one this declaration wrote is updated, and removed when an optional entry is now missing.
 * Returns the names written; nothing is printed.
 */
export function writeEnv(
  entries: readonly PlannedEntry[],
  values: Readonly<Record<string, unknown>>,
  options: ToEnvOptions,
  ownNames: Set<string>,
): string[] {
  const env = options.env ?? process.env;
  const written: string[] = [];
  for (const entry of entries) {
    if (!Object.hasOwn(values, entry.key)) continue;
    const name = entry.envName;
    const mine = ownNames.has(name);
    if (!mine && !options.override && env[name] !== undefined) continue;
    const value = values[entry.key];
    if (value === undefined) {
      if (mine) delete env[name];
      ownNames.delete(name);
      continue;
    }
    env[name] = envText(value);
    ownNames.add(name);
    written.push(name);
  }
  return written;
}

/**
 * How `toEnv` writes a value to an environment variable: text as it is, bytes as base64, anything else as JSON.
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
  return JSON.stringify(value) ?? String(value);
}
