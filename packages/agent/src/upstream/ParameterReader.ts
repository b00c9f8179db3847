import {
  GetParameterCommand,
  type GetParameterCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  type Parameter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { UpstreamOptions } from './options.js';
import { UpstreamReader } from './UpstreamReader.js';

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
export class ParameterReader extends UpstreamReader<ParameterOutput, SSMClient> {
  constructor(options: UpstreamOptions<SSMClient>) {
    super(SERVICE, options);
  }

  /** The cached `GetParameter` output when it is fresh (counted as a hit), else `undefined`; never fetches. */
  cached(name: string, decrypt: boolean): GetParameterCommandOutput | undefined {
    return this.hit(name, GET_VARIANTS[decrypt ? 1 : 0]) as GetParameterCommandOutput | undefined;
  }

  /**
   * The `GetParameter` output for a name (which may end in a `:version` or `:label` selector), from the cache
   * when fresh; `refresh` skips the cache and stores anew.
   */
  read(name: string, decrypt: boolean, refresh: boolean): Promise<GetParameterCommandOutput> {
    return this.readThrough({
      name,
      variant: GET_VARIANTS[decrypt ? 1 : 0],
      refresh,
      fetch: () =>
        this.send<GetParameterCommandOutput>(
          new GetParameterCommand({ Name: name, WithDecryption: decrypt }),
          this.deadline(),
        ),
    }) as Promise<GetParameterCommandOutput>;
  }

  /** The cached parameters under a path when they are fresh (counted as a hit), else `undefined`; never fetches. */
  cachedPath(path: string, recursive: boolean, decrypt: boolean): Record<string, Parameter> | undefined {
    return this.hit(path, PATH_VARIANTS[decrypt ? 1 : 0][recursive ? 1 : 0]) as Record<string, Parameter> | undefined;
  }

  /**
   * Every parameter under a path (all pages), keyed by full name; cached per path, recursion and decryption. An
   * empty result is not cached.
   */
  readPath(path: string, recursive: boolean, decrypt: boolean, refresh: boolean): Promise<Record<string, Parameter>> {
    return this.readThrough({
      name: path,
      variant: PATH_VARIANTS[decrypt ? 1 : 0][recursive ? 1 : 0],
      refresh,
      cacheable: nonEmpty,
      fetch: () => this.#byPath(path, recursive, decrypt),
    }) as Promise<Record<string, Parameter>>;
  }

  async #byPath(path: string, recursive: boolean, decrypt: boolean): Promise<Record<string, Parameter>> {
    // One deadline for the whole read, however many pages it takes.
    const signal = this.deadline();
    // No prototype: a parameter may be named `__proto__`.
    const parameters: Record<string, Parameter> = Object.create(null);
    let nextToken: string | undefined;
    do {
      const page = await this.send<GetParametersByPathCommandOutput>(
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
