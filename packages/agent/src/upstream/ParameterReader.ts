import {
  GetParameterCommand,
  type GetParameterCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  type Parameter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { CacheEngine, EngineStats } from '@paramkit/parameters/engine';
import { deadlineSignal, UpstreamChannel } from './deadline.js';
import { engineFor, type UpstreamOptions } from './options.js';
import { ConnectionPool } from './pool.js';

const SERVICE = 'SSM Parameter Store';

/** A cached parameter read: one `GetParameter` output, or every parameter under a path by full name. */
export type ParameterOutput = GetParameterCommandOutput | Record<string, Parameter>;

/** Variants of the cache key, `[decrypt ? 1 : 0]`: a single read and a path read of one name are apart. */
const GET_VARIANTS = ['get', 'get+decrypt'] as const;
/** `[decrypt ? 1 : 0][recursive ? 1 : 0]`. */
const PATH_VARIANTS = [
  ['path', 'path+recursive'],
  ['path+decrypt', 'path+recursive+decrypt'],
] as const;

const nonEmpty = (value: ParameterOutput) => Object.keys(value).length > 0;

/**
 * SSM Parameter Store behind the agent, on paramkit's cache engine: `GetParameter` outputs cached whole per name
 * (selector included) and decryption, and `GetParametersByPath` results (every page) per path, recursion and
 * decryption; coalesced, refreshed ahead of expiry, served stale on transient failures and backed off.
 *
 * @example
 * ```ts
 * const ssm = new ParameterReader({ client, cacheSize: 1000, ttlSeconds: 300, timeoutMs: 0, staleIfErrorSeconds: 300 });
 * const { Parameter } = ssm.cached('/app/db:3', true) ?? (await ssm.read('/app/db:3', true, false));
 * ```
 */
export class ParameterReader {
  readonly engine: CacheEngine<ParameterOutput>;
  readonly #channel: UpstreamChannel;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;

  constructor(options: UpstreamOptions<SSMClient>) {
    this.engine = engineFor<ParameterOutput>(options);
    this.#channel = new UpstreamChannel({
      client: options.client,
      service: SERVICE,
      timeoutMs: options.timeoutMs,
      pool: options.pool ?? new ConnectionPool(SERVICE, 3, 800),
      endpoint: options.endpoint,
      onCall: () => this.engine.countApiCalls(1),
    });
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#timeoutMs = options.timeoutMs;
  }

  /** The cached `GetParameter` output when it is fresh (counted as a hit), else `undefined`; never fetches. */
  cached(name: string, decrypt: boolean): GetParameterCommandOutput | undefined {
    return this.engine.hit(name, GET_VARIANTS[decrypt ? 1 : 0], this.#ttlMs)?.value as
      | GetParameterCommandOutput
      | undefined;
  }

  /**
   * The `GetParameter` output for a name (which may end in a `:version` or `:label` selector), from the cache
   * when fresh; `refresh` skips the cache and stores anew.
   */
  read(name: string, decrypt: boolean, refresh: boolean): Promise<GetParameterCommandOutput> {
    const variant = GET_VARIANTS[decrypt ? 1 : 0];
    const hit = refresh ? undefined : this.engine.hit(name, variant, this.#ttlMs);
    if (hit !== undefined) return Promise.resolve(hit.value as GetParameterCommandOutput);
    return this.engine.read({
      name,
      variant,
      maxAgeMs: this.#ttlMs,
      forceFetch: refresh,
      fetch: () =>
        this.#channel.send<GetParameterCommandOutput>(
          new GetParameterCommand({ Name: name, WithDecryption: decrypt }),
          deadlineSignal(this.#timeoutMs),
        ),
    }) as Promise<GetParameterCommandOutput>;
  }

  /**
   * Every parameter under a path (all pages), keyed by full name; cached per path, recursion and decryption. An
   * empty result is not cached.
   */
  readPath(path: string, recursive: boolean, decrypt: boolean, refresh: boolean): Promise<Record<string, Parameter>> {
    const variant = PATH_VARIANTS[decrypt ? 1 : 0][recursive ? 1 : 0];
    const hit = refresh ? undefined : this.engine.hit(path, variant, this.#ttlMs);
    if (hit !== undefined) return Promise.resolve(hit.value as Record<string, Parameter>);
    return this.engine.read({
      name: path,
      variant,
      maxAgeMs: this.#ttlMs,
      forceFetch: refresh,
      cacheable: nonEmpty,
      fetch: () => this.#byPath(path, recursive, decrypt),
    }) as Promise<Record<string, Parameter>>;
  }

  /** Counters of the cache and of the calls. */
  stats(): EngineStats {
    return this.engine.stats();
  }

  /** Empties the cache (counters stay). */
  clearCache(): void {
    this.engine.clear();
  }

  async #byPath(path: string, recursive: boolean, decrypt: boolean): Promise<Record<string, Parameter>> {
    // One deadline for the whole read, however many pages it takes.
    const signal = deadlineSignal(this.#timeoutMs);
    // No prototype: a parameter may be named `__proto__`.
    const parameters: Record<string, Parameter> = Object.create(null);
    let nextToken: string | undefined;
    do {
      const page = await this.#channel.send<GetParametersByPathCommandOutput>(
        new GetParametersByPathCommand({
          Path: path,
          Recursive: recursive,
          WithDecryption: decrypt,
          NextToken: nextToken,
        }),
        signal,
      );
      for (const parameter of page.Parameters ?? []) parameters[parameter.Name ?? ''] = parameter;
      nextToken = page.NextToken;
    } while (nextToken);
    return parameters;
  }
}
