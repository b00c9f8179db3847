import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, type ConfigEntryDescription, envText, isConfigError } from '@paramkit/parameters/config';
import { CliError } from './errors.js';
import type { Entry } from './store/types.js';

/** A `defineConfig(...)` result, whatever its entries and `throwOnError`. */
export type Declaration = Config<Config['entries'], boolean>;

/** Looks up the types of SSM parameters by name (`SecureString`, ...); names it could not find are left out. */
export type SsmTypeLookup = (names: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/**
 * A declaration of any copy of `@paramkit/parameters` (the user's module may bring its own), so it is recognised by
 * its shape, not by `instanceof`.
 */
function isDeclaration(value: unknown): value is Declaration {
  const candidate = value as Partial<Record<'describe' | 'get' | 'toEnv', unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.describe === 'function' &&
    typeof candidate.get === 'function' &&
    typeof candidate.toEnv === 'function'
  );
}

/** Imports a user's module and finds its declaration: the default export, else the export named `config`. */
export async function loadDeclaration(path: string, cwd: string): Promise<Declaration> {
  const file = resolve(cwd, path);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((error as Error).name === 'SyntaxError') {
      // Not passed on as the cause: its text quotes the module's source, and the cause chain would show it as an
      // answer that could not be read. Node.js itself shows where it is.
      throw new CliError(`config module ${path} failed to load (SyntaxError): node --check ${path} shows where`);
    }
    if (code === 'ERR_MODULE_NOT_FOUND' && existsSync(file)) {
      // The module is there: what is missing is something it imports (its SDK client, @paramkit/parameters).
      const missing = /^Cannot find (?:package|module) '([^']{1,300})'/.exec((error as Error).message)?.[1];
      throw new CliError(
        `config module ${path} failed to load: it imports ${missing === undefined ? 'a module' : `'${missing}'`}, ` +
          'which cannot be found from where the module is (install it there)',
        { cause: error },
      );
    }
    // Not found needs no cause: it would only name the CLI's own file that imported it.
    if (code === 'ERR_MODULE_NOT_FOUND') throw new CliError(`config module ${path} not found`);
    throw new CliError(`config module ${path} failed to load (${(error as Error).name})`, { cause: error });
  }
  for (const candidate of [module.default, module.config]) if (isDeclaration(candidate)) return candidate;
  throw new CliError(
    `config module ${path} exports no config declaration (a default export or 'config' from defineConfig)`,
  );
}

/**
 * The declaration's values as entries, keyed by `describe().key`, named by `describe().envName` and written as
 * `toEnv()` writes them (`envText`), so `paramkit env ./config.mjs` and the function's own `toEnv()` agree. A value
 * is secret as `describe().sensitive` says; an SSM parameter it leaves open is secret when it is a `SecureString`
 * (or when its type cannot be found). Optional values that are not there are left out.
 */
export async function readDeclaration(
  declaration: Declaration,
  path: string,
  ssmTypes: SsmTypeLookup,
): Promise<Entry[]> {
  const described = declaration.describe();
  const [values, types] = await Promise.all([resolveValues(declaration, path), typesOf(described, ssmTypes)]);
  const entries: Entry[] = [];
  for (const entry of described) {
    const value = values[entry.key];
    if (value === undefined) continue;
    const type = entry.service === 'ssm' ? types.get(entry.name) : entry.service === 'secrets' ? 'secret' : undefined;
    entries.push({
      key: entry.key,
      name: entry.service === 'secrets' ? `secret:${entry.name}` : `${entry.service}:${entry.name}`,
      value: envText(value),
      ...(value instanceof Uint8Array ? { binary: true } : {}),
      secret: entry.sensitive ?? (type === undefined || type === 'SecureString'),
      envName: entry.envName,
      type,
    });
  }
  return entries;
}

async function resolveValues(declaration: Declaration, path: string): Promise<Readonly<Record<string, unknown>>> {
  try {
    return await declaration.get({ throwOnError: true });
  } catch (error) {
    // A ConfigError names every entry that failed (key, service, name, reason, error code) and never a value.
    if (isConfigError(error)) throw new CliError(`config declaration ${path}: ${error.message}`, { cause: error });
    throw new CliError(`config declaration ${path} could not be resolved (${(error as Error).name})`, {
      cause: error,
    });
  }
}

/** The types of the SSM entries whose sensitivity depends on them; a failed lookup leaves them secret. */
async function typesOf(
  described: readonly ConfigEntryDescription[],
  ssmTypes: SsmTypeLookup,
): Promise<ReadonlyMap<string, string>> {
  const names = described.filter((entry) => entry.service === 'ssm' && entry.sensitive === undefined);
  if (names.length === 0) return new Map();
  try {
    return await ssmTypes([...new Set(names.map((entry) => entry.name))]);
  } catch {
    return new Map();
  }
}
