import type { Transform } from '../constants.js';
import type { EngineStats } from '../engine/CacheEngine.js';
import type { BackoffOptions } from '../engine/options.js';
import type { JSONValue } from './json.js';
import type { StandardSchemaV1 } from './standardSchema.js';

/** `'json'`, `'binary'` or `'auto'`. */
export type TransformOptions = (typeof Transform)[keyof typeof Transform];

/**
 * A transform of your own: receives the raw value (text, or bytes for binary secrets) and the parameter's name.
 * Its return value is what `get` returns and caches.
 */
export type TransformFunction<Output = unknown> = {
  // Method syntax, so that a function taking only what the provider gives (`(value: string) => ...` for SSM) fits:
  // a method's parameters are checked both ways, a function type's only one way.
  transform(value: string | Uint8Array, name: string): Output;
}['transform'];

/** Options every provider's constructor takes besides its SDK client. */
export interface ProviderCacheOptions {
  /** Most entries the cache holds; the least recently used goes first. @default 1000 */
  maxEntries?: number;
  /**
   * How long past its `maxAge` a value is still served when a refresh fails with a transient error
   * (throttling, 5xx, timeout, network), in seconds. `0` turns it off. @default 300
   */
  staleIfErrorSeconds?: number;
  /**
   * Shortens this provider's cache lifetimes by a random share up to this fraction (0 to 1), drawn once per
   * provider, so that containers started together (a deployment, a scale-out) do not all refresh at the same
   * moment. A value is never older than its `maxAge`. @default 0
   */
  maxAgeJitter?: number;
  /**
   * Share of `maxAge` (between 0 and 1, e.g. `0.8`) after which a cache hit starts one background refresh and
   * still returns the cached value at once, so that readers never wait for an expiry. Off by default.
   */
  refreshAhead?: number;
  /**
   * How long a read that has an expired value to fall back on waits for its refresh before it gets that value (the
   * refresh goes on in the background), in ms. `Infinity` always waits. @default 250
   */
  staleAnswerMs?: number;
  /**
   * After a transient failure of a key's fetch, reads are answered (stale value, or the last error) without calling
   * AWS until the n-th failure's wait `min(capMs, baseMs · factor^(n−1) · (1 + jitter · random))` is over; `false`
   * calls on every read. @default { baseMs: 1000, factor: 2, capMs: 60000, jitter: 0.5 }
   */
  backoff?: BackoffOptions | false;
  /** Clock in milliseconds, for tests. @default Date.now */
  now?: () => number;
  /** Random source in [0, 1) for `maxAgeJitter` and the backoff's jitter, for tests. @default Math.random */
  random?: () => number;
}

/** Constructor options of `BaseProvider`. */
export interface BaseProviderConstructorOptions extends ProviderCacheOptions {
  /** An AWS SDK v3 client to use as it is. */
  awsSdkV3Client?: unknown;
  /** Configuration for the client the provider creates on first use. */
  clientConfig?: unknown;
  /** The SDK client class the provider creates when no client is given. */
  awsSdkV3ClientPrototype?: new (
    config: never,
  ) => unknown;
}

/** The output type, or that type `| undefined` unless the options say `throwOnMissing: true`. */
export type GetMaybeUndefined<Output, InferredFromOptionsType> = InferredFromOptionsType extends {
  throwOnMissing: true;
}
  ? Output
  : Output | undefined;

/** A value to fetch ahead of the first read: a name, or a name with the options its reads will use. */
export type PrefetchRequest<Options = GetOptionsInterface> = string | { name: string; options?: Options };

