import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './errors.js';
import type { Entry } from './store/types.js';

/** One entry of a config declaration's `describe()`, as `@paramkit/parameters/config` defines it (see `ConfigDeclaration`). */
export interface DeclaredEntry {
  readonly key: string;
  readonly service: 'ssm' | 'secrets' | 'appconfig' | 'dynamodb';
  readonly name: string;
  readonly optional: boolean;
  readonly envName: string;
}

/**
 * The part of a `defineConfig(...)` result the CLI uses: what it declares and its resolved values by key. Written
 * against the contract of `@paramkit/parameters/config`, so that any object with this shape works.
 *
 * @example
 * ```ts
 * export const config: ConfigDeclaration = {
 *   describe: () => [{ key: 'dbUrl', service: 'ssm', name: '/app/db/url', optional: false, envName: 'DB_URL' }],
 *   get: async () => ({ dbUrl: 'postgres://db' }),
 * };
 * ```
 */
export interface ConfigDeclaration {
  describe(): ReadonlyArray<DeclaredEntry>;
  get(): Promise<Readonly<Record<string, unknown>>> | Readonly<Record<string, unknown>>;
}

function isDeclaration(value: unknown): value is ConfigDeclaration {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ConfigDeclaration).describe === 'function' &&
    typeof (value as ConfigDeclaration).get === 'function'
  );
}

/** Imports a user's module and finds its declaration: the default export, else the export named `config`. */
export async function loadDeclaration(path: string, cwd: string): Promise<ConfigDeclaration> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(cwd, path)).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_MODULE_NOT_FOUND' ? 'not found' : `failed to load (${(error as Error).name})`;
    throw new CliError(`config module ${path} ${reason}`, { cause: error });
  }
  for (const candidate of [module.default, module.config]) if (isDeclaration(candidate)) return candidate;
  throw new CliError(
    `config module ${path} exports no config declaration (a default export or 'config' from defineConfig)`,
  );
}

/**
 * The declaration's resolved values as entries. Every declared value counts as secret (a declaration does not say
 * which parameters are SecureStrings). Optional values that resolved to nothing are left out.
 */
export async function readDeclaration(declaration: ConfigDeclaration, path: string): Promise<Entry[]> {
  let values: Readonly<Record<string, unknown>>;
  try {
    values = await declaration.get();
  } catch (error) {
    throw new CliError(`config declaration ${path} could not be resolved (${(error as Error).name})`, {
      cause: error,
    });
  }
  const entries: Entry[] = [];
  for (const declared of declaration.describe()) {
    const value = values[declared.key];
    if (value === undefined || value === null) continue;
    entries.push({
      key: declared.key,
      name: declared.service === 'secrets' ? `secret:${declared.name}` : `${declared.service}:${declared.name}`,
      value: textOf(value),
      secret: true,
      envName: declared.envName,
    });
  }
  return entries;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value);
}
