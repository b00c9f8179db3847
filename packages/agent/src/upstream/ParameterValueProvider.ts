import {
  GetParameterCommand,
  type GetParameterCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  type Parameter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { BaseProvider, type GetMultipleOptionsInterface, type GetOptionsInterface } from '@paramkit/parameters/base';
import { deadlineSignal, UpstreamChannel } from './deadline.js';
import type { UpstreamOptions } from './options.js';
import { ConnectionPool } from './pool.js';

const SERVICE = 'SSM Parameter Store';

/** How parameters are read; `variant` is its part of the cache key. */
interface ReadMode {
  readonly WithDecryption: boolean;
  readonly Recursive: boolean;
  readonly variant: string;
}

const mode = (decrypt: boolean, recursive: boolean): ReadMode =>
  Object.freeze({
    WithDecryption: decrypt,
    Recursive: recursive,
    variant: `${decrypt ? 'd' : ''}${recursive ? 'r' : ''}`,
  });

/** The four read modes, indexed `[decrypt][recursive]`, made once. */
const MODES = [
  [mode(false, false), mode(false, true)],
  [mode(true, false), mode(true, true)],
] as const;

/**
 * SSM Parameter Store behind the agent: `GetParameter` outputs cached whole by paramkit's `BaseProvider` (bounded
 * LRU, coalesced misses, stale-if-error), and `GetParametersByPath` results (every page) cached per path.
 *
 * @example
 * ```ts
 * const ssm = new ParameterValueProvider({ client, cacheSize: 1000, ttlSeconds: 300, timeoutMs: 0, staleIfErrorSeconds: 300 });
 * const { Parameter } = await ssm.read('/app/db:3', true, false);
 * ```
 */
export class ParameterValueProvider extends BaseProvider {
  readonly #channel: UpstreamChannel;
  readonly #ttl: number;
  readonly #timeoutMs: number;
  /** Options objects of `read`, made once: `[decrypt][refresh]`. */
  readonly #readOptions: readonly (readonly GetOptionsInterface[])[];

  constructor(options: UpstreamOptions<SSMClient>) {
    super({
      awsSdkV3Client: options.client,
      maxEntries: options.cacheSize,
      staleIfErrorSeconds: options.staleIfErrorSeconds,
      ...(options.now ? { now: options.now } : {}),
    });
    this.#channel = new UpstreamChannel({
      client: options.client,
      service: SERVICE,
      timeoutMs: options.timeoutMs,
      pool: options.pool ?? new ConnectionPool(SERVICE, 3, 800),
      endpoint: options.endpoint,
    });
    this.#ttl = options.ttlSeconds;
    this.#timeoutMs = options.timeoutMs;
    this.#readOptions = MODES.map(([plain]) =>
      [false, true].map((forceFetch) => Object.freeze({ maxAge: this.#ttl, sdkOptions: plain, forceFetch })),
    );
  }

  /** The cached `GetParameter` output when it is fresh (counted as a hit), else `undefined`; never fetches. */
  cached(name: string, decrypt: boolean): GetParameterCommandOutput | undefined {
    const options = this.#readOptions[decrypt ? 1 : 0]?.[0] as GetOptionsInterface;
    return this.cachedValue(this.getCacheKey(name, options), this.#ttl)?.value as GetParameterCommandOutput | undefined;
  }

  /**
   * The `GetParameter` output for a name (which may end in a `:version` or `:label` selector), from the cache
   * when fresh; `refresh` skips the cache.
   */
  read(name: string, decrypt: boolean, refresh: boolean): Promise<GetParameterCommandOutput> {
    const options = this.#readOptions[decrypt ? 1 : 0]?.[refresh ? 1 : 0];
    return this.get(name, options) as Promise<GetParameterCommandOutput>;
  }

  /** Every parameter under a path (all pages), keyed by full name; cached per path, recursion and decryption. */
  readPath(path: string, recursive: boolean, decrypt: boolean, refresh: boolean): Promise<Record<string, Parameter>> {
    const options: GetMultipleOptionsInterface = {
      maxAge: this.#ttl,
      sdkOptions: MODES[decrypt ? 1 : 0][recursive ? 1 : 0],
      forceFetch: refresh,
    };
    return this.getMultiple(path, options) as Promise<Record<string, Parameter>>;
  }

  protected override async _get(name: string, options?: GetOptionsInterface): Promise<GetParameterCommandOutput> {
    const { WithDecryption } = (options?.sdkOptions as ReadMode | undefined) ?? MODES[0][0];
    this.countApiCalls(1);
    const command = new GetParameterCommand({ Name: name, WithDecryption });
    return this.#channel.send(command, deadlineSignal(this.#timeoutMs));
  }

  protected override async _getMultiple(
    path: string,
    options?: GetMultipleOptionsInterface,
  ): Promise<Record<string, Parameter>> {
    const { WithDecryption, Recursive } = (options?.sdkOptions as ReadMode | undefined) ?? MODES[0][0];
    // One deadline for the whole read, however many pages it takes.
    const signal = deadlineSignal(this.#timeoutMs);
    const parameters: Record<string, Parameter> = {};
    let nextToken: string | undefined;
    do {
      this.countApiCalls(1);
      const page = await this.#channel.send<GetParametersByPathCommandOutput>(
        new GetParametersByPathCommand({ Path: path, Recursive, WithDecryption, NextToken: nextToken }),
        signal,
      );
      for (const parameter of page.Parameters ?? []) parameters[parameter.Name ?? ''] = parameter;
      nextToken = page.NextToken;
    } while (nextToken);
    return parameters;
  }

  protected override cacheKeyVariant(options: GetOptionsInterface | GetMultipleOptionsInterface): string {
    return (options.sdkOptions as ReadMode | undefined)?.variant ?? '';
  }
}