/** Options of every `get`. */
export interface GetOptionsInterface {
  /** Seconds a cached value stays fresh; `0` skips the cache. @default 5 (or `POWERTOOLS_PARAMETERS_MAX_AGE`) */
  maxAge?: number;
  /** Skip the cache and fetch a new value (which is then cached). @default false */
  forceFetch?: boolean;
  /** Extra input for the AWS SDK command. Members that select a value are part of the cache key. */
  sdkOptions?: unknown;
  /** `'json'`, `'binary'` or a function of your own. */
  transform?: Exclude<TransformOptions, 'auto'> | TransformFunction;
  /** Throw `ParameterNotFoundError` instead of returning `undefined` when the value does not exist. */
  throwOnMissing?: boolean;
  /** A Standard Schema validator (zod, valibot, arktype, ...) run after the transform; its output is returned. */
  schema?: StandardSchemaV1;
  /** This value's refresh-ahead share of `maxAge` (between 0 and 1), overriding the provider's. */
  refreshAhead?: number;
}

/** Options of every `getMultiple`. */
export interface GetMultipleOptionsInterface extends Omit<GetOptionsInterface, 'transform'> {
  /** `'json'`, `'binary'`, `'auto'` (by the `.json` / `.binary` suffix of each name) or a function. */
  transform?: TransformOptions | TransformFunction;
  /** Throw when a value fails its transform; when false, that value is `undefined`. @default false */
  throwOnTransformError?: boolean;
}

/** A cached value and when it stops being fresh (Powertools' shape). */
export interface ExpirableValueInterface {
  value: unknown;
  ttl: number;
}

/** What every provider offers. */
export interface BaseProviderInterface {
  get(name: string, options?: GetOptionsInterface): Promise<unknown>;
  getMultiple(path: string, options?: GetMultipleOptionsInterface): Promise<unknown>;
  clearCache?(): void;
}

/**
 * Counters of a provider since it was created; `clearCache` empties the cache but keeps the counts. The engine's
 * counters, one for one: hits, misses, coalesced misses, stale answers, API calls, evictions, background refreshes
 * and their failures, reads answered during a backoff, and the entries held now.
 *
 * @example
 * ```ts
 * const { hits, misses, apiCalls }: ProviderStats = provider.stats();
 * ```
 */
export interface ProviderStats extends EngineStats {}

/**
 * The type a value has after the options' schema or transform: the schema's output, the function's return type, a
 * JSON value for `json` (and `auto`), text for `binary`, and `Untransformed` when there is neither. Each provider
 * names its own untransformed type (`string` for SSM, `Uint8Array` for AppConfig...).
 *
 * @example
 * ```ts
 * type Parsed = ValueFromOptions<{ transform: 'json' }, string>; // JSONValue
 * ```
 */
export type ValueFromOptions<Options, Untransformed> = Options extends {
  schema: infer Schema extends StandardSchemaV1;
}
  ? StandardSchemaV1.InferOutput<Schema>
  : Options extends { transform: infer Transform }
    ? ValueFromTransform<Transform, Untransformed>
    : Untransformed;

/**
 * The type a transform gives, for each member of a union of transforms: `{ transform: 'json' | 'binary' }` may give
 * a JSON value or a string, so it is typed as either.
 */
type ValueFromTransform<Transform, Untransformed> =
  Transform extends TransformFunction<infer Output>
    ? Output
    : Transform extends 'json' | 'auto'
      ? JSONValue
      : Transform extends 'binary'
        ? string
        : Untransformed;

/**
 * What a `get` returns before `| undefined`: the explicit type argument when one is given, else the type the
 * inferred options imply, else `Untransformed`.
 *
 * @example
 * ```ts
 * type Value = OutputFromOptions<string, undefined, { transform: 'json' }>; // JSONValue
 * ```
 */
export type OutputFromOptions<
  Untransformed,
  ExplicitUserProvidedType = undefined,
  InferredFromOptionsType = undefined,
> = undefined extends ExplicitUserProvidedType
  ? undefined extends InferredFromOptionsType
    ? Untransformed
    : ValueFromOptions<InferredFromOptionsType, Untransformed>
  : ExplicitUserProvidedType;
export type { TypedGet, TypedGetMultiple } from './TypedProvider.js';
