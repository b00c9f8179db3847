import { secondsToMs } from '../base/resolveProviderOptions.js';
import { assertSchema } from '../base/schema.js';
import { normalizeTransform } from '../base/transformValue.js';
import { isConfigEntry } from './entries.js';
import type { ConfigEntries, ConfigOptions, ConfigProviders, EntrySpec, SecretsBatchMode } from './types.js';

/** One entry with every default applied. */
export interface PlannedEntry {
  readonly key: string;
  readonly spec: EntrySpec;
  /** Seconds; `undefined` leaves the provider's default. */
  readonly maxAge: number | undefined;
  readonly envName: string;
  /** SSM only. */
  readonly decrypt: boolean;
}

/** A declaration with its options resolved, once, at `defineConfig`. */
export interface Plan {
  readonly entries: readonly PlannedEntry[];
  readonly throwOnError: boolean;
  readonly prefetch: boolean;
  readonly secretsBatch: SecretsBatchMode;
  readonly providers: ConfigProviders;
  readonly now: () => number;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a declaration and its options; every error names the entry (by key) and the option at fault. */
export function planConfig(entries: ConfigEntries, options: ConfigOptions = {}): Plan {
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
    throw new TypeError('defineConfig expects an object of entries, e.g. { dbUrl: ssm("/app/db-url") }');
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('defineConfig options must be an object');
  }
  checkOptions(options);
  if (options.maxAge !== undefined) secondsToMs(options.maxAge, 'defineConfig maxAge');
  const secretsBatch = options.secretsBatch ?? 'auto';
  if (secretsBatch !== 'auto' && secretsBatch !== 'never') {
    throw new TypeError(`secretsBatch must be 'auto' or 'never', got ${JSON.stringify(String(secretsBatch))}`);
  }
  const prefix = options.envPrefix ?? '';
  if (typeof prefix !== 'string' || (prefix !== '' && !ENV_NAME.test(prefix))) {
    throw new TypeError('envPrefix must be letters, digits and underscores, not starting with a digit');
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('now must be a function');
  const decryptByDefault = options.decrypt ?? true;
  const planned: PlannedEntry[] = [];
  const envNames = new Map<string, string>();
  for (const [key, entry] of Object.entries(entries)) {
    if (!isConfigEntry(entry)) {
      throw new TypeError(
        `Entry '${key}' is not a config entry: declare it with ssm(), secret(), appConfig() or dynamodb()`,
      );
    }
    const { spec } = entry;
    const own = spec.options;
    if (own.maxAge !== undefined) secondsToMs(own.maxAge, `maxAge of entry '${key}'`);
    if (own.sensitive !== undefined && typeof own.sensitive !== 'boolean') {
      throw new TypeError(`Entry '${key}': sensitive must be true or false`);
    }
    try {
      normalizeTransform(own.transform);
      assertSchema(own.schema);
    } catch (error) {
      throw new TypeError(`Entry '${key}': ${(error as Error).message}`);
    }
    const envName = own.env ?? prefix + defaultEnvName(key);
    if (!ENV_NAME.test(envName)) {
      throw new TypeError(
        `Entry '${key}': '${envName}' is not a usable environment variable name (set its env option)`,
      );
    }
    const clash = envNames.get(envName);
    if (clash !== undefined) throw new TypeError(`Entries '${clash}' and '${key}' both map to ${envName}`);
    envNames.set(envName, key);
    const decrypt = spec.service === 'ssm' ? (spec.options.decrypt ?? decryptByDefault) : false;
    planned.push({ key, spec, maxAge: own.maxAge ?? options.maxAge, envName, decrypt });
  }
  return {
    entries: planned,
    throwOnError: options.throwOnError ?? true,
    prefetch: options.prefetch ?? false,
    secretsBatch,
    providers: { ...options.providers },
    now: options.now ?? (() => Date.now()),
  };
}

const OPTIONS = ['maxAge', 'throwOnError', 'prefetch', 'decrypt', 'secretsBatch', 'envPrefix', 'providers', 'now'];
const PROVIDERS = ['ssm', 'secrets', 'appConfig', 'dynamodb'];

/** Refuses unknown options (a typo would be silently ignored) and flags or providers of the wrong type. */
function checkOptions(options: ConfigOptions): void {
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!OPTIONS.includes(key))
      throw new TypeError(`defineConfig: unknown option '${key}' (options: ${OPTIONS.join(', ')})`);
  }
  for (const key of ['throwOnError', 'prefetch', 'decrypt']) {
    if (given[key] !== undefined && typeof given[key] !== 'boolean') {
      throw new TypeError(`defineConfig: ${key} must be true or false`);
    }
  }
  const providers = options.providers as Record<string, unknown> | undefined;
  if (providers === undefined) return;
  if (providers === null || typeof providers !== 'object' || Array.isArray(providers)) {
    throw new TypeError('defineConfig: providers must be an object of { ssm, secrets, appConfig, dynamodb }');
  }
  for (const [key, provider] of Object.entries(providers)) {
    if (!PROVIDERS.includes(key)) {
      throw new TypeError(`defineConfig: unknown provider '${key}' (providers: ${PROVIDERS.join(', ')})`);
    }
    const usable =
      provider === undefined ||
      (typeof provider === 'object' &&
        provider !== null &&
        typeof (provider as { get?: unknown }).get === 'function') ||
      (key === 'dynamodb' && typeof provider === 'function');
    if (!usable) throw new TypeError(`defineConfig: providers.${key} must be a provider (an object with get())`);
  }
}

/**
 * The environment variable name of a key, before `envPrefix`: SCREAMING_SNAKE_CASE.
 *
 * @example
 * ```ts
 * import { defaultEnvName } from '@paramkit/parameters/config';
 * defaultEnvName('dbUrl'); // 'DB_URL' ('api-key' → 'API_KEY', 'HTTPServer2' → 'HTTP_SERVER2')
 * ```
 */
export function defaultEnvName(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(words) ? `_${words}` : words;
}
