import { addMethods } from '../base/addMethods.js';
import { BaseProvider } from '../base/BaseProvider.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import type { CacheKey } from '../engine/options.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type {
  SecretsGetSecretsByNameEntryOptions,
  SecretsGetSecretsByNameOptions,
  SecretsSetOptions,
} from '../types/SecretsProvider.js';
import {
  copyBytes,
  notImplemented,
  SecretsProvider as SecretsProviderCore,
  secretsInternals,
} from './SecretsProviderCore.js';
import { getSecretsByNameBatched, type SecretsBatchHooks } from './secretsByName.js';
import type { SecretReader, WithSecretOptions } from './withSecret.js';
import type { SendCommand } from './writeSecret.js';

/** What the methods below use of a `SecretsProvider`: its protected members, seen from outside the class body. */
interface SecretsInternals extends SecretReader {
  readonly engine: CacheEngine;
  send<Output>(command: unknown): Promise<Output>;
  cacheKeyOf(name: string, options?: object): CacheKey;
  maxAgeMsOf(maxAge: number | undefined): number;
  transformAndValidate(raw: string | Uint8Array, name: string, options: GetOptionsInterface): Promise<unknown>;
  singleSource(name: string, options?: GetOptionsInterface): SourceRequest<unknown>;
  getSecretsByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: SecretsGetSecretsByNameOptions,
  ): Promise<unknown>;
  getCacheKey(name: string, options?: object): string;
  cacheValue(key: string, value: unknown, maxAge: number | undefined): void;
  invalidate(name: string): void;
}

/**
 * `SecretsProvider`'s methods beyond `get` (typed and documented on the class, in `SecretsProviderCore.ts`). The
 * writes and `withSecret` import what they run on first use, so that importing the package loads fewer modules.
 */
const secretsMethods: ThisType<SecretsInternals> & Record<string, unknown> = {
  async getMultiple(path: string): Promise<void> {
    throw notImplemented(path);
  },

  getSecretsByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: SecretsGetSecretsByNameOptions,
  ): Promise<unknown> {
    // Imported up front, unlike the writes: a batch must be in flight as the call returns (see prefetchByName).
    const hooks: SecretsBatchHooks = {
      engine: this.engine,
      send: (command) => this.send(command),
      keyFor: (id, opts) => this.cacheKeyOf(id, opts),
      maxAgeMs: (maxAge) => this.maxAgeMsOf(maxAge),
      transform: (raw, id, opts) => this.transformAndValidate(raw, id, opts),
      sourceOf: (id, opts) => this.singleSource(id, opts),
    };
    const read = getSecretsByNameBatched(hooks, secrets, options);
    const rotation = secretsInternals.rotation(this);
    if (rotation === undefined) return read;
    // Only the ids whose rotation schedule is unknown or due for a check wait (and call DescribeSecret).
    const scheduled = Object.keys(secrets ?? {})
      .map((id) => rotation.apply(id))
      .filter((pending) => pending !== undefined);
    return scheduled.length === 0 ? read : Promise.all([read, ...scheduled]).then(([values]) => values);
  },

  async withSecret(name: string, use: (secret: never) => unknown, options: WithSecretOptions): Promise<unknown> {
    const { runWithSecret } = await import('./withSecret.js');
    return runWithSecret(this, name, use, options);
  },

  async prefetchByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: Omit<SecretsGetSecretsByNameOptions, 'throwOnError'>,
  ): Promise<void> {
    await this.getSecretsByName(secrets, { ...options, throwOnError: false }).catch(() => undefined);
  },

  async set(name: string, options: SecretsSetOptions): Promise<string> {
    const { writeSecret } = await import('./writeSecret.js');
    const written = await writeSecret(this.send.bind(this) as SendCommand, name, options);
    for (const alias of new Set([name, ...written.aliases])) this.invalidate(alias);
    if (written.current) this.cacheValue(this.getCacheKey(name), copyBytes(options.value), undefined);
    return written.versionId;
  },
};

/** Completes `SecretsProvider` (on the complete `BaseProvider`) with every method beyond `get`. */
function withSecretsMethods(core: typeof SecretsProviderCore, base: typeof BaseProvider): typeof SecretsProviderCore {
  if (!(core.prototype instanceof base)) throw new TypeError('SecretsProvider must extend BaseProvider');
  return addMethods(core, secretsMethods);
}

/**
 * Reads and writes AWS Secrets Manager secrets, with the cache of `BaseProvider`. `SecretString` values come back
 * as text and `SecretBinary` values as bytes (`Uint8Array`).
 *
 * @example
 * ```ts
 * import { SecretsProvider } from '@paramkit/parameters/secrets';
 *
 * const secrets = new SecretsProvider({ clientConfig: { region: 'eu-west-1' } });
 * const db = await secrets.get('prod/db', { transform: 'json', maxAge: 300 });
 * ```
 */
export const SecretsProvider: typeof SecretsProviderCore = /* @__PURE__ */ withSecretsMethods(
  SecretsProviderCore,
  BaseProvider,
);
export type SecretsProvider = SecretsProviderCore;
