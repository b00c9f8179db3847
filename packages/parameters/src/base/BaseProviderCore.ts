import { ENV } from '../constants.js';
import { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import { isNotFoundError } from '../engine/errorKinds.js';
import type { CacheKey } from '../engine/options.js';
import { resolveRefreshAhead } from '../engine/options.js';
import { ParameterNotFoundError } from '../errors.js';
import type {
  BaseProviderConstructorOptions,
  BaseProviderInterface,
  GetMultipleOptionsInterface,
  GetOptionsInterface,
  PrefetchRequest,
  ProviderCacheOptions,
  ProviderStats,
} from '../types/BaseProvider.js';
import { stableStringify, transformKeyPart, variantKey } from './cacheKey.js';
import { safeError } from './hiddenErrors.js';
import {
  defaultProviderOptions,
  maxAgeToMs,
  type ResolvedProviderOptions,
  rereadEnvironment,
} from './resolveProviderOptions.js';
import { assertSchema } from './schema.js';
import { type NormalizedTransform, normalizeTransform } from './transformValue.js';
import { asReadError, fetchOne, requireValue } from './valuePipeline.js';

const NO_OPTIONS: GetOptionsInterface & GetMultipleOptionsInterface = /* @__PURE__ */ Object.freeze({});
/** The kind of key of a `get` (the first character of its variant); `getMultiple` keys start otherwise. */
export const GET = 'g';

/**
 * Private members of a provider that the methods added in `BaseProvider.ts` use, filled in when the first provider
 * is made: kept out of the class's protected members, so that a subclass's own members cannot collide with them.
 */
export const providerInternals = {} as {
  /** Resolves and checks a provider's options; installed with the methods beyond `get` (`BaseProvider.ts`). */
  resolveOptions?: (options: ProviderCacheOptions) => ResolvedProviderOptions;
  /** The variant part of the cache key of a read of `kind` (`GET`, or getMultiple's kinds). */
  variant(provider: object, kind: string, name: string, options: object, transform: NormalizedTransform): string;
  /** A call's `maxAge` in ms as a hit judges it. */
  maxAgeMs(provider: object, maxAge: number | undefined): number;
  /** Ends the backoff of every read of `name` (see `CacheEngine.endBackoff`). */
  endBackoff(provider: object, name: string): void;
  /** A read that missed the cache, through the engine. */
  readThrough(
    provider: object,
    name: string,
    variant: string,
    maxAgeMs: number,
    options: { maxAge?: number; forceFetch?: boolean; refreshAhead?: number },
    cacheable: ((value: unknown) => boolean) | undefined,
    fetch: () => Promise<unknown>,
  ): Promise<unknown>;
};

/** Whether `providerInternals` is filled in (by the first provider made). */
let internalsShared = false;

/** What a stand-in for an added method throws, should one run before `withProviderMethods`: it never should. */
export function methodsNotAdded(): TypeError {
  return new TypeError(
    "This provider's methods beyond get are not loaded: import its class from its subpath (@paramkit/parameters/ssm, /secrets...)",
  );
}

/**
 * Methods of every provider that a `get` does not need, added to the class by `withProviderMethods` (in
 * `BaseProvider.ts`) so that a bundle of `getParameter` alone leaves them out. Importing a provider class (or any
 * helper but `getParameter`/`getSecret`) brings them.
 */
export interface BaseProvider {
  /**
   * Retrieves every value under a path as a record of relative name to value.
   *
   * @example
   * ```ts
   * const settings = await provider.getMultiple('/app/', { transform: 'auto' });
   * ```
   */
  getMultiple(path: string, options?: GetMultipleOptionsInterface): Promise<unknown>;
  /**
   * Starts fetching values before they are read (at module scope, so in Lambda during INIT): reads that come while
   * a fetch is in flight share it, and later ones hit the cache. Never rejects: a failure surfaces on the first read
   * that needs the value (during the backoff after a transient failure, that read fails fast with it). Give each
   * name the options its reads will use, as they are part of the cache key.
   *
   * @example
   * ```ts
   * provider.prefetch(['/app/url', { name: '/app/config', options: { transform: 'json' } }]);
   * export const handler = async () => provider.get('/app/url'); // shares the prefetch
   * ```
   */
  prefetch(requests: readonly PrefetchRequest[]): Promise<void>;
  /**
   * Stores a value under a cache key for `maxAge` seconds (nothing is stored for `0`). Keys follow Powertools:
   * `name,` is the key of `get(name)`, `name,json` and `name,binary` of `get(name, { transform })`; any other key
   * (a bare `name`, say) is stored as it is and read by no `get`, as there. Keys from `getCacheKey` work too.
   *
   * @example
   * ```ts
   * provider.addToCache('/app/url,', 'https://example.com', 60); // read by get('/app/url')
   * ```
   */
  addToCache(key: string, value: unknown, maxAge: number): void;
  /**
   * Whether a key (as given to `addToCache`) has no value younger than the `maxAge` it was stored with.
   *
   * @example
   * ```ts
   * if (provider.hasKeyExpiredInCache('/app/url,')) console.log('the next get of /app/url will fetch');
   * ```
   */
  hasKeyExpiredInCache(key: string): boolean;
}

/**
 * The base of every provider. A provider implements `_get` (one value) and `_getMultiple` (values under a path);
 * this class holds the Powertools API and the value pipeline (transforms, schemas, error wrapping) on top of the
 * cache engine (`@paramkit/parameters/engine`), which owns entries, coalescing and the freshness policies.
 *
 * @example
 * ```ts
 * import { BaseProvider } from '@paramkit/parameters/base';
 *
 * class EnvProvider extends BaseProvider {
 *   constructor() { super({}); }
 *   protected async _get(name: string) { return process.env[name]; }
 *   protected async _getMultiple() { return {}; }
 * }
 * const port = await new EnvProvider().get('PORT', { maxAge: 60 });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the methods `withProviderMethods` adds
export abstract class BaseProvider implements BaseProviderInterface {
  /**
   * Fills in `providerInternals`, once.
   * Done on the first construction rather than in a static block: a bundler must keep a static block, and with it
   * this class and everything under it, in any bundle of the package's shared module (one that imports only an
   * error class, say).
   */
  static #shareInternals(): void {
    internalsShared = true;
    Object.defineProperty(BaseProvider.prototype, 'client', {
      configurable: true,
      get(this: BaseProvider): unknown {
        if (this.#client === undefined && this.#createClient) this.#client = this.#createClient();
        return this.#client;
      },
      set(this: BaseProvider, client: unknown) {
        this.#client = client;
      },
    });
    providerInternals.variant = (provider, kind, name, options, transform) =>
      (provider as BaseProvider).#variant(kind, name, options, transform);
    providerInternals.maxAgeMs = (provider, maxAge) => (provider as BaseProvider).#maxAgeMs(maxAge);
    providerInternals.endBackoff = (provider, name) => (provider as BaseProvider).#engine.endBackoff(name);
    providerInternals.readThrough = (provider, name, variant, maxAgeMs, options, cacheable, fetch) =>
      (provider as BaseProvider).#readThrough(name, variant, maxAgeMs, options, cacheable, fetch);
  }

  #client: unknown;
  readonly #createClient: (() => unknown) | undefined;
  #resolved: ResolvedProviderOptions;
  readonly #engine: CacheEngine;

  constructor(options: BaseProviderConstructorOptions = {}) {
    if (!internalsShared) BaseProvider.#shareInternals();
    const { awsSdkV3Client, clientConfig, awsSdkV3ClientPrototype } = options;
    if (awsSdkV3Client !== undefined && awsSdkV3Client !== null) {
      if (typeof (awsSdkV3Client as { send?: unknown }).send !== 'function') {
        throw new TypeError('awsSdkV3Client must be an AWS SDK v3 client (an object with a send method)');
      }
      this.#client = awsSdkV3Client;
    } else if (awsSdkV3ClientPrototype) {
      // Created on first use, so importing or constructing a provider costs no SDK client set-up.
      this.#createClient = () => new awsSdkV3ClientPrototype((clientConfig ?? {}) as never);
    }
    this.#resolved = (providerInternals.resolveOptions ?? defaultProviderOptions)(options);
    this.#engine = new CacheEngine(this.#resolved.engine);
  }

  /**
   * The AWS SDK client; created on first access when none was given. Declared as a property, as in Powertools, so
   * that a provider of one's own may declare `public client: MyClient` (what Powertools' docs show); the accessor
   * that creates it on first use is put on the prototype when the first provider is made.
   */
  declare protected client: unknown;

  /**
   * Retrieves one value, from the cache when it holds one younger than `maxAge`.
   *
   * @example
   * ```ts
   * const value = await provider.get('/app/feature', { maxAge: 60, transform: 'json' });
   * ```
   */
  public async get(name: string, options?: GetOptionsInterface): Promise<unknown> {
    const opts = options ?? NO_OPTIONS;
    const transform = normalizeTransform(opts.transform);
    const variant = this.#variant(GET, name, opts, transform);
    const maxAgeMs = this.#maxAgeMs(opts.maxAge);
    const forceFetch = opts.forceFetch === true;
    const hit = forceFetch ? undefined : this.#engine.hit(name, variant, maxAgeMs);
    if (hit !== undefined) return hit.value;
    const read = this.#readThrough(name, variant, maxAgeMs, opts, undefined, () =>
      fetchOne(() => this._get(name, opts), name, opts, transform),
    );
    return opts.throwOnMissing === true
      ? requireValue(read, (failure) => this.missingValueError(name, opts, failure))
      : read;
  }

  /**
   * Empties the cache and re-reads the environment (`POWERTOOLS_PARAMETERS_MAX_AGE`). Requests in flight
   * still answer their callers but no longer fill the cache.
   *
   * @example
   * ```ts
   * afterEach(() => provider.clearCache());
   * ```
   */
  public clearCache(): void {
    this.#engine.clear();
    this.#resolved = rereadEnvironment(this.#resolved);
  }

  /**
   * Counters since the provider was created: hits, misses, coalesced waits, stale values served, API calls,
   * evictions, background refreshes and their failures, reads answered during a backoff, and the entries held now.
   *
   * @example
   * ```ts
   * const { hits, misses, apiCalls } = provider.stats();
   * ```
   */
  public stats(): ProviderStats {
    return this.#engine.stats();
  }

  /** Fetches one value; `undefined` when it does not exist. */
  protected abstract _get(name: string, options?: unknown): Promise<unknown>;

  /** Fetches every value under a path, keyed by name relative to the path. */
  protected abstract _getMultiple(path: string, options?: unknown): Promise<Record<string, unknown> | undefined>;

  /**
   * What a `get` with `throwOnMissing` throws when the value is missing, applied by each read to the request it
   * shares with others (so `_get` need not look at `throwOnMissing`). `failure` is the SDK error the read failed
   * with, undefined when `_get` found no value; the answer is `undefined` when that failure means something else.
   * By default AWS's not-found of the value is a missing value, as in Powertools; a version asked for that does
   * not exist (`/a:9`) is not: its caller pinned something wrong, and Powertools reports it as a `GetParameterError`.
   */
  protected missingValueError(name: string, _options: GetOptionsInterface, failure?: unknown): Error | undefined {
    if (failure !== undefined && (!isNotFoundError(failure) || (failure as Error).name === 'ParameterVersionNotFound'))
      return undefined;
    return new ParameterNotFoundError(`Parameter ${name} not found in the store`);
  }

  /**
   * The part of the cache key for everything besides name and transform that changes the value (decryption,
   * version selectors...). The default covers every member of `sdkOptions`.
   */
  protected cacheKeyVariant(options: GetOptionsInterface | GetMultipleOptionsInterface): string {
    return options.sdkOptions === undefined ? '' : stableStringify(options.sdkOptions);
  }

  /**
   * Sends a command with the provider's client, counting it in `stats().apiCalls`. An answer the SDK could not
   * parse rejects with a stand-in that keeps the SDK error's name and `$metadata` but not its text, which quotes
   * the answer (and so, maybe, a value).
   */
  protected async send<Output>(command: unknown): Promise<Output> {
    this.#engine.countApiCalls(1);
    try {
      return await (this.client as { send(command: unknown): Promise<Output> }).send(command);
    } catch (error) {
      throw safeError(error);
    }
  }

  /** Records API calls made without `send` (for providers that call their client another way). */
  protected countApiCalls(count: number): void {
    this.#engine.countApiCalls(count);
  }

  // Protected helpers for batch reads and writes. `withProviderMethods` (BaseProvider.ts) puts the real ones in
  // place of these with the public methods above; they are methods here so that subclasses may override them.

  /** The cache key (name and variant, as data) of a `get` of `name` with these options. */
  protected cacheKeyOf(_name: string, _options?: object): CacheKey {
    throw methodsNotAdded();
  }

  /** How `get` fetches `name` with these options, for values a batch stored and refresh-ahead refreshes. */
  protected singleSource(_name: string, _options?: GetOptionsInterface): SourceRequest<unknown> {
    throw methodsNotAdded();
  }

  /** The flat cache key of a `get` of `name` with these options (variant, separator, name). */
  protected getCacheKey(_name: string, _options?: object): string {
    throw methodsNotAdded();
  }

  /** Looks up a fresh cached value under a flat `key`; counts a hit when found. */
  protected cachedValue(_key: string, _maxAge: number | undefined): { value: unknown } | undefined {
    throw methodsNotAdded();
  }

  /**
   * Stores a value fetched outside `get` (a batch call, a write) under a flat `key`; with `source` (how `get` would
   * fetch it), refresh-ahead refreshes it.
   */
  protected cacheValue(
    _key: string,
    _value: unknown,
    _maxAge: number | undefined,
    _source?: SourceRequest<unknown>,
  ): void {
    throw methodsNotAdded();
  }

  /** An expired value still inside the stale-if-error window, counted as served stale; for batch calls. */
  protected staleValue(_key: string, _maxAge: number | undefined): { value: unknown } | undefined {
    throw methodsNotAdded();
  }

  /** Counts misses that a provider resolves itself (batch calls). */
  protected countMisses(_count: number): void {
    throw methodsNotAdded();
  }

  /**
   * Forgets every cached value of `name` (all transforms and variants) and every `getMultiple` result whose path
   * holds it, after a write.
   */
  protected invalidate(_name: string): void {
    throw methodsNotAdded();
  }

  /** Applies a transform and schema to a raw value, as `get` does. */
  protected transformAndValidate(
    _raw: string | Uint8Array,
    _name: string,
    _options: GetOptionsInterface,
  ): Promise<unknown> {
    throw methodsNotAdded();
  }

  /** The cache engine under this provider, for batch reads and providers' own policies. */
  protected get engine(): CacheEngine {
    return this.#engine;
  }

  /** A `maxAge` in ms as this provider applies it to a fetch (default and jitter included). */
  protected maxAgeMsOf(maxAge: number | undefined): number {
    return maxAge === undefined ? this.#defaultMaxAgeOnMiss() : this.#maxAgeMs(maxAge);
  }

  /**
   * The default `maxAge` for a call that missed the cache. `POWERTOOLS_PARAMETERS_MAX_AGE` is read again here, on
   * the way to an AWS call, so a change to it (in a test, say) applies from the next fetch; hits never read it.
   */
  #defaultMaxAgeOnMiss(): number {
    if (process.env[ENV.maxAge] !== this.#resolved.maxAgeVariable) this.#resolved = rereadEnvironment(this.#resolved);
    if (this.#resolved.maxAgeError !== undefined) throw this.#resolved.maxAgeError;
    return this.#resolved.defaultMaxAgeMs;
  }

  /**
   * A call's `maxAge` in ms as a hit judges it, shortened by this provider's jitter factor (1 unless `maxAgeJitter`
   * is set).
   */
  #maxAgeMs(maxAge: number | undefined): number {
    return maxAge === undefined ? this.#resolved.defaultMaxAgeMs : maxAgeToMs(maxAge) * this.#resolved.lifetimeFactor;
  }

  /** The variant part of the cache key of a read of `kind` ('g' get, 'm'/'M' getMultiple); checks the name's type. */
  #variant(
    kind: string,
    name: string,
    options: GetOptionsInterface | GetMultipleOptionsInterface,
    transform: NormalizedTransform,
  ): string {
    // Only the type is checked: an empty name or path may mean something to a provider of one's own (Powertools
    // passes it through too), and AWS answers an empty one with its own validation error.
    if (typeof name !== 'string') {
      throw new TypeError(`The ${kind === GET ? 'name' : 'path'} must be a string, got ${typeof name}`);
    }
    if (options.schema !== undefined) assertSchema(options.schema);
    return variantKey(kind, transformKeyPart(transform, options.schema), this.cacheKeyVariant(options));
  }

  /**
   * A `get` or `getMultiple` that missed the cache: through the engine (coalesced, stale-aware). The call's own
   * refresh-ahead share is validated here, on the way to a fetch (hits read it from the entry).
   */
  #readThrough(
    name: string,
    variant: string,
    maxAgeMs: number,
    options: { maxAge?: number; forceFetch?: boolean; refreshAhead?: number },
    cacheable: ((value: unknown) => boolean) | undefined,
    fetch: () => Promise<unknown>,
  ): Promise<unknown> {
    const { refreshAhead } = options;
    return this.#engine
      .read({
        name,
        variant,
        maxAgeMs: options.maxAge === undefined ? this.#defaultMaxAgeOnMiss() : maxAgeMs,
        forceFetch: options.forceFetch === true,
        cacheable,
        fetch,
        ...(refreshAhead === undefined ? {} : { refreshAhead: resolveRefreshAhead(refreshAhead) }),
      })
      .catch(asReadError);
  }
}
