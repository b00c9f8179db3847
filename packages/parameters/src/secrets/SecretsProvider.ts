import { addMethods } from '../base/addMethods.js';
import { BaseProvider } from '../base/BaseProvider.js';
import { assertPrefetchRecord } from '../base/prefetchArguments.js';
import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import type { CacheKey } from '../engine/options.js';
import type { GetOptionsInterface } from '../types/BaseProvider.js';
import type {
  SecretsGetSecretsByNameEntryOptions,
  SecretsGetSecretsByNameOptions,
  SecretsSetOptions,
} from '../types/SecretsProvider.js';
import { RotationSchedule } from './rotationSchedule.js';
import {
  copyBytes,
  notImplemented,
  SecretsProvider as SecretsProviderCore,
  secretsInternals,
} from './SecretsProviderCore.js';
import { getSecretsByNameBatched, type SecretsBatchHooks } from './secretsByName.js';
import { runWithSecret, type SecretReader, type WithSecretOptions } from './withSecret.js';
import { type SendCommand, writeSecret } from './writeSecret.js';

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
  cacheValue(key: string, value: unknown, maxAge: number | undefined, source?: SourceRequest<unknown>): void;
  invalidate(name: string): void;
}

/**
 * `SecretsProvider`'s methods beyond `get` (typed and documented on the class, in `SecretsProviderCore.ts`). What
 * they run is imported up front: a module loaded on first use would be an `import()` in the CommonJS build too,
 * which Jest's `vm` context refuses.
 */
const secretsMethods: ThisType<SecretsInternals> & Record<string, unknown> = {
  async getMultiple(path: string): Promise<void> {
    throw notImplemented(path);
  },

  getSecretsByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: SecretsGetSecretsByNameOptions,
  ): Promise<unknown> {
    // A batch must be in flight as the call returns, for the reads that follow a prefetch to join it.
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
    return runWithSecret(this, name, use, options);
  },

  prefetchByName(
    secrets: Record<string, SecretsGetSecretsByNameEntryOptions>,
    options?: Omit<SecretsGetSecretsByNameOptions, 'throwOnError'>,
  ): Promise<void> {
    assertPrefetchRecord(secrets, 'prefetchByName');
    return this.getSecretsByName(secrets, { ...options, throwOnError: false }).then(
      () => undefined,
      () => undefined,
    );
  },

  async set(name: string, options: SecretsSetOptions): Promise<string> {
    const written = await writeSecret(this.send.bind(this) as SendCommand, name, options);
    for (const alias of new Set([name, ...written.aliases])) this.invalidate(alias);
    // Cached as a plain get would fetch it, so that refresh-ahead keeps it fresh as it does a read value.
    if (written.current) {
      this.cacheValue(this.getCacheKey(name), copyBytes(options.value), undefined, this.singleSource(name));
    }
    return written.versionId;
  },
};

/** Completes `SecretsProvider` (on the complete `BaseProvider`) with every method beyond `get`. */
function withSecretsMethods(core: typeof SecretsProviderCore, base: typeof BaseProvider): typeof SecretsProviderCore {
  if (!(core.prototype instanceof base)) throw new TypeError('SecretsProvider must extend BaseProvider');
  secretsInternals.schedule = (engine, send) => new RotationSchedule(engine, send as RotationSchedule['send']);
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
