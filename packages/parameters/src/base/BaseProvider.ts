import type { CacheEngine } from '../engine/CacheEngine.js';
import type { SourceRequest } from '../engine/EntryStore.js';
import type { CacheKey } from '../engine/options.js';
import type { GetMultipleOptionsInterface, GetOptionsInterface, PrefetchRequest } from '../types/BaseProvider.js';
import { addMethods } from './addMethods.js';
import { BaseProvider as BaseProviderCore, GET, providerInternals } from './BaseProviderCore.js';
import { NAME_SEPARATOR } from './cacheKey.js';
import { assertPrefetchRequests } from './prefetchArguments.js';
import { maxAgeToMs, resolveProviderOptions } from './resolveProviderOptions.js';
import { assertSchema, validateWithSchema } from './schema.js';
import { normalizeTransform, transformValue } from './transformValue.js';
import { fetchMany, fetchOne } from './valuePipeline.js';

const NO_OPTIONS: GetOptionsInterface & GetMultipleOptionsInterface = /* @__PURE__ */ Object.freeze({});
const GET_MULTIPLE = 'm';
const GET_MULTIPLE_STRICT = 'M';
/** Keys given to `addToCache` that name no `get`: kept (as Powertools keeps them) under a variant nothing reads. */
const RAW_KEY = 'r';

/** An empty `getMultiple` result is not cached (as in Powertools): the path may be filled any moment. */
const nonEmpty = (value: unknown): boolean => value !== undefined && Object.keys(value as object).length > 0;

/** What the methods below use of a provider: its protected members, seen from outside the class body. */
interface ProviderInternals {
  readonly engine: CacheEngine;
  get(name: string, options?: GetOptionsInterface): Promise<unknown>;
  _get(name: string, options?: unknown): Promise<unknown>;
  _getMultiple(path: string, options?: unknown): Promise<Record<string, unknown> | undefined>;
  getCacheKey(name: string, options?: object): string;
}

/** A flat key's variant and name; the name is after the last separator, as a variant may contain one. */
function splitKey(key: string): [name: string, variant: string] {
  const at = key.lastIndexOf(NAME_SEPARATOR);
  return [key.slice(at + 1), key.slice(0, at)];
}

/** A key given to `addToCache` or `hasKeyExpiredInCache` (Powertools' `name,transform` form) as a flat key. */
function internalKey(provider: ProviderInternals, key: string): string {
  if (key.includes(NAME_SEPARATOR)) return key;
  const comma = key.lastIndexOf(',');
  const suffix = comma === -1 ? undefined : key.slice(comma + 1).toLowerCase();
  if (suffix === '' || suffix === 'json' || suffix === 'binary') {
    return provider.getCacheKey(key.slice(0, comma), suffix === '' ? NO_OPTIONS : { transform: suffix });
  }
  return RAW_KEY + NAME_SEPARATOR + key;
}

/** The methods of `BaseProvider` beyond `get` (typed and documented on the class, in `BaseProviderCore.ts`). */
const providerMethods: ThisType<ProviderInternals> & Record<string, unknown> = {
  async getMultiple(path: string, options?: GetMultipleOptionsInterface): Promise<unknown> {
    const opts = options ?? NO_OPTIONS;
    const transform = normalizeTransform(opts.transform);
    // A lenient result (failed transforms as undefined) must not answer a strict call, so the two are kept apart.
    const kind = opts.throwOnTransformError === true ? GET_MULTIPLE_STRICT : GET_MULTIPLE;
    const variant = providerInternals.variant(this, kind, path, opts, transform);
    const maxAgeMs = providerInternals.maxAgeMs(this, opts.maxAge);
    const hit = opts.forceFetch === true ? undefined : this.engine.hit(path, variant, maxAgeMs);
    if (hit !== undefined) return hit.value;
    return providerInternals.readThrough(this, path, variant, maxAgeMs, opts, nonEmpty, () =>
      fetchMany(() => this._getMultiple(path, opts), opts, transform),
    );
  },

  prefetch(requests: readonly PrefetchRequest[]): Promise<void> {
    assertPrefetchRequests(requests);
    return Promise.allSettled(
      requests.map((request) =>
        typeof request === 'string' ? this.get(request) : this.get(request.name, request.options),
      ),
    ).then(() => undefined);
  },

  addToCache(key: string, value: unknown, maxAge: number): void {
    const ttlMs = maxAgeToMs(maxAge);
    if (ttlMs <= 0) return;
    const [name, variant] = splitKey(internalKey(this, key));
    this.engine.set(name, variant, value, ttlMs);
  },

  hasKeyExpiredInCache(key: string): boolean {
    const [name, variant] = splitKey(internalKey(this, key));
    const entry = this.engine.peek(name, variant);
    return entry === undefined || this.engine.ageOf(entry) >= entry.ttlMs || this.engine.pastLifetime(name, entry);
  },

  cacheKeyOf(name: string, options: object = NO_OPTIONS): CacheKey {
    const opts = options as GetOptionsInterface;
    return { name, variant: providerInternals.variant(this, GET, name, opts, normalizeTransform(opts.transform)) };
  },

  singleSource(name: string, options: GetOptionsInterface = NO_OPTIONS): SourceRequest<unknown> {
    const transform = normalizeTransform(options.transform);
    return { fetch: () => fetchOne(() => this._get(name, options), name, options, transform) };
  },

  getCacheKey(name: string, options: object = NO_OPTIONS): string {
    const opts = options as GetOptionsInterface;
    return providerInternals.variant(this, GET, name, opts, normalizeTransform(opts.transform)) + NAME_SEPARATOR + name;
  },

  cachedValue(key: string, maxAge: number | undefined): { value: unknown } | undefined {
    const [name, variant] = splitKey(key);
    return this.engine.hit(name, variant, providerInternals.maxAgeMs(this, maxAge));
  },

  cacheValue(key: string, value: unknown, maxAge: number | undefined, source?: SourceRequest<unknown>): void {
    const [name, variant] = splitKey(key);
    this.engine.set(name, variant, value, providerInternals.maxAgeMs(this, maxAge), source);
  },

  staleValue(key: string, maxAge: number | undefined): { value: unknown } | undefined {
    const [name, variant] = splitKey(key);
    return this.engine.stale(name, variant, providerInternals.maxAgeMs(this, maxAge));
  },

  countMisses(count: number): void {
    this.engine.countMisses(count);
  },

  invalidate(name: string): void {
    // Every entry of the name goes, and the getMultiple listings of paths that hold it.
    this.engine.invalidate(
      name,
      (keyName, variant) => variant[0] !== GET && variant !== RAW_KEY && name.startsWith(keyName),
    );
  },

  async transformAndValidate(raw: string | Uint8Array, name: string, options: GetOptionsInterface): Promise<unknown> {
    const transform = normalizeTransform(options.transform);
    const value = transform === undefined ? raw : transformValue(raw, transform, name);
    if (options.schema === undefined) return value;
    assertSchema(options.schema);
    return validateWithSchema(options.schema, value, name);
  },
};

/**
 * Completes `BaseProvider` with every method beyond `get` and the checks of its options (once; the class is
 * returned either way).
 */
function withProviderMethods(core: typeof BaseProviderCore): typeof BaseProviderCore {
  providerInternals.resolveOptions = resolveProviderOptions;
  return addMethods(core, providerMethods);
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
export const BaseProvider: typeof BaseProviderCore = /* @__PURE__ */ withProviderMethods(BaseProviderCore);
export type BaseProvider = BaseProviderCore;
