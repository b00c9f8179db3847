import {
  BatchGetSecretValueCommand,
  type BatchGetSecretValueCommandOutput,
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import { BaseProvider, type GetOptionsInterface } from '@paramkit/parameters/base';
import { deadlineSignal, UpstreamChannel } from './deadline.js';
import { errorMessage, errorName, isTransient } from './errorKinds.js';
import type { UpstreamOptions } from './options.js';
import { ConnectionPool } from './pool.js';

const SERVICE = 'Secrets Manager';

/** Which version of a secret to read; `variant` is its part of the cache key. */
export interface SecretSelector {
  readonly VersionId?: string;
  readonly VersionStage?: string;
  readonly variant: string;
}

/** The AWSCURRENT version, as a read without selector returns it. */
export const CURRENT_VERSION: SecretSelector = Object.freeze({ variant: '' });

/**
 * A selector for `versionId` and/or `versionStage`.
 *
 * @example
 * ```ts
 * const previous = secretSelector(undefined, 'AWSPREVIOUS');
 * ```
 */
export function secretSelector(versionId: string | undefined, versionStage: string | undefined): SecretSelector {
  if (versionId === undefined && versionStage === undefined) return CURRENT_VERSION;
  return { VersionId: versionId, VersionStage: versionStage, variant: `${versionId ?? ''}\u001e${versionStage ?? ''}` };
}

/** One id a batch read could not return, as `BatchGetSecretValue` reports it. */
export interface BatchError {
  SecretId?: string;
  ErrorCode?: string;
  Message?: string;
}

/** What `readBatch` returns: values in the order of the ids asked for, then the ids that failed. */
export interface BatchResult {
  values: SecretValueEntry[];
  errors: BatchError[];
}

/**
 * Secrets Manager behind the agent: `GetSecretValue` outputs cached whole by paramkit's `BaseProvider` (bounded
 * LRU, coalesced misses, stale-if-error), plus `BatchGetSecretValue` sharing the same entries.
 *
 * @example
 * ```ts
 * const secrets = new SecretValueProvider({ client, cacheSize: 1000, ttlSeconds: 300, timeoutMs: 0, staleIfErrorSeconds: 300 });
 * const output = await secrets.read('app/db', CURRENT_VERSION, false);
 * ```
 */
export class SecretValueProvider extends BaseProvider {
  readonly #channel: UpstreamChannel;
  readonly #ttl: number;
  readonly #timeoutMs: number;
  readonly #plain: GetOptionsInterface;
  readonly #refresh: GetOptionsInterface;

  constructor(options: UpstreamOptions<SecretsManagerClient>) {
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
    this.#plain = Object.freeze({ maxAge: this.#ttl, sdkOptions: CURRENT_VERSION });
    this.#refresh = Object.freeze({ maxAge: this.#ttl, sdkOptions: CURRENT_VERSION, forceFetch: true });
  }

  /**
   * The cached `GetSecretValue` output when it is fresh (counted as a hit), else `undefined`; never fetches. Lets
   * the agent answer a hit without a promise; a miss then goes through `read`.
   */
  cached(secretId: string, selector: SecretSelector): GetSecretValueCommandOutput | undefined {
    const options = selector === CURRENT_VERSION ? this.#plain : { maxAge: this.#ttl, sdkOptions: selector };
    return this.cachedValue(this.getCacheKey(secretId, options), this.#ttl)?.value as
      | GetSecretValueCommandOutput
      | undefined;
  }

  /** The `GetSecretValue` output for a secret, from the cache when fresh; `refresh` skips the cache. */
  read(secretId: string, selector: SecretSelector, refresh: boolean): Promise<GetSecretValueCommandOutput> {
    const options =
      selector === CURRENT_VERSION
        ? refresh
          ? this.#refresh
          : this.#plain
        : { maxAge: this.#ttl, sdkOptions: selector, forceFetch: refresh };
    return this.get(secretId, options) as Promise<GetSecretValueCommandOutput>;
  }

  /**
   * Current versions of up to 20 secrets: cached ones from the cache, the others with one `BatchGetSecretValue`,
   * whose values are cached for later single and batch reads.
   */
  async readBatch(ids: readonly string[], refresh: boolean): Promise<BatchResult> {
    const found = new Map<string, SecretValueEntry>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = refresh ? undefined : this.cachedValue(this.#keyOf(id), this.#ttl);
      if (hit === undefined) missing.push(id);
      else found.set(id, hit.value as SecretValueEntry);
    }
    const errors: BatchError[] = [];
    const extra: SecretValueEntry[] = [];
    if (missing.length > 0) {
      this.countMisses(missing.length);
      try {
        const fetched = await this.#batchGet(missing);
        errors.push(...fetched.errors);
        for (const entry of fetched.values) {
          const id = missing.find((candidate) => matches(candidate, entry));
          if (id === undefined) {
            extra.push(entry);
            continue;
          }
          found.set(id, entry);
          this.cacheValue(this.#keyOf(id), entry, this.#ttl);
        }
      } catch (error) {
        this.#serveStale(missing, refresh, error, found, errors);
      }
    }
    const values = ids.flatMap((id) => found.get(id) ?? []);
    return { values: [...values, ...extra], errors };
  }

  protected override async _get(secretId: string, options?: GetOptionsInterface): Promise<GetSecretValueCommandOutput> {
    const selector = (options?.sdkOptions as SecretSelector | undefined) ?? CURRENT_VERSION;
    const command = new GetSecretValueCommand({
      SecretId: secretId,
      VersionId: selector.VersionId,
      VersionStage: selector.VersionStage,
    });
    this.countApiCalls(1);
    return this.#channel.send(command, deadlineSignal(this.#timeoutMs));
  }

  protected override _getMultiple(): Promise<Record<string, unknown>> {
    return Promise.reject(new Error('Secrets are read one by one or in a batch, not by path'));
  }

  protected override cacheKeyVariant(options: GetOptionsInterface): string {
    return (options.sdkOptions as SecretSelector | undefined)?.variant ?? '';
  }

  /**
   * After a failed batch call: ids with a value inside the stale-if-error window get it, the others become
   * errors. Rethrows when the error is not transient, on `refresh`, or when no id has a stale value.
   */
  #serveStale(
    ids: readonly string[],
    refresh: boolean,
    error: unknown,
    found: Map<string, SecretValueEntry>,
    errors: BatchError[],
  ): void {
    if (refresh || !isTransient(error)) throw error;
    const failed: BatchError[] = [];
    for (const id of ids) {
      const stale = this.staleValue(this.#keyOf(id), this.#ttl);
      if (stale === undefined) failed.push({ SecretId: id, ErrorCode: errorName(error), Message: errorMessage(error) });
      else found.set(id, stale.value as SecretValueEntry);
    }
    if (failed.length === ids.length) throw error;
    errors.push(...failed);
  }

  #keyOf(id: string): string {
    return this.getCacheKey(id, this.#plain);
  }

  async #batchGet(ids: string[]): Promise<BatchResult> {
    const signal = deadlineSignal(this.#timeoutMs);
    const result: BatchResult = { values: [], errors: [] };
    let nextToken: string | undefined;
    do {
      this.countApiCalls(1);
      const page = await this.#channel.send<BatchGetSecretValueCommandOutput>(
        new BatchGetSecretValueCommand({ SecretIdList: ids, NextToken: nextToken }),
        signal,
      );
      result.values.push(...(page.SecretValues ?? []));
      result.errors.push(...(page.Errors ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return result;
  }
}

/** Whether a batch entry answers the id asked for: a name, a full ARN, or a partial ARN (without `-xxxxxx`). */
function matches(id: string, entry: SecretValueEntry): boolean {
  if (id === entry.Name || id === entry.ARN) return true;
  return entry.ARN !== undefined && id.startsWith('arn:') && entry.ARN.startsWith(`${id}-`);
}
